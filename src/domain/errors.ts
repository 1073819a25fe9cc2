/** The one error type of the domain: a stable code, an HTTP-like status and a sentence for a person. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413;

export interface ErrorDetail {
  path?: string;
  message: string;
}

export class SandboxError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new SandboxError(400, code, message, details);
export const notFound = (code: string, message: string, details?: ErrorDetail[]) =>
  new SandboxError(404, code, message, details);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new SandboxError(409, code, message, details);
