import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SecurityRequirementObject,
} from '@nestjs/swagger';
import type { ErrorCode } from '../errors/error-codes';
import { AUTH_EXTENSION, PROBLEMS_EXTENSION, type ProblemCodes, type PublicAuth } from './decorators';
import { PROBLEM_SCHEMA } from './problem-schema';
import { repairSchemas } from './schema-repairs';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** The name of the access-token scheme, as `@ApiBearerAuth()` and the DocumentBuilder call it. */
export const BEARER = 'bearer';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** What the body parser and the shape guards answer for any request with a JSON body (common/validation). */
const BODY_PROBLEMS: ProblemCodes = {
  'request.bad': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.invalid': 422,
  'request.too_deep': 422,
  'request.too_many_keys': 422,
  'request.too_many_items': 422,
  'request.too_many_values': 422,
  'request.forbidden_key': 422,
  // Refused bodies count against the per-IP budget (countRefusedBodies): past it, the refusal becomes a 429.
  'rate.limited': 429,
};

/** What the validation of a query string answers (BodyValidationPipe validates queries too). */
const QUERY_PROBLEMS: ProblemCodes = {
  'request.invalid': 422,
  'request.too_deep': 422,
  'request.too_many_keys': 422,
  'request.too_many_items': 422,
  'request.too_many_values': 422,
  'request.forbidden_key': 422,
};

/**
 * The problems an operation may answer because of what it is, not of what it does: derived from the finished
 * operation, so a new route gets them without being annotated.
 *  - every route: the global guard verifies any bearer token that is sent, even where none is needed, so a
 *    missing (where required), invalid or expired token, or an ended session, is a 401 anywhere; and since it
 *    looks the session up, an unreachable database is a 503 anywhere (docs/faults.md);
 *  - path parameters: what they name may not exist or be invisible to the caller (404, never 403), and a bad
 *    %-encoding in the path is a 400;
 *  - a query or a body: validation and the shape guards;
 *  - a state change: a unique violation or a lost serialization race the database reports.
 */
function genericProblems(method: string, operation: OperationObject): ProblemCodes {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const codes: ProblemCodes = {
    'auth.unauthorized': 401,
    'auth.session_inactive': 401,
    'database.unavailable': 503,
  };
  if (parameters.some((p) => p.in === 'path')) {
    Object.assign(codes, { 'request.malformed': 400, 'resource.not_found': 404 });
  }
  if (parameters.some((p) => p.in === 'query')) Object.assign(codes, QUERY_PROBLEMS);
  if (operation.requestBody) Object.assign(codes, BODY_PROBLEMS);
  if (method !== 'get' && method !== 'head') {
    Object.assign(codes, { 'state.duplicate': 409, 'state.concurrent_change': 409 });
  }
  return codes;
}

/** `@Public()`'s declaration as security requirements: none declared means a bearer token is required. */
function securityFor(auth: PublicAuth | undefined): SecurityRequirementObject[] {
  if (!auth) return [{ [BEARER]: [] }];
  const also = (auth.alsoBy ?? []).map((name) => ({ [name]: [] }));
  // `[]`: no security at all. `{}` is the anonymous alternative: "no credentials" is one of the ways in.
  if (auth.caller === 'unused') return also.length > 0 ? [{}, ...also] : [];
  return [{}, { [BEARER]: [] }, ...also];
}

const problemRef = { $ref: '#/components/schemas/Problem' };

function problemResponse(status: number, codes: ErrorCode[], previous?: ResponseObject): ResponseObject {
  const title = TITLES[status] ?? `HTTP ${status}`;
  const listed = codes.map((code) => `\`${code}\``).join(', ');
  const response: ResponseObject = {
    description: previous?.description ? `${previous.description} (${listed})` : `${title}: ${listed}`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            problemRef,
            {
              type: 'object',
              properties: {
                status: { type: 'integer', enum: [status] },
                code: { type: 'string', enum: codes },
              },
            },
          ],
        },
      },
    },
  };
  if (status === 429) {
    response.headers = {
      'Retry-After': { description: 'seconds until a retry may succeed', schema: { type: 'integer' } },
    };
  }
  return response;
}

function finishOperation(method: string, operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const auth = extensions[AUTH_EXTENSION] as PublicAuth | undefined;
  const declared = (extensions[PROBLEMS_EXTENSION] as ProblemCodes | undefined) ?? {};
  delete extensions[AUTH_EXTENSION];
  delete extensions[PROBLEMS_EXTENSION];

  operation.security = securityFor(auth);
  const codes = { ...genericProblems(method, operation), ...declared };

  const byStatus = new Map<number, ErrorCode[]>();
  for (const [code, status] of Object.entries(codes) as [ErrorCode, number][]) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const previous = operation.responses[String(status)] as ResponseObject | undefined;
    operation.responses[String(status)] = problemResponse(status, list.sort(), previous);
  }
  operation.responses.default = {
    description: 'Any other error, as RFC 9457 problem+json',
    content: { 'application/problem+json': { schema: problemRef } },
  };
}

/**
 * The shared rules applied to the document @nestjs/swagger built from the decorators: each operation's security
 * and problem responses from its route metadata (decorators.ts), the Problem schema, and schema repairs. Every
 * operation is covered, including those of contexts added later; test/openapi-contract.e2e-spec.ts and
 * `npm run openapi:lint` check the result (docs/openapi.md).
 */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.0.3';
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) finishOperation(method, operation);
    }
  }
  repairSchemas(document);
  return document;
}
