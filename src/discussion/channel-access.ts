import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { seesDrafts } from '../meetings/meeting-access';
import { GroupRole } from '../groups/groups.enums';
import { GroupAccess, isActiveMember, loadGroupAccessById, requireGroupRole } from '../groups/group-access';
import { Channel } from './entities/channel.entity';
import { Message } from './entities/message.entity';
import { notFoundAs } from '../common/errors/not-found-as';

export const NOT_FOUND_CHANNEL = 'Channel';
export const NOT_FOUND_MESSAGE = 'Message';

export interface ChannelAccess {
  channel: Channel;
  access: GroupAccess;
}

/**
 * Discussions are for the group's active members (observers included, read-only). Everyone else, stewards too,
 * gets 404 for the channel, so neither the channel nor the group leaks. A restricted channel (a draft meeting's)
 * is a 404 also to members who may not see draft meetings (the meetings rule `seesDrafts`). Reads membership
 * from the database on every call: the database is the authority, not the socket's state. SQL twin (unread
 * counts): `channelReadableSql` in discussion.queries.ts, kept equal by test/sql-visibility-twins.e2e-spec.ts.
 */
export async function loadChannelAccess(
  em: EntityManager,
  channelId: string,
  user: AuthUser,
): Promise<ChannelAccess> {
  const channel = await em.findOne(Channel, { id: channelId }, { populate: ['group'] });
  if (!channel) throw new NotFoundError(NOT_FOUND_CHANNEL);
  const access = await notFoundAs(NOT_FOUND_CHANNEL, loadGroupAccessById(em, channel.group.id, user));
  if (!isActiveMember(access)) throw new NotFoundError(NOT_FOUND_CHANNEL);
  if (channel.restricted && !seesDrafts(access)) throw new NotFoundError(NOT_FOUND_CHANNEL);
  return { channel, access };
}

/** Members and anchors post; observers read only (403). A read-only channel refuses everyone. */
export function requirePoster(ca: ChannelAccess, action = 'post in this channel'): void {
  requireGroupRole(ca.access, GroupRole.Member, action);
  if (ca.channel.readOnly) throw readOnlyChannel(ca.channel.id);
}

export const readOnlyChannel = (channelId: string): ForbiddenError =>
  new ForbiddenError('This channel is read-only: its meeting is not open (draft, concluded or cancelled).', {
    code: 'channel.read_only',
    params: { channelId },
  });

export const channelRoom = (channelId: string): string => `channel:${channelId}`;
export const userRoom = (userId: string): string => `user:${userId}`;
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** A message the caller may see (through its channel); 404 "Message" otherwise. */
export async function loadMessageAccess(
  em: EntityManager,
  messageId: string,
  user: AuthUser,
  options: { lock?: boolean } = {},
): Promise<ChannelAccess & { message: Message }> {
  const message = await em.findOne(
    Message,
    { id: messageId },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!message) throw new NotFoundError(NOT_FOUND_MESSAGE);
  const access = await notFoundAs(NOT_FOUND_MESSAGE, loadChannelAccess(em, message.channel.id, user));
  return { ...access, message };
}
