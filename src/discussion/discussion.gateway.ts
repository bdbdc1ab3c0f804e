import { EntityManager } from '@mikro-orm/postgresql';
import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { AuthSessionsService } from '../auth/auth-sessions.service';
import { TokensService } from '../auth/tokens.service';
import type { AuthenticatedMeta, AuthUser } from '../common/auth/auth-user';
import { NotFoundError, ServiceUnavailableError } from '../common/errors/domain-error';
import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
import { describeError } from '../common/errors/loggable-error';
import { toProblem } from '../common/errors/to-problem';
import { DomainHooks } from '../common/events/hooks';
import { channelRoom, loadChannelAccess, NOT_FOUND_CHANNEL, sessionRoom, userRoom } from './channel-access';
import { ChannelDto } from './dto/channel.dto';
import { InFlight } from './in-flight';
import {
  ChannelRefPayload,
  EditMessagePayload,
  JoinChannelPayload,
  MessageRefPayload,
  ReactionPayload,
  ReadPayload,
  SendMessagePayload,
} from './dto/socket-payloads.dto';
import { Channel } from './entities/channel.entity';
import { MessageChangesService } from './message-changes.service';
import { MessagesService } from './messages.service';
import { Ack, AckErrorBody, dataOf, DiscussionSocketData, senderCache } from './socket-state';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';
import { RealtimeBus } from './realtime-bus';
import { SocketLimits } from './socket-limits';
import { validatePayload } from './validate-payload';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** At most one `typing` relayed per user and channel in this window. */
export const TYPING_INTERVAL_MS = 2_000;

/** How long a graceful shutdown waits for the events being handled (within main.ts's 15 s forced exit). */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The `/discussion` namespace. Every handler validates its payload like an HTTP body, re-reads the caller's
 * standing from the database (each service call works on its own forked EntityManager, i.e. its own request
 * context) and answers with an ack; a refused event never disconnects the socket.
 */
