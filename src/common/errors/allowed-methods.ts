import type { Application } from 'express';

interface RouteLayer {
  route?: { methods?: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * Nest mounts module middleware (`forRoutes('*')`) as routes for every method (`router.all`); a route on more
 * methods than the ordinary seven (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) is such a mount, not an endpoint.
 */
const ORDINARY_METHOD_COUNT = 7;

/**
 * The methods some route of the app answers on this path (upper case, HEAD with GET), or none when no route
 * matches it: what a 405's `Allow` header lists when the path is known and the method is not.
 */
export function allowedMethods(app: Application | undefined, path: string): string[] {
  const stack = (app as { router?: { stack?: RouteLayer[] } } | undefined)?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    const routeMethods = layer.route?.methods;
    if (!routeMethods || Object.keys(routeMethods).length > ORDINARY_METHOD_COUNT) continue;
    let matches: boolean;
    try {
      matches = layer.match(path);
    } catch {
      matches = false; // a path whose %-encoding does not decode
    }
    if (!matches) continue;
    for (const [method, on] of Object.entries(routeMethods)) {
      if (on && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
