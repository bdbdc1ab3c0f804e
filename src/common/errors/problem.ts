import { DomainError, FieldError } from './domain-error';
import type { ErrorCode, HttpFallbackCode } from './error-codes';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  params?: Record<string, unknown>;
  errors?: FieldError[];
  errorCount?: number;
  requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

export const problemType = (code: string): string => `urn:convene:problem:${code}`;

export function problemFromDomainError(error: DomainError): Problem {
  const code = error.extras.code ?? 'error';
  return {
    type: problemType(code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    code,
    ...(error.extras.params ? { params: error.extras.params } : {}),
    ...(error.extras.errors ? { errors: error.extras.errors } : {}),
    ...(error.extras.errorCount !== undefined ? { errorCount: error.extras.errorCount } : {}),
  };
}

export function genericProblem(status: number, detail: string, code: ErrorCode | HttpFallbackCode): Problem {
  return { type: problemType(code), title: titleFor(status), status, detail, code };
}
