/**
 * The worst request bodies of the issue-13 attack run, as raw bytes, each with the answer Convene must give.
 * Shared by the measuring process and the attacker processes of bench/body-bounds.ts.
 */
export interface WorstBody {
  name: string;
  bytes: Buffer;
  /** What Convene answers (the ceiling answers 422 or 413 without looking inside). */
  status: number;
}

/** 117,000 short base-36 keys: just under the 1 MB limit, as in the attack. */
function manyKeys(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`"${i.toString(36)}":0`);
  return `{${parts.join(',')}}`;
}

export function worstBodies(): WorstBody[] {
  const body = (name: string, json: string, status: number): WorstBody => ({
    name,
    bytes: Buffer.from(json, 'utf8'),
    status,
  });
  return [
    body('117,000 unknown keys (~1 MB)', manyKeys(117_000), 422),
    body('2,000-deep nesting', '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000), 422),
    body(
      '100,000-element array',
      JSON.stringify({ email: 'a@example.org', password: Array(100_000).fill(1) }),
      422,
    ),
    body('1.1 MB body', JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1_100_000) }), 413),
  ];
}

/** Minutes at every DTO maximum (SaveMinutesDto): ~580 KB, 1,003 keys and items, depth 3. Accepted. */
export function largestLegitimateBody(): WorstBody {
  const minutes = {
    body: 'm'.repeat(100_000),
    decisions: Array.from({ length: 200 }, () => 'd'.repeat(2_000)),
    actionItems: Array.from({ length: 200 }, (_, i) => ({
      title: `Action ${i}`.padEnd(300, 'a'),
      assigneeId: '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f',
      dueDate: '2031-06-30',
    })),
  };
  return {
    name: 'largest legitimate body (minutes at every maximum)',
    bytes: Buffer.from(JSON.stringify(minutes)),
    status: 200,
  };
}

/** POSTs one body as JSON and drains the answer; a connection the server closed on a 413 counts as that 413. */
export async function postBody(url: string, bytes: Buffer): Promise<number> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
