import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks } from '../common/events/hooks';
import '../groups/groups.hooks';
import '../meetings/meetings.hooks';
import { deletedDocumentIds, linkedDocuments, liveDocumentIdsInGroup } from './documents.queries';

/**
 * What the documents context answers for the contexts below it (docs/architecture.md, "Ports"): which documents
 * an agenda item may link, which documents a meeting's answer lists, and what the activity feed leaves out.
 */
@Injectable()
export class DocumentsHooks implements OnModuleInit {
  constructor(private readonly hooks: DomainHooks) {}

  onModuleInit(): void {
    this.hooks.answer('agenda.linkable_documents', (em, { groupId, documentIds }) =>
      liveDocumentIdsInGroup(em, groupId, documentIds),
    );
    this.hooks.answer('meeting.linked_documents', async (em, { meetings }) => {
      if (meetings.length === 0) return [];
      const rows = await linkedDocuments(
        em,
        meetings.filter((m) => !m.includeMembersOnly).map((m) => m.meetingId),
        meetings.filter((m) => m.includeMembersOnly).map((m) => m.meetingId),
      );
      return rows.map((r) => ({
        id: r.id,
        meetingId: r.meeting_id,
        title: r.title,
        kind: r.kind,
        visibility: r.visibility,
      }));
    });
    // The feed's readers are active members and stewards, who see members-only documents; what they may no
    // longer see is a deleted document (anchors and stewards still see its history: they manage the group).
    this.hooks.answer('group.activity_redactions', async (em, { groupId }) => ({
      hiddenEntityIds: await deletedDocumentIds(em, groupId),
      hiddenActions: [],
    }));
  }
}
