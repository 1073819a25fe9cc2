/** A verification's outcome in words: one line per interaction, and for each failure which interaction and why. */
import type { VerificationResult } from './verify.js';

export function formatVerification(title: string, result: VerificationResult): string {
  const lines = [title];
  if (result.error) {
    lines.push(`  could not verify: ${result.error}`);
  } else {
    const failed = new Set(result.failures.map((f) => f.interaction));
    for (const { description, passed } of result.interactions) {
      const ok = passed && ![...failed].some((f) => f.endsWith(description));
      lines.push(`  ${ok ? '✓' : '✗'} ${description}`);
    }
    for (const failure of result.failures) {
      lines.push('', `  FAILED ${failure.interaction}`);
      for (const problem of failure.problems) lines.push(`    ${problem}`);
    }
  }
  // A re-signed call answered 401: the pact expected a 2xx there.
  const refusedSignatures = result.failures.filter((f) => f.problems.some((p) => /expected 2\d\d but was 401/.test(p)));
  if (refusedSignatures.length > 0) {
    lines.push('', `  hint: the service answered 401 to ${refusedSignatures.length} correctly re-signed call(s): is --secret its secret key, and does it sign-check the exact body bytes?`);
  }
  if (result.stateErrors.length > 0) {
    lines.push('', '  provider states that could not be set up (the verification fails, whether or not their interactions passed):');
    for (const message of result.stateErrors) lines.push(`    ${message}`);
  }
  const failedCount = result.error ? 1 : result.failures.length;
  const statesLine = result.stateErrors.length > 0 ? `, ${result.stateErrors.length} provider state(s) not set up` : '';
  const passedCount = result.interactions.length - result.failures.length;
  lines.push('', `${result.passed ? 'PASSED' : 'FAILED'}: ${Math.max(passedCount, 0)} interactions passed, ${failedCount} failed${statesLine}`);
  return lines.join('\n');
}
