import { EntityManager } from '@mikro-orm/postgresql';
import { DomainHooks } from '../common/events/hooks';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditRecord, AuditService } from './audit.service';

describe('AuditService change helpers', () => {
  const em = { isInTransaction: () => true } as unknown as EntityManager;
  const meta = { user: null, requestId: 'r1' };

  function setup(): { audit: AuditService; hooks: DomainHooks; order: string[]; recorded: AuditRecord[] } {
    const hooks = new DomainHooks();
    const audit = new AuditService(hooks);
    const order: string[] = [];
    const recorded: AuditRecord[] = [];
    jest.spyOn(audit, 'record').mockImplementation((_em, _meta, record) => {
      order.push('audit');
      recorded.push(record);
      return Promise.resolve({} as AuditEvent);
    });
    return { audit, hooks, order, recorded };
  }

  it('records in the group chain after the change hook, and returns after', async () => {
    const { audit, hooks, order, recorded } = setup();
    hooks.onTransaction('group.created', (_em, payload) => {
      order.push(`hook ${payload.slug}`);
      return Promise.resolve();
    });
    const after = { id: 'g1', slug: 'g' };
    const returned = await audit.recordGroupChange(em, meta, 'g1', {
      action: 'group.created',
      entityType: 'WorkingGroup',
      entityId: 'g1',
      after,
      hook: { name: 'group.created', payload: { groupId: 'g1', slug: 'g', name: 'G' } },
    });
    expect(returned).toBe(after);
    // The hook's own row locks come before the group's audit lock (see GroupChange.hook).
    expect(order).toEqual(['hook g', 'audit']);
    expect(recorded).toEqual([
      { scope: 'group:g1', action: 'group.created', entityType: 'WorkingGroup', entityId: 'g1', after },
    ]);
  });

  it('records in the platform chain exactly what it is given', async () => {
    const { audit, recorded } = setup();
    await audit.recordPlatformChange(em, meta, {
      action: 'session.revoked',
      entityType: 'AuthSession',
      entityId: 's1',
      before: { a: 1 },
      after: { reason: 'logout' },
    });
    expect(recorded).toEqual([
      {
        scope: 'platform',
        action: 'session.revoked',
        entityType: 'AuthSession',
        entityId: 's1',
        before: { a: 1 },
        after: { reason: 'logout' },
      },
    ]);
  });
});
