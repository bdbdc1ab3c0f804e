/** The hooks the consensus context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * A member proposed a priority area (notifications tell the group's position takers it is open). Raised in the
     * proposal's transaction, after the area row is written. `actorId`: the proposer.
     */
    'priority_area.proposed': { areaId: string; groupId: string; actorId: string | null };
    /** Anchors adopted a priority area (notifications tell the group's active members). */
    'priority_area.adopted': { areaId: string; groupId: string; actorId: string | null };
  }
}

export {};
