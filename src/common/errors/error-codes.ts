/**
 * Every problem `code` a client may receive, with the HTTP status it comes with; docs/error-codes.md says what
 * each means (a unit test keeps the two in step). The generic codes are declared here; each context declares the
 * ones it raises in its own `<context>.errors.ts` by declaration merging (like the hook maps in events/hooks.ts),
 *   declare module '../common/errors/error-codes' { interface ErrorCodeMap { 'minutes.published': 409 } }
 * so a code is declared once, its status is checked where it is thrown (a ConflictError takes 409 codes only),
 * and the string values, which clients translate, cannot drift by a typo.
 */
export interface ErrorCodeMap {
  'request.bad': 400;
  'request.malformed': 400;
  'request.malformed_json': 400;
  'auth.unauthorized': 401;
  'access.forbidden': 403;
  'access.role_required': 403;
  'resource.not_found': 404;
  'route.not_found': 404;
  'route.method_not_allowed': 405;
  'state.conflict': 409;
  'state.duplicate': 409;
  'state.concurrent_change': 409;
  'request.too_large': 413;
  'request.unsupported_media_type': 415;
  'request.invalid': 422;
  'request.too_deep': 422;
  'request.too_many_keys': 422;
  'request.too_many_items': 422;
  'request.too_many_values': 422;
  'request.forbidden_key': 422;
  'rate.limited': 429;
  'server.unexpected': 500;
  'database.unavailable': 503;
  'server.shutting_down': 503;
}

export type ErrorCode = keyof ErrorCodeMap;

/** The codes declared with one status, e.g. every 409 code for a ConflictError. */
export type ErrorCodeWithStatus<S extends number> = {
  [C in ErrorCode]: ErrorCodeMap[C] extends S ? C : never;
}[ErrorCode];

/** What a framework HttpException of any other status becomes, e.g. `http.501` (not a declared code). */
export type HttpFallbackCode = `http.${number}`;
