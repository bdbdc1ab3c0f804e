import { EntityManager } from '@mikro-orm/postgresql';
import { Message } from '../../src/discussion/entities/message.entity';
import { Document } from '../../src/documents/entities/document.entity';
import { DocumentVersion } from '../../src/documents/entities/document-version.entity';
import { AgendaItem } from '../../src/meetings/entities/agenda-item.entity';
import { Attendance } from '../../src/meetings/entities/attendance.entity';
import { Meeting } from '../../src/meetings/entities/meeting.entity';
import { MeetingStatus, MinutesStatus } from '../../src/meetings/meetings.enums';
import { ActionItem, Minutes } from '../../src/meetings/entities/minutes.entity';
import { Rsvp } from '../../src/meetings/entities/rsvp.entity';
import { SeedTally } from './context';
import { DemoSeedResult } from './seed';

/** What the database now holds (whole database, demo or not), for the summary `npm run seed:demo` prints. */
async function totals(em: EntityManager): Promise<Record<string, number>> {
  return {
    concluded: await em.count(Meeting, { status: MeetingStatus.Concluded }),
    scheduled: await em.count(Meeting, { status: MeetingStatus.Scheduled }),
    meetings: await em.count(Meeting),
    agendaItems: await em.count(AgendaItem),
    rsvps: await em.count(Rsvp),
    attendance: await em.count(Attendance),
    minutes: await em.count(Minutes, { status: MinutesStatus.Published }),
    actionItems: await em.count(ActionItem),
    messages: await em.count(Message),
    documents: await em.count(Document, { deletedAt: null }),
    versions: await em.count(DocumentVersion),
  };
}

const describe = (t: SeedTally): string =>
  `${t.meetings} meetings, ${t.agendaItems} agenda items, ${t.rsvps} RSVPs, ${t.attendance} attendances, ` +
  `${t.minutes} minutes, ${t.actionItems} action items, ${t.messages} messages, ${t.documents} documents, ` +
  `${t.versions} further versions, ${t.proposals} group proposals, ${t.priorityAreas} priority areas, ` +
  `${t.positions} positions, ${t.commitments} commitments, ${t.assistanceRequests} assistance requests, ` +
  `${t.reviews} open reviews`;

export async function describeSeed(em: EntityManager, result: DemoSeedResult): Promise<string> {
  const t = await totals(em);
  return [
    `Demo content in ${result.activeGroups.length} active groups (${result.activeGroups.join(', ')}):`,
    `  in the database: ${t.meetings} meetings (${t.concluded} concluded, ${t.scheduled} scheduled), ` +
      `${t.agendaItems} agenda items, ${t.rsvps} RSVPs, ${t.attendance} attendances, ` +
      `${t.minutes} published minutes, ${t.actionItems} action items, ${t.messages} messages, ` +
      `${t.documents} documents (${t.versions} versions)`,
    `  created by this run: ${describe(result.created)}`,
  ].join('\n');
}
