import { Meeting } from '../../src/meetings/entities/meeting.entity';
import { MeetingFormat, MeetingStatus } from '../../src/meetings/meetings.enums';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { TestApp } from '../support/test-app';

const HOUR = 3_600_000;

/** A valid `POST /working-groups/:slug/meetings` body, starting `inHours` from now, one hour long. */
export function meetingBody(overrides: Record<string, unknown> = {}, inHours = 48): Record<string, unknown> {
  const startsAt = new Date(Date.now() + inHours * HOUR);
  return {
    title: 'Open data exchange',
    format: 'virtual',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    timeZone: 'America/Mexico_City',
    onlineUrl: 'https://meet.example.org/open-data',
    ...overrides,
  };
}

/** Inserts a meeting directly (tests of RSVPs, minutes or calendars need not go through the API). */
export async function insertMeeting(
  t: TestApp,
  group: WorkingGroup,
  createdBy: { id: string },
  fields: Partial<
    Pick<Meeting, 'title' | 'status' | 'capacity' | 'startsAt' | 'endsAt' | 'timeZone' | 'format'>
  > = {},
): Promise<Meeting> {
  const em = t.em();
  const startsAt = fields.startsAt ?? new Date(Date.now() + 48 * HOUR);
  const meeting = em.create(Meeting, {
    group: group.id,
    title: fields.title ?? 'Inserted meeting',
    format: fields.format ?? MeetingFormat.Virtual,
    startsAt,
    endsAt: fields.endsAt ?? new Date(startsAt.getTime() + HOUR),
    timeZone: fields.timeZone ?? 'Europe/Paris',
    onlineUrl: 'https://meet.example.org/inserted',
    location: 'Room 1',
    capacity: fields.capacity ?? null,
    status: fields.status ?? MeetingStatus.Scheduled,
    createdBy: createdBy.id,
  });
  await em.flush();
  return meeting;
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.em().execute<{ n: string }[]>(`select count(*) as n from "${table}"`);
  return Number(row?.n);
}
