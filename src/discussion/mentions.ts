/**
 * Finds which of the candidate display names are mentioned as `@Display Name` in a body. A mention must end at
 * the end of the text or before a character that cannot continue a name (so `@Ann` does not match `@Anna`).
 * Longer names win over their prefixes: `@Ann Lee` mentions "Ann Lee", not also "Ann" ... unless "@Ann" appears
 * on its own elsewhere. Comparison is case-insensitive.
 */
export function findMentions(body: string, candidates: { id: string; displayName: string }[]): string[] {
  const text = body.toLowerCase();
  const sorted = [...candidates]
    .filter((c) => c.displayName.trim().length > 0)
    .sort((a, b) => b.displayName.length - a.displayName.length);
  const claimed: boolean[] = new Array<boolean>(text.length).fill(false);
  const found = new Set<string>();
  for (const candidate of sorted) {
    const token = `@${candidate.displayName.toLowerCase()}`;
    let from = 0;
    for (;;) {
      const at = text.indexOf(token, from);
      if (at < 0) break;
      from = at + 1;
      const next = text.charAt(at + token.length);
      if (next !== '' && /[\p{L}\p{N}_-]/u.test(next)) continue;
      if (claimed[at]) continue;
      for (let i = at; i < at + token.length; i += 1) claimed[i] = true;
      found.add(candidate.id);
    }
  }
  return [...found];
}
