import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../../src/common/auth/decorators';
import { TestApp } from './test-app';

export interface Route {
  method: string;
  path: string;
  isPublic: boolean;
}

/** Every route the real application registered, with its @Public() marking. */
export function collectRoutes(t: TestApp): Route[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const full = `/${[base, path]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const isPublic = Boolean(
        reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler as () => void, wrapper.metatype]),
      );
      routes.push({ method: RequestMethod[method], path: full, isPublic });
    }
  }
  return routes;
}

/** The route's path with its parameters filled in by values that name nothing. */
export const placeholderUrl = (path: string): string =>
  path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'slug' ? 'some-group' : '00000000-0000-4000-8000-000000000000',
  );
