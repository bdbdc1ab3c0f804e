import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** What a group's activity feed must not show to a reader who may not see drafts. */
export interface ActivityRedaction {
  /** Audit events about these entities are left out (e.g. draft meetings and their agenda items). */
  hiddenEntityIds: string[];
  /** Audit events with these actions are left out (e.g. saving draft minutes). */
  hiddenActions: string[];
}

export type ActivityRedactor = (em: EntityManager, groupId: string) => Promise<ActivityRedaction>;

/**
 * The activity feed is built from the audit chain, which records drafts too. Each context that has drafts says
 * here what to leave out for readers who are not anchors or stewards, so the feed never shows more than the
 * context's own routes would (without the groups context knowing other contexts' tables).
 */
@Injectable()
export class ActivityVisibility {
  private readonly redactors: ActivityRedactor[] = [];

  register(redactor: ActivityRedactor): void {
    this.redactors.push(redactor);
  }

  async redactionsFor(em: EntityManager, groupId: string): Promise<ActivityRedaction> {
    const parts = await Promise.all(this.redactors.map((redact) => redact(em, groupId)));
    return {
      hiddenEntityIds: parts.flatMap((p) => p.hiddenEntityIds),
      hiddenActions: parts.flatMap((p) => p.hiddenActions),
    };
  }
}
