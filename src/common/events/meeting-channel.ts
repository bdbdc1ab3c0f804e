import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The discussion context provides this so that `POST /meetings/:id/join` can return the meeting's live channel
 * without the meetings context importing discussion code. Optional: without it, join returns the meeting id.
 */
export const MEETING_CHANNEL_LOOKUP = Symbol('MEETING_CHANNEL_LOOKUP');

export interface MeetingChannelLookup {
  channelIdForMeeting(em: EntityManager, meetingId: string): Promise<string | null>;
}