@WebSocketGateway({ namespace: '/discussion' })
export class DiscussionGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger(DiscussionGateway.name);
  private readonly lastTyping = new Map<string, number>();
  private readonly inFlight = new InFlight();

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokensService,
    private readonly sessions: AuthSessionsService,
    private readonly messages: MessagesService,
    private readonly changes: MessageChangesService,
    private readonly readState: ReadStateService,
    private readonly presence: PresenceService,
    private readonly bus: RealtimeBus,
    private readonly hooks: DomainHooks,
    private readonly limits: SocketLimits,
  ) {}

  afterInit(namespace: Namespace): void {
    this.bus.attach(namespace);
    namespace.use((socket, next) => {
      this.admit(socket).then(next, (error: unknown) => next(this.handshakeError(error)));
    });
  }

  /**
   * Authenticates the handshake and takes one of the user's connection slots. The returned error is what the
   * client's `connect_error` carries: `unauthorized`, or `too_many_connections` with the ack error as `data`
   * (`database_unavailable` likewise, when the session cannot be looked up: handshakeError).
   */
  private async admit(socket: Socket): Promise<Error | undefined> {
    const user = await this.authenticate(socket);
    if (!user) return new Error('unauthorized');
    if (!(await this.limits.openConnection(user.id, socket.id))) {
      return Object.assign(new Error('too_many_connections'), {
        data: this.ackError(this.limits.tooManyConnections()),
      });
    }
    // Given back on disconnect, or when the transport closes before the socket is connected (a client that gave
    // up during the handshake): socket.io emits no disconnect for that one.
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      socket.conn.off('close', release);
      this.limits
        .closeConnection(user.id, socket.id)
        .catch((error: unknown) => this.logger.warn(`connection slot: ${String(error)}`));
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    if (socket.conn.readyState !== 'open') release();
    socket.data = {
      user,
      bucket: this.limits.connectionBucket(),
      readable: new Map(),
    } satisfies DiscussionSocketData;
    return undefined;
  }

  /** A database outage is not a bad token: the client is told to retry later, not to log in again. */
  private handshakeError(error: unknown): Error {
    if (!isDatabaseUnavailable(error)) return new Error('unauthorized');
    return Object.assign(new Error('database_unavailable'), { data: this.ackError(error) });
  }

  onModuleInit(): void {
    this.hooks.onCommitted('membership.ended', ({ groupId, groupSlug, userId }) =>
      this.revokeMembership(groupId, groupSlug, userId),
    );
    this.hooks.onCommitted('user.disabled', ({ userId }) => {
      this.bus.server?.in(userRoom(userId)).disconnectSockets(true);
    });
    // A socket lives on past its handshake token; ending the session it was opened with ends the socket too.
    this.hooks.onCommitted('sessions.revoked', ({ userId, sessionId }) => {
      this.bus.server?.in(sessionId ? sessionRoom(sessionId) : userRoom(userId)).disconnectSockets(true);
    });
  }

  /**
   * Graceful shutdown, first step (Nest closes the socket server only after the destroy hooks, the database
   * after that): new events are refused with 503 `server.shutting_down`, those being handled finish, so each
   * send in flight is committed and acked (and broadcast) or refused, before any socket is closed.
   */
  async onModuleDestroy(): Promise<void> {
    const settled = await this.inFlight.drain(DRAIN_TIMEOUT_MS);
    if (!settled) this.logger.warn(`shutdown: ${this.inFlight.size} socket events still running`);
    // The acks are written by the callbacks of the settled handlers: let them reach the sockets first.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private async authenticate(socket: Socket): Promise<AuthUser | null> {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims || !UUID.test(claims.sub) || !UUID.test(claims.sid)) return null;
    return this.sessions.resolveCaller(this.em.fork(), claims.sub, claims.sid);
  }

  handleConnection(socket: Socket): void {
    const data = dataOf(socket);
    // The handshake (auth, address) is built; the upgrade request with its headers and buffers is not needed again
    // and would stay alive as long as the socket (socket.io's "memory usage" advice). socket.request is null after.
    (socket.conn as unknown as { request: unknown }).request = null;
    // Rooms per user and per session let revocations (membership, account, logout) reach sockets on any instance.
    void socket.join([userRoom(data.user.id), sessionRoom(data.user.sessionId)]);
    socket.on('disconnecting', () => {
      const channels = [...socket.rooms].filter((r) => r.startsWith('channel:')).map((r) => r.slice(8));
      for (const channelId of channels) {
        this.presence
          .announceOfflineIfLast(channelId, data.user.id, socket.id)
          .catch((error: unknown) => this.logger.warn(`presence: ${String(error)}`));
      }
    });
  }

  /**
   * Joins the room FIRST, then reads the missed messages: a message committed meanwhile is either in the replay
   * or broadcast to the now-joined room. A message that arrives live while the replay is read is left out of
   * `missed` (seqs seen on the way out are recorded). A broadcast may still arrive after the ack for a message
   * that is in `missed` (committed before the replay read, published late, e.g. through Redis): the ack's
   * `replayedThrough` tells the client to drop live messages with a seq at or below it.
   *
   * Membership is checked again once the socket is in the room: a removal committed between the first check and
   * the join (its `membership.ended` room eviction already done) would otherwise leave the socket subscribed.
   */
  @SubscribeMessage('channel:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(JoinChannelPayload, payload);
      await this.limits.join(meta.user.id);
      const em = this.em.fork();
      const { channel, access } = await loadChannelAccess(em, dto.channelId, meta.user);
      // Seqs of this channel's `message:new` that reach the socket while the replay is read. Listened to only for
      // the join's duration: a listener kept on every socket would run for every delivery of every broadcast.
      const seen = new Set<number>();
      const recordLive = (event: string, message: { channelId?: string; seq?: number } | undefined): void => {
        if (event === 'message:new' && message?.channelId === channel.id) seen.add(message.seq ?? -1);
      };
      socket.onAnyOutgoing(recordLive);
      let replay: Awaited<ReturnType<MessagesService['replay']>> | null = null;
      try {
        await this.presence.join(socket, channel.id);
        await this.leaveUnlessStillAllowed(socket, channel.id, meta.user);
        senderCache(dataOf(socket)).remember(channel.id, access.group.id);
        if (dto.sinceSeq !== undefined) replay = await this.messages.replay(em, channel.id, dto.sinceSeq);
      } finally {
        socket.offAnyOutgoing(recordLive);
      }
      return {
        channel: ChannelDto.from(channel, access.group.slug),
        ...(await this.presence.online(channel.id)),
        missed: (replay?.missed ?? []).filter((m) => !seen.has(m.seq)),
        hasMore: replay?.hasMore ?? false,
        replayedThrough: replay?.replayedThrough ?? null,
      };
    });
  }

  /** Reads the caller's standing again on a fresh EntityManager (no cached membership); 404 and out if gone. */
  private async leaveUnlessStillAllowed(socket: Socket, channelId: string, user: AuthUser): Promise<void> {
    try {
      await loadChannelAccess(this.em.fork(), channelId, user);
    } catch (error) {
      await this.presence.leave(socket, channelId);
      throw error;
    }
  }

  @SubscribeMessage('channel:leave')
  leave(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async () => {
      const dto = await validatePayload(ChannelRefPayload, payload);
      await this.presence.leave(socket, dto.channelId);
      return {};
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(SendMessagePayload, payload);
      await this.throttleWrites(socket);
      const { message } = await this.messages.send(meta.user, dto, senderCache(dataOf(socket)));
      return { message };
    });
  }

  @SubscribeMessage('message:edit')
  edit(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(EditMessagePayload, payload);
      await this.throttleWrites(socket);
      return { message: await this.changes.edit(meta, dto) };
    });
  }

  @SubscribeMessage('message:delete')
  remove(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(MessageRefPayload, payload);
      await this.throttleWrites(socket);
      return { message: await this.changes.delete(meta, dto) };
    });
  }

  @SubscribeMessage('reaction:add')
  react(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.reaction(socket, payload, true);
  }

  @SubscribeMessage('reaction:remove')
  unreact(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.reaction(socket, payload, false);
  }

  private reaction(socket: Socket, payload: unknown, add: boolean): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(ReactionPayload, payload);
      await this.throttleWrites(socket);
      const view = await this.changes.react(meta, dto, add);
      return { messageId: view.messageId, reactions: view.reactions };
    });
  }

  /**
   * Relayed to the others in the room, at most once per TYPING_INTERVAL_MS per user and channel (on this
   * instance); extra ones are acknowledged and dropped. Only sockets that joined the channel may type in it.
   */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(ChannelRefPayload, payload);
      if (!socket.rooms.has(channelRoom(dto.channelId))) throw new NotFoundError(NOT_FOUND_CHANNEL);
      const key = `${meta.user.id}:${dto.channelId}`;
      const now = Date.now();
      const last = this.lastTyping.get(key);
      if (last !== undefined && now - last < TYPING_INTERVAL_MS) return { relayed: false };
      this.lastTyping.set(key, now);
      if (this.lastTyping.size > 10_000) this.pruneTyping(now);
      socket
        .to(channelRoom(dto.channelId))
        .emit('typing', { channelId: dto.channelId, userId: meta.user.id });
      return { relayed: true };
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return this.handle(socket, async (meta) => {
      const dto = await validatePayload(ReadPayload, payload);
      await this.limits.read(meta.user.id);
      const marker = await this.readState.markRead(meta.user, dto);
      return { lastReadSeq: marker.lastReadSeq };
    });
  }

  private throttleWrites(socket: Socket): Promise<void> {
    const { user, bucket } = dataOf(socket);
    return this.limits.write(user.id, bucket);
  }

  private pruneTyping(now: number): void {
    for (const [key, at] of this.lastTyping) if (now - at >= TYPING_INTERVAL_MS) this.lastTyping.delete(key);
  }

  /** The user's sockets leave every channel room of the group at once, on every instance, and are told why. */
  private async revokeMembership(groupId: string, groupSlug: string, userId: string): Promise<void> {
    const server = this.bus.server;
    if (!server) return;
    // This instance's sockets of the user forget the group's channels (other instances keep theirs: harmless,
    // their next send is refused by the commit statement's membership re-check, and they left the rooms).
    for (const local of await server.in(userRoom(userId)).local.fetchSockets()) {
      const { readable } = local.data as DiscussionSocketData;
      for (const [channelId, group] of readable) if (group === groupId) readable.delete(channelId);
    }
    const channels = await this.em.fork().find(Channel, { group: groupId }, { fields: ['id'] });
    const rooms = channels.map((c) => channelRoom(c.id));
    if (rooms.length > 0) server.in(userRoom(userId)).socketsLeave(rooms);
    server.to(userRoom(userId)).emit('membership:revoked', { groupSlug });
    for (const channel of channels) {
      await this.presence.announceOfflineIfLast(channel.id, userId, '');
    }
  }

  private handle(
    socket: Socket,
    fn: (meta: AuthenticatedMeta) => Promise<Record<string, unknown>>,
  ): Promise<Ack> {
    if (this.inFlight.draining) {
      const stopping = new ServiceUnavailableError('The server is shutting down; reconnect and retry.');
      return Promise.resolve({ ok: false, error: this.ackError(stopping) });
    }
    return this.inFlight.track(this.run(socket, fn));
  }

  private async run(
    socket: Socket,
    fn: (meta: AuthenticatedMeta) => Promise<Record<string, unknown>>,
  ): Promise<Ack> {
    const meta: AuthenticatedMeta = { user: dataOf(socket).user, requestId: randomUUID() };
    try {
      return { ok: true, ...(await fn(meta)) };
    } catch (error) {
      return { ok: false, error: this.ackError(error) };
    }
  }

  private ackError(error: unknown): AckErrorBody {
    const { problem, unexpected, retryAfterSeconds } = toProblem(error);
    if (unexpected) this.logger.error(describeError(error)); // never a driver error's SQL with its values
    return {
      status: problem.status,
      title: problem.title,
      detail: problem.detail,
      code: problem.code,
      ...(problem.errors ? { errors: problem.errors, errorCount: problem.errorCount } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
}
