/**
 * Requests generated from the contract: for each operation of an OpenAPI document, its method and path, path and
 * query parameters and JSON body drawn from the schemas, then (often) spoiled by a hostile mutation.
 */
import fc from 'fast-check';
import { loadContract, type ContractName, type OpenApiOperation } from '../../../src/openapi/documents.js';
import { mutate, type WireRequest } from './hostile.js';
import type { createSchemaArbitraries } from './schema-arbitrary.js';

export interface ContractRequestOptions {
  contract: ContractName;
  schemas: ReturnType<typeof createSchemaArbitraries>;
  /** Relative weight of each operationId; operations not listed are not generated. */
  weights: Record<string, number>;
  /** Overrides for parameter values, by parameter name (e.g. a pool of valid loyalty sessions). */
  parameters?: Record<string, fc.Arbitrary<unknown>>;
  /** Headers for an operation (authentication), chosen per request. */
  headers: (operation: OpenApiOperation) => fc.Arbitrary<Record<string, string>>;
  /** How often a request is mutated, out of 100. */
  hostilePercent: number;
}

export function contractRequests(options: ContractRequestOptions): fc.Arbitrary<WireRequest & { operationId: string }> {
  const contract = loadContract(options.contract);
  const choices = Object.entries(options.weights).map(([operationId, weight]) => {
    const operation = contract.operations.get(operationId);
    if (!operation) throw new Error(`${operationId} is not in openapi/${options.contract}.yaml`);
    return { weight, arbitrary: wellFormed(operation, options).map((request) => ({ ...request, operationId })) };
  });
  return fc.oneof(...choices).chain((request) =>
    fc.integer({ min: 1, max: 100 }).chain((roll) =>
      roll <= options.hostilePercent ? mutate(request).map((mutated) => ({ ...mutated, operationId: request.operationId })) : fc.constant(request),
    ),
  );
}

function wellFormed(operation: OpenApiOperation, options: ContractRequestOptions): fc.Arbitrary<WireRequest> {
  const parameter = (p: OpenApiOperation['parameters'][number]) =>
    options.parameters?.[p.name] ?? options.schemas.at(options.contract, p.schemaPointer);
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const path = fc.record(Object.fromEntries(pathParameters.map((p) => [p.name, parameter(p)])));
  const query = fc.record(Object.fromEntries(queryParameters.map((p) => [p.name, parameter(p)])), {
    requiredKeys: queryParameters.filter((p) => p.required).map((p) => p.name),
  });
  const body = operation.requestBodyPointer ? options.schemas.at(options.contract, operation.requestBodyPointer) : fc.constant(undefined);
  return fc.tuple(path, query, body, options.headers(operation)).map(([pathValues, queryValues, bodyValue, headers]) => {
    const url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodePathValue(String((pathValues as Record<string, unknown>)[name])));
    const search = new URLSearchParams(Object.entries(queryValues as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
    return {
      label: operation.operationId,
      method: operation.method,
      path: search ? `${url}?${search}` : url,
      headers: { 'content-type': 'application/json', ...headers },
      body: bodyValue === undefined ? undefined : JSON.stringify(bodyValue),
    };
  });
}

/** Percent-encodes a path value; a lone surrogate (no UTF-8 for it) goes out as the bytes of an encoded surrogate, invalid UTF-8. */
function encodePathValue(value: string): string {
  return Array.from(value)
    .map((character) => {
      try {
        return encodeURIComponent(character);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}
