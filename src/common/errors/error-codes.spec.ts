import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * docs/error-codes.md is what client developers translate from, so it must list exactly the declared codes. The
 * catalogues are types (ErrorCodeMap, merged from every `*.errors.ts`), so they are read from the source.
 */
const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Declared {
  code: string;
  status: number;
  file: string;
}

/** Every member of every `interface ErrorCodeMap` under src/, with its status literal. */
function declaredCodes(): Declared[] {
  const found: Declared[] = [];
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('interface ErrorCodeMap')) continue;
    const file = relative(ROOT, path);
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'ErrorCodeMap') {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !ts.isStringLiteral(member.name)) {
            throw new Error(`${file}: ErrorCodeMap members must be quoted codes`);
          }
          const type = member.type;
          if (!type || !ts.isLiteralTypeNode(type) || !ts.isNumericLiteral(type.literal)) {
            throw new Error(`${file}: ${member.name.text} must be declared with a numeric HTTP status`);
          }
          found.push({ code: member.name.text, status: Number(type.literal.text), file });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
  }
  return found;
}

/** The table rows of the doc: `| \`code\` | status | meaning |`. */
function documentedCodes(): { code: string; status: number }[] {
  const doc = readFileSync(join(ROOT, 'docs', 'error-codes.md'), 'utf8');
  return [...doc.matchAll(/^\|\s*`([^`]+)`\s*\|\s*(\d{3})\s*\|\s*\S/gm)].map(([, code, status]) => ({
    code,
    status: Number(status),
  }));
}

describe('problem code catalogues', () => {
  const declared = declaredCodes();
  const documented = documentedCodes();

  it('finds the generic catalogue and the contexts’ ones', () => {
    const files = new Set(declared.map((d) => d.file));
    expect(files).toContain(join('src', 'common', 'errors', 'error-codes.ts'));
    expect(files.size).toBeGreaterThan(1);
    expect(declared.map((d) => d.code)).toEqual(
      expect.arrayContaining(['request.invalid', 'group.role_required', 'minutes.published']),
    );
  });

  it('declares each code once', () => {
    const files = (code: string): string[] => declared.filter((d) => d.code === code).map((d) => d.file);
    const twice = [...new Set(declared.map((d) => d.code))]
      .filter((code) => files(code).length > 1)
      .map((code) => `${code}: ${files(code).join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('documents every declared code with its status, and only those, each once', () => {
    const byCode = (list: { code: string; status: number }[]): string[] =>
      list.map((d) => `${d.code} ${d.status}`).sort();
    expect(byCode(documented)).toEqual(byCode(declared));
  });
});
