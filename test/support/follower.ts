import type { Socket } from 'socket.io-client';
import type { Ack, WireMessage } from '../factories/discussion';
import { ACK_BOUND_MS, openSocket } from './faults';

/**
 * A reader as an app runs one: on every (re)connect it joins the channel with `sinceSeq` = the last seq it holds
 * without a gap, and merges the replay with live `message:new`. `anomalies` lists what the contract forbids: a
 * refused join, a replay that is cut short, a message replayed that it had already, a live message out of
 * order, or a live duplicate other than the documented one (at or below the join's `replayedThrough`).
 */
export interface Follower {
  socket: Socket;
  received: Map<number, WireMessage>;
  anomalies: string[];
  joins: number;
  /** The highest seq up to which it holds every message. */
  contiguous(): number;
}

export async function follow(
  url: string,
  token: string,
  channelId: string,
  sinceSeq: number,
): Promise<Follower> {
  const socket = await openSocket(url, token, true);
  const received = new Map<number, WireMessage>();
  const anomalies: string[] = [];
  let replayedThrough = sinceSeq;
  let lastLive = 0;
  const contiguous = (): number => {
    let seq = sinceSeq;
    while (received.has(seq + 1)) seq++;
    return seq;
  };
  const follower: Follower = { socket, received, anomalies, joins: 0, contiguous };
  socket.on('message:new', (m: WireMessage) => {
    if (m.channelId !== channelId) return;
    if (m.seq <= lastLive) anomalies.push(`live ${m.seq} after ${lastLive}`);
    lastLive = Math.max(lastLive, m.seq);
    if (!received.has(m.seq)) received.set(m.seq, m);
    else if (m.seq > replayedThrough) anomalies.push(`live ${m.seq} twice`);
  });
  const join = async (): Promise<void> => {
    lastLive = 0; // a new connection: live order starts again
    try {
      const ack = (await socket
        .timeout(ACK_BOUND_MS)
        .emitWithAck('channel:join', { channelId, sinceSeq: contiguous() })) as Ack;
      if (!ack.ok) return void anomalies.push(`join refused: ${ack.error.code}`);
      const { missed, hasMore } = ack as unknown as { missed: WireMessage[]; hasMore: boolean };
      if (hasMore) anomalies.push('replay cut short');
      for (const m of missed) {
        if (received.has(m.seq)) anomalies.push(`replayed ${m.seq} again`);
        received.set(m.seq, m);
      }
      replayedThrough = Math.max(replayedThrough, (ack.replayedThrough as number | null) ?? 0);
      follower.joins++;
    } catch (error) {
      // Disconnected again before the ack: the next connect joins again.
      if (socket.connected) anomalies.push(`join failed: ${String(error)}`);
    }
  };
  socket.on('connect', () => void join());
  await join();
  return follower;
}
