import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const PLATFORM_SCOPE = 'platform';
export const groupScope = (groupId: string): string => `group:${groupId}`;

/** The fields a link's hash covers; everything an auditor relies on, including the previous link's hash. */
export interface ChainedContent {
  scope: string;
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  occurredAt: Date;
  prevHash: string | null;
}

/** JSON as PostgreSQL's jsonb will give it back (no undefined, dates as ISO strings). */
export const toJsonValue = (value: unknown): Record<string, unknown> | null =>
  value === undefined || value === null
    ? null
    : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

/** SHA-256 over the canonical JSON of the content, so key order in jsonb cannot change the hash. */
export function hashAuditContent(content: ChainedContent): string {
  const canonical = canonicalJson({
    ...content,
    before: toJsonValue(content.before),
    after: toJsonValue(content.after),
    occurredAt: content.occurredAt.toISOString(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
