import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// Every relative link in README.md and docs/**/*.md must reach a file of this repository: a newcomer's clone has
// nothing outside it (a link to ../shared/DESIGN.md was dead for everyone but us).
const ROOT = resolve(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Link targets outside fenced code and inline code: `[text](target "title")` and `[ref]: target`. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '``');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...references];
}

const isExternal = (target: string): boolean =>
  /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

describe('documentation links', () => {
  const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

  it('finds the documents and their links (the checker itself works)', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(
      linkTargets('see [a](docs/a.md#x "t") and `[b](nope.md)`\n\n```\n[c](nope.md)\n```\n[d]: ../d.md'),
    ).toEqual(['docs/a.md#x', '../d.md']);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s: every relative link resolves to a file inside the repository',
    (_name, file) => {
      const problems: string[] = [];
      for (const target of linkTargets(readFileSync(file, 'utf8'))) {
        if (isExternal(target) || target.startsWith('#')) continue;
        const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
        const resolved = path.startsWith('/') ? join(ROOT, path) : resolve(dirname(file), path);
        if (resolved !== ROOT && !resolved.startsWith(ROOT + sep))
          problems.push(`${target}: outside the repository`);
        else if (!existsSync(resolved)) problems.push(`${target}: no such file`);
      }
      expect(problems).toEqual([]);
    },
  );
});
