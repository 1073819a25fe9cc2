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
  const refusedSignatures = result.failures.filter((f) => f.problems.some((p) => p.includes("'INVALID_SIGNATURE'") && p.startsWith('$.error.code')));
  if (refusedSignatures.length > 0) {
    lines.push('', `  hint: the service answered INVALID_SIGNATURE to ${refusedSignatures.length} correctly re-signed call(s): is --secret its secret key, and does it sign-check the exact body bytes?`);
  }
  if (result.stateErrors.length > 0) {
    lines.push('', '  provider state set-up failures (the interactions that needed them fail too):');
    for (const message of result.stateErrors) lines.push(`    ${message}`);
  }
  const failedCount = result.error ? 1 : result.failures.length;
  const passedCount = result.interactions.length - result.failures.length;
  lines.push('', `${result.passed ? 'PASSED' : 'FAILED'}: ${Math.max(passedCount, 0)} interactions passed, ${failedCount} failed`);
  return lines.join('\n');
}
