import { ChainedContent, hashAuditContent } from './audit-hash';

const base: ChainedContent = {
  scope: 'platform',
  seq: 1,
  actorId: null,
  action: 'user.registered',
  entityType: 'User',
  entityId: 'u1',
  before: null,
  after: { email: 'a@example.org', displayName: 'A' },
  requestId: 'r1',
  occurredAt: new Date('2026-01-01T00:00:00.000Z'),
  prevHash: null,
};

describe('hashAuditContent', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    const reordered = { ...base, after: { displayName: 'A', email: 'a@example.org' } };
    expect(hashAuditContent(reordered)).toBe(hashAuditContent(base));
  });

  it('changes when any covered field changes, including the previous hash', () => {
    const original = hashAuditContent(base);
    expect(hashAuditContent({ ...base, after: { email: 'b@example.org', displayName: 'A' } })).not.toBe(
      original,
    );
    expect(hashAuditContent({ ...base, prevHash: 'f'.repeat(64) })).not.toBe(original);
    expect(hashAuditContent({ ...base, seq: 2 })).not.toBe(original);
    expect(hashAuditContent({ ...base, occurredAt: new Date('2026-01-01T00:00:00.001Z') })).not.toBe(
      original,
    );
  });

  it('is a 64-character hex SHA-256', () => {
    expect(hashAuditContent(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
