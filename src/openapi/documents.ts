/** The two OpenAPI documents under openapi/, loaded once: the one wire contract every route and validator reads. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The YAML parser loads only when no compiled JSON matches (running from sources, or after an edit). */
const parse = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

export type ContractName = 'trueplay' | 'operator';

/** openapi/ sits two levels above both src/openapi and dist/openapi. */
export const openapiDirectory = fileURLToPath(new URL('../../openapi/', import.meta.url));

export interface OpenApiOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: (OpenApiParameter & { schemaPointer: string })[];
  /** JSON pointers into the document, so validators compile the schema where it stands and its `$ref`s resolve. */
  requestBodyPointer: string | undefined;
  /**
   * `x-lenient` of the operation: the body schema an operator with `validation: lenient` is held to instead, and
   * the documented rule (an `x-rules` code) that the difference between the two schemas enforces.
   */
  lenient: { bodyPointer: string; rule: string } | undefined;
  responsePointers: Map<string, { contentType: string; schemaPointer: string | undefined }>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

export interface ContractDocument {
  name: ContractName;
  /** Base URI the validator registers the document under, so `$ref`s between the two files resolve. */
  id: string;
  text: string;
  document: Record<string, any>;
  operations: Map<string, OpenApiOperation>;
}

const cache = new Map<ContractName, ContractDocument>();

export function loadContract(name: ContractName): ContractDocument {
  const cached = cache.get(name);
  if (cached) return cached;
  const text = readFileSync(`${openapiDirectory}${name}.yaml`, 'utf8');
  const document = parsedDocument(name, text);
  const contract: ContractDocument = {
    name,
    id: `https://trueplay-sandbox.local/openapi/${name}.yaml`,
    text,
    document,
    operations: indexOperations(document),
  };
  cache.set(name, contract);
  return contract;
}

/**
 * A document's text as a running sandbox serves it: its `servers` entry names the URL that sandbox really has,
 * where the file keeps its placeholder (the default port). The rest of the text is the file, comments included.
 */
export function contractTextServedAt(name: ContractName, url: string): string {
  const contract = loadContract(name);
  const placeholder: unknown = contract.document.servers?.[0]?.url;
  const line = `  - url: ${placeholder}\n`;
  if (typeof placeholder !== 'string' || !contract.text.includes(line)) throw new Error(`openapi/${name}.yaml has no "servers" entry to point at ${url}`);
  return contract.text.replace(line, `  - url: ${url}\n`);
}

const pathPatterns = new Map<ContractName, RegExp[]>();

/** Whether a document declares `path` (a `{parameter}` stands for one segment), whatever the method. */
export function declaresPath(name: ContractName, path: string): boolean {
  let patterns = pathPatterns.get(name);
  if (!patterns) {
    const templates = new Set([...loadContract(name).operations.values()].map((operation) => operation.path));
    patterns = [...templates].map((template) =>
      new RegExp(`^${template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`));
    pathPatterns.set(name, patterns);
  }
  return patterns.some((pattern) => pattern.test(path));
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function indexOperations(document: Record<string, any>): Map<string, OpenApiOperation> {
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const at = `/paths/${escape(path)}/${method}`;
      const parameters = [
        ...(item.parameters ?? []).map((_: unknown, i: number) => `/paths/${escape(path)}/parameters/${i}`),
        ...(operation.parameters ?? []).map((_: unknown, i: number) => `${at}/parameters/${i}`),
      ].map((pointer: string) => {
        const [target, resolvedPointer] = follow(document, pointer);
        return { ...(target as OpenApiParameter), schemaPointer: `${resolvedPointer}/schema` };
      });
      let requestBodyPointer: string | undefined;
      if (operation.requestBody) {
        const [body, pointer] = follow(document, `${at}/requestBody`);
        if ((body as any)?.content?.['application/json']?.schema) {
          requestBodyPointer = `${pointer}/content/${escape('application/json')}/schema`;
        }
      }
      const responsePointers = new Map<string, { contentType: string; schemaPointer: string | undefined }>();
      for (const status of Object.keys(operation.responses ?? {})) {
        const [response, pointer] = follow(document, `${at}/responses/${escape(status)}`);
        const [contentType, content] = Object.entries<any>((response as any)?.content ?? {})[0] ?? ['', undefined];
        responsePointers.set(status, {
          contentType,
          schemaPointer: content?.schema ? `${pointer}/content/${escape(contentType)}/schema` : undefined,
        });
      }
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        requestBodyPointer,
        lenient: operation['x-lenient'] ? { bodyPointer: String(operation['x-lenient'].schema).slice(1), rule: String(operation['x-lenient'].rule) } : undefined,
        responsePointers,
      });
    }
  }
  return operations;
}

/** The node at a JSON pointer, following local `$ref`s, and the pointer where it really stands. */
function follow(document: Record<string, any>, pointer: string): [unknown, string] {
  const node = pointer
    .slice(1)
    .split('/')
    .reduce((at: any, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  if (node && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) return follow(document, node.$ref.slice(1));
  return [node, pointer];
}

/**
 * The build keeps each document as JSON beside this module (`npm run build` runs compileContracts), because
 * parsing the YAML costs more than the rest of start-up. The JSON is used only while it matches the YAML's text,
 * so an edited contract is never served stale.
 */
const compiledFile = (name: ContractName) => fileURLToPath(new URL(`./${name}.compiled.json`, import.meta.url));
const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex');

function parsedDocument(name: ContractName, text: string): Record<string, any> {
  try {
    const compiled = JSON.parse(readFileSync(compiledFile(name), 'utf8')) as { fingerprint: string; document: Record<string, any> };
    if (compiled.fingerprint === fingerprint(text)) return compiled.document;
  } catch {
    /* not built yet (running from the TypeScript sources): parse the YAML */
  }
  return parse(text) as Record<string, any>;
}

export function compileContracts(): void {
  for (const name of ['trueplay', 'operator'] as const) {
    const text = readFileSync(`${openapiDirectory}${name}.yaml`, 'utf8');
    writeFileSync(compiledFile(name), JSON.stringify({ fingerprint: fingerprint(text), document: parse(text) }));
  }
}
