/**
 * The audit actions every context records, each with the type of entity it is about. Empty here: each context
 * declares its own in `<context>.audit.ts` by declaration merging (like the hook maps in common/events/hooks.ts),
 *   declare module '../audit/audit-actions' { interface AuditActionMap { 'minutes.saved': 'Minutes' } }
 * so a typo in an action, or an action recorded about the wrong entity type, fails to compile, and a place that
 * filters the chain by action (the group activity feed) names the same declared string as the place that
 * records it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AuditActionMap {}

/** Every declared action, e.g. `'minutes.saved'`. */
export type AuditAction = keyof AuditActionMap;

/** Every entity type some action is recorded about, e.g. `'Minutes'`. */
export type AuditEntityType = AuditActionMap[AuditAction];

/** The actions recorded about one entity type, e.g. every `membership.*` action for `'Membership'`. */
export type AuditActionOn<E extends AuditEntityType> = {
  [A in AuditAction]: AuditActionMap[A] extends E ? A : never;
}[AuditAction];
