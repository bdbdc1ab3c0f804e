import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'urn:convene:problem:request.invalid' },
    title: { type: 'string', example: 'Unprocessable Content' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string', example: 'The request is not valid.' },
    code: { type: 'string', description: 'stable key for translated messages', example: 'request.invalid' },
    params: { type: 'object', additionalProperties: true },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', example: 'timeZone' }, message: { type: 'string' } },
      },
      description: 'at most 50 field errors; errorCount says how many there were',
    },
    errorCount: { type: 'integer', description: 'how many field errors there were in all', example: 1 },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
} as const;

/** Every operation can fail with a problem document: say so once for all of them. */
export function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.head, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      operation.responses.default ??= {
        description: 'An error, as RFC 9457 problem+json',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}
