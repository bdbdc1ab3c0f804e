import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The OpenAPI document is the contract generated clients are built from (docs/openapi.md): these checks read the
 * live document. The per-operation basics (summary, operationId, security, typed responses) are in
 * health.e2e-spec.ts; here: schema soundness, the declared security against what the guard does, and a client
 * generated with openapi-typescript that must type-check (and a wrong one that must not).
 */
type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
}
type Document = Json & { paths: Record<string, Record<string, Operation>> };

/**
 * openapi-typescript's programmatic API (openapiTS + astToString), run in a child Node process: its dependencies
 * are ES modules, which jest's CommonJS runtime cannot load.
 */
function generateTypes(documentFile: string, outFile: string): void {
  const script = `
    import openapiTS, { astToString } from 'openapi-typescript';
    import { readFileSync, writeFileSync } from 'node:fs';
    const [input, output] = process.argv.slice(1);
    const ast = await openapiTS(JSON.parse(readFileSync(input, 'utf8')));
    writeFileSync(output, astToString(ast));
  `;
  execFileSync(process.execPath, ['--input-type=module', '-e', script, documentFile, outFile], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const OPERATIONS = (doc: Document): [string, string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, string, Operation] => [method, path, op]),
  );

/** Every schema object in the document, with where it is. */
function schemas(value: unknown, at = '#'): [string, Json][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => schemas(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const own: [string, Json][] =
    'type' in value || 'nullable' in value || '$ref' in value ? [[at, value]] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => schemas(v, `${at}/${k}`))];
}

describe('OpenAPI contract', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  it('types every property: no object with a format, no property without a type, nullable beside a type', () => {
    const wrong: string[] = [];
    for (const [at, schema] of schemas(doc)) {
      if (schema.type === 'object' && 'format' in schema)
        wrong.push(`${at}: object with format ${String(schema.format)}`);
      if (schema.nullable === true && !('type' in schema)) wrong.push(`${at}: nullable without a type`);
      for (const [name, property] of Object.entries((schema.properties as Record<string, Json>) ?? {})) {
        const typed = ['type', '$ref', 'allOf', 'oneOf', 'anyOf', 'enum'].some((key) => key in property);
        if (!typed) wrong.push(`${at}/properties/${name}: no type`);
      }
    }
    expect(wrong).toEqual([]);
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  it('declares security as the guard applies it: anonymous calls are refused exactly where a token is required', async () => {
    const mismatches: string[] = [];
    for (const [method, path, op] of OPERATIONS(doc)) {
      const anonymousAllowed =
        op.security.length === 0 || op.security.some((r) => Object.keys(r).length === 0);
      // Any value will do for a path parameter: the guard answers before anything is looked up.
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http[method as 'get'](url);
      if ((res.status === 401) === anonymousAllowed)
        mismatches.push(`${method.toUpperCase()} ${path}: ${res.status}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists, for each problem status, the codes as an enum on the Problem schema', () => {
    const meeting = doc.paths['/meetings/{id}'].patch as unknown as { responses: Record<string, Json> };
    const codes = (status: number): unknown =>
      (meeting.responses[String(status)] as { content: Record<string, { schema: { allOf: Json[] } }> })
        .content['application/problem+json'].schema.allOf[1];
    expect(codes(409)).toMatchObject({
      properties: {
        code: { enum: expect.arrayContaining(['meeting.not_editable', 'state.concurrent_change']) },
      },
    });
    expect(codes(403)).toMatchObject({ properties: { code: { enum: ['group.role_required'] } } });
    expect(codes(401)).toMatchObject({
      properties: { code: { enum: ['auth.session_inactive', 'auth.unauthorized'] } },
    });
    // No route-specific code leaks into a route that does not declare it.
    expect(JSON.stringify(doc.paths['/meetings/{id}'].get)).not.toContain('meeting.not_editable');
  });

  describe('a client generated with openapi-typescript', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'convene-openapi-'));
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      generateTypes(join(dir, 'openapi.json'), join(dir, 'api.ts'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const CLIENT = `
      import type { operations, paths } from './api';
      type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
      type GroupPage = Json<paths['/working-groups']['get']['responses'][200]>;
      export const firstSlug = (page: GroupPage): string | undefined => page.items[0]?.slug;
      export const cursor = (page: GroupPage): string | null => page.nextCursor;
      type UpdateMe = NonNullable<paths['/me']['patch']['requestBody']>['content']['application/json'];
      export const join: UpdateMe = { organizationId: '00000000-0000-4000-8000-000000000000' };
      export const leave: UpdateMe = { organizationId: null };
      type NotFound = paths['/meetings/{id}']['get']['responses'][404]['content']['application/problem+json'];
      export const notFound: NotFound['code'] = 'resource.not_found';
      type Conflict = operations['updateMeeting']['responses'][409]['content']['application/problem+json'];
      export const conflict: Conflict['code'] = 'meeting.not_editable';
      export const query: operations['listWorkingGroups']['parameters']['query'] = {};
    `;

    function diagnostics(source: string): string[] {
      const file = join(dir, `client-${Math.random().toString(36).slice(2)}.ts`);
      writeFileSync(file, source);
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        skipLibCheck: true,
        types: [],
      });
      return ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    }

    it('type-checks a small client against the live document', () => {
      expect(diagnostics(CLIENT)).toEqual([]);
    }, 120_000);

    it('refuses wrong usage: an object for a uuid, a code the route does not give, an unknown path', () => {
      const wrong = [
        `${CLIENT}\nexport const badOrganization: UpdateMe = { organizationId: {} };`,
        `${CLIENT}\nexport const badCode: NotFound['code'] = 'meeting.not_editable';`,
        `${CLIENT}\nexport type Nowhere = paths['/nowhere']['get'];`,
      ];
      for (const source of wrong) expect(diagnostics(source)).toHaveLength(1);
    }, 120_000);
  });
});
