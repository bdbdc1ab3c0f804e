import { METHOD_METADATA } from '@nestjs/common/constants';
import type { ErrorCode, ErrorCodeMap } from '../errors/error-codes';

/**
 * Route metadata the OpenAPI document is finished from (document.ts). It travels as operation extensions, which
 * @nestjs/swagger copies onto each operation; `finishOpenApiDocument` reads and removes them.
 */
export const AUTH_EXTENSION = 'x-convene-auth';
export const PROBLEMS_EXTENSION = 'x-convene-problems';

/** How a route treats the caller, as `@Public()` declares it (no declaration: a bearer token is required). */
export interface PublicAuth {
  /**
   * `optional` (the default): anonymous callers are served, and a token, when sent, is verified and tailors the
   * answer. `unused`: the route never looks at the caller (login, health); documented as needing no security.
   */
  caller?: 'optional' | 'unused';
  /** Other security schemes (components.securitySchemes) that also identify the caller, e.g. a feed's query token. */
  alsoBy?: string[];
}

/**
 * Problem codes an operation answers beyond the generic ones every route of its kind may give (document.ts),
 * each with its status as the catalogues declare it: the compiler refuses an unknown code or a wrong status.
 */
export type ProblemCodes = { [C in ErrorCode]?: ErrorCodeMap[C] };

type Extensions = Record<string, unknown>;

/** Where `@ApiExtension` keeps a handler's extensions (@nestjs/swagger's API_EXTENSION_METADATA, not exported). */
const API_EXTENSION_METADATA = 'swagger/apiExtension';

function mergeExtension(target: object, key: string, merge: (previous: unknown) => unknown): void {
  const extensions = (Reflect.getMetadata(API_EXTENSION_METADATA, target) as Extensions | undefined) ?? {};
  Reflect.defineMetadata(API_EXTENSION_METADATA, { ...extensions, [key]: merge(extensions[key]) }, target);
}

/** The route handlers of a controller class (a class decorator runs after its methods' ones). */
function handlersOf(target: new (...args: never[]) => unknown): object[] {
  return Object.getOwnPropertyNames(target.prototype)
    .map((name) => Object.getOwnPropertyDescriptor(target.prototype, name)?.value as unknown)
    .filter((fn): fn is object => typeof fn === 'function' && Reflect.hasMetadata(METHOD_METADATA, fn));
}

/** A decorator for a handler, or for every handler of a controller; `merge` sees what was declared before. */
export function extensionDecorator(
  key: string,
  merge: (previous: unknown) => unknown,
): MethodDecorator & ClassDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      mergeExtension(descriptor.value as object, key, merge);
      return descriptor;
    }
    for (const handler of handlersOf(target as new (...args: never[]) => unknown)) {
      mergeExtension(handler, key, merge);
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}

/** The auth declaration of `@Public()`; a method's own declaration wins over its controller's. */
export const documentPublicAuth = (auth: PublicAuth): MethodDecorator & ClassDecorator =>
  extensionDecorator(
    AUTH_EXTENSION,
    (previous) => previous ?? { ...auth, caller: auth.caller ?? 'optional' },
  );

/**
 * Lists the problem codes a route raises itself (its service's rules), beside the generic ones:
 *   @ProblemResponses({ 'group.role_required': 403, 'meeting.not_editable': 409 })
 * Repeatable, on a handler or a controller; the codes add up.
 */
export const ProblemResponses = (codes: ProblemCodes): MethodDecorator & ClassDecorator =>
  extensionDecorator(PROBLEMS_EXTENSION, (previous) => ({
    ...(previous as ProblemCodes | undefined),
    ...codes,
  }));
