import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiDocument, resolve, SchemaObject } from './support/openapi-fuzz';
import { createTestApp, TestApp } from './support/test-app';

/** How a list pages, as docs/pagination.md names it. */
type ListKind = 'cursor' | 'whole' | 'seq';

/** The rows of the table in docs/pagination.md: `| \`GET /path\` | kind | ...`. The document is the source. */
function documentedLists(): Map<string, ListKind> {
  const markdown = readFileSync(join(__dirname, '..', 'docs', 'pagination.md'), 'utf8');
  const rows = new Map<string, ListKind>();
  for (const match of markdown.matchAll(/^\|\s*`GET ([^`]+)`\s*\|\s*(cursor|whole|seq)\s*\|/gm)) {
    rows.set(match[1], match[2] as ListKind);
  }
  return rows;
}

interface ListOperation {
  path: string;
  kind: ListKind;
  properties: string[];
  query: string[];
}

function listOperations(doc: OpenApiDocument): { lists: ListOperation[]; bareArrays: string[] } {
  const lists: ListOperation[] = [];
  const bareArrays: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = (
        operation as { responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }> }
      ).responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const schema = resolve(doc, response.content?.['application/json']?.schema);
        if (schema.type === 'array') bareArrays.push(`${method.toUpperCase()} ${path}`);
        if (method !== 'get' || !schema.properties?.items) continue;
        const query = ((operation as { parameters?: { in: string; name: string }[] }).parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name);
        const properties = Object.keys(schema.properties);
        const kind: ListKind = properties.includes('hasMore')
          ? 'seq'
          : query.includes('cursor')
            ? 'cursor'
            : 'whole';
        lists.push({ path, kind, properties, query });
      }
    }
  }
  return { lists, bareArrays };
}

/**
 * One pagination convention (issue 12 item 6): every list answers `{ items, nextCursor }`; a list either pages by
 * `cursor`/`limit`, or is documented as one whole page with its reason, or is the one seq-paged list (message history).
 * docs/pagination.md lists each with its kind, and this test holds the document and the OpenAPI contract together.
 */
describe('pagination convention', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('answers no success response as a bare JSON array', () => {
    expect(listOperations(doc).bareArrays).toEqual([]);
  });

  it('gives every list items and nextCursor, and pages it the way docs/pagination.md says', () => {
    const documented = documentedLists();
    const { lists } = listOperations(doc);
    expect(lists.length).toBeGreaterThan(10);
    for (const list of lists) {
      expect({ path: list.path, nextCursor: list.properties.includes('nextCursor') }).toEqual({
        path: list.path,
        nextCursor: true,
      });
      expect({ path: list.path, kind: list.kind }).toEqual({
        path: list.path,
        kind: documented.get(list.path),
      });
      if (list.kind === 'cursor')
        expect({ path: list.path, limit: list.query.includes('limit') }).toEqual({
          path: list.path,
          limit: true,
        });
      if (list.kind === 'seq')
        expect(list.query).toEqual(expect.arrayContaining(['beforeSeq', 'afterSeq', 'limit']));
    }
    // No stale rows: every documented list exists.
    expect([...documented.keys()].sort()).toEqual(lists.map((l) => l.path).sort());
    expect(lists.filter((l) => l.kind === 'seq').map((l) => l.path)).toEqual(['/channels/{id}/messages']);
  });
});
