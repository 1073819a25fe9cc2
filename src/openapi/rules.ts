/**
 * Every rule the sandbox applies and where it comes from, read from the one place they are written: the OpenAPI
 * documents (`x-rules`, and the `x-basis` of each operation and schema), plus the warnings of src/domain/warnings.ts.
 * `GET /sandbox/rules` serves this list; refusals and warnings quote a rule's text from it.
 */
import { WARNINGS } from '../domain/warnings.js';
import type { components } from './generated/trueplay.js';
import { loadContract, type ContractName } from './documents.js';

export type Rule = components['schemas']['Rule'];

interface Annotated {
  'x-basis'?: 'documented' | 'decided';
  'x-source'?: string;
  'x-reason'?: string;
}

const WARNING_REASON = 'a call the sandbox accepts that will likely misbehave with the real Trueplay or a real wallet';

function basisOf(node: Annotated, where: string): Pick<Rule, 'basis' | 'source' | 'reason'> {
  const basis = node['x-basis'];
  if (basis === 'documented' && node['x-source']) return { basis, source: node['x-source'] };
  if (basis === 'decided' && node['x-reason']) return { basis, reason: node['x-reason'] };
  // A document that lost an annotation is a defect of the sandbox, caught by the first test that lists rules.
  throw new Error(`${where} has no x-basis with its x-source (documented) or x-reason (decided)`);
}

let rules: Rule[] | undefined;

export function listRules(): Rule[] {
  if (rules) return rules;
  const business: Rule[] = [];
  const described: Rule[] = [];
  for (const name of ['trueplay', 'operator'] as ContractName[]) {
    const { document } = loadContract(name);
    const file = `${name}.yaml` as const;
    for (const rule of (document['x-rules'] ?? []) as (Annotated & { code: string; text: string; operations?: string[]; lenient?: 'warning' })[]) {
      business.push({
        code: rule.code,
        kind: 'rule',
        text: rule.text,
        ...basisOf(rule, `${file} x-rules ${rule.code}`),
        document: file,
        ...(rule.operations ? { operations: rule.operations } : {}),
        ...(rule.lenient ? { lenient: rule.lenient } : {}),
      });
    }
    for (const [path, item] of Object.entries<Record<string, Annotated & { operationId?: string; summary?: string }>>(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation?.operationId) continue;
        described.push({
          code: operation.operationId,
          kind: 'operation',
          text: `${method.toUpperCase()} ${path}: ${operation.summary ?? operation.operationId}`,
          ...basisOf(operation, `${file} ${operation.operationId}`),
          document: file,
        });
      }
    }
    for (const [schemaName, schema] of Object.entries<Annotated & { description?: string }>(document.components?.schemas ?? {})) {
      described.push({
        code: schemaName,
        kind: 'schema',
        text: (schema.description ?? schemaName).trim().split('\n').join(' '),
        ...basisOf(schema, `${file} schema ${schemaName}`),
        document: file,
      });
    }
  }
  const warnings: Rule[] = Object.entries(WARNINGS).map(([code, { reason }]) => ({
    code,
    kind: 'warning',
    text: reason,
    basis: 'decided',
    reason: WARNING_REASON,
  }));
  rules = [...business, ...warnings, ...described];
  return rules;
}

/** A business rule by its code, as refusals and warnings quote it. */
export function ruleOf(code: string): Rule {
  const rule = listRules().find((r) => r.kind === 'rule' && r.code === code);
  if (!rule) throw new Error(`no rule ${code} in openapi/ x-rules`);
  return rule;
}

/** "<the rule's text> (<its public page>)": how a refusal or a warning names the rule it applies. */
export function quoteRule(code: string): string {
  const rule = ruleOf(code);
  return `${rule.text} (${rule.source ?? `decided: ${rule.reason}`})`;
}
