import { JwtService } from '@nestjs/jwt';
import { io, Socket, SocketOptions } from 'socket.io-client';
import { AckOk, connect, generalChannelId } from './factories/discussion';
import { useGroupCast } from './factories/groups';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/tokens.service';
import { TEST_JWT_SECRET } from './support/test-app';

// README's socket.io-client example: `auth` as a callback, called before every (re)connection attempt, so a
// client whose access token expired while it was connected reconnects with a fresh one.

/** An access token for the member's session that expires `seconds` from now (jwt `exp` has second precision). */
function shortLivedToken(accessToken: string, seconds: number): { token: string; expiresAtMs: number } {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
    sub: string;
    sid: string;
  };
  const exp = Math.floor(Date.now() / 1000) + seconds;
  const token = new JwtService({ secret: TEST_JWT_SECRET }).sign(
    { sub: claims.sub, sid: claims.sid, exp },
    { algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
  );
  return { token, expiresAtMs: exp * 1000 };
}

const once = <T>(socket: Socket, event: string): Promise<T> =>
  new Promise((resolve) => socket.once(event, (value: T) => resolve(value)));

/** The next successful connection; a refused handshake fails the test at once instead of timing out. */
const connected = (socket: Socket): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

describe('discussion: reconnecting after the access token expired', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  let refreshToken: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
    refreshToken = cast.member.refreshToken;
  });
  afterAll(() => sockets.forEach((s) => s.close()));

  /** What a client does: trade the refresh token for a new pair (rotation: keep the new refresh token). */
  async function fetchFreshToken(): Promise<string> {
    const res = await t.http.post('/auth/refresh').send({ refreshToken }).expect(200);
    refreshToken = res.body.refreshToken as string;
    return res.body.accessToken as string;
  }

  function open(auth: SocketOptions['auth']): Socket {
    const socket = io(`${t.url}/discussion`, {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    sockets.push(socket);
    return socket;
  }

  async function waitUntilExpired(expiresAtMs: number, token: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAtMs - Date.now()) + 100));
    // The server really refuses it now: otherwise the reconnection below would prove nothing.
    await expect(connect(t, token)).rejects.toThrow('unauthorized');
  }

  it('with auth as a callback, a fresh token is fetched for the reconnection and the socket works again', async () => {
    const first = shortLivedToken(cast.member.accessToken, 2);
    let calls = 0;
    const socket = open((cb) => {
      calls += 1;
      if (calls === 1) cb({ token: first.token });
      else void fetchFreshToken().then((token) => cb({ token }));
    });
    await connected(socket);
    await waitUntilExpired(first.expiresAtMs, first.token);
    // The connection drops (network, server restart); socket.io-client reconnects on its own.
    const reconnected = connected(socket);
    socket.io.engine.close();
    await reconnected;
    expect(calls).toBeGreaterThanOrEqual(2);
    const ack = (await socket.emitWithAck('channel:join', { channelId, sinceSeq: 0 })) as AckOk;
    expect(ack.ok).toBe(true);
    expect(ack).toHaveProperty('replayedThrough');
  });

  it('with a fixed auth object, the same drop ends in connect_error "unauthorized" (what the callback avoids)', async () => {
    const first = shortLivedToken(cast.member.accessToken, 2);
    const socket = open({ token: first.token });
    await connected(socket);
    await waitUntilExpired(first.expiresAtMs, first.token);
    const refused = once<Error>(socket, 'connect_error');
    socket.io.engine.close();
    expect((await refused).message).toBe('unauthorized');
    expect(socket.connected).toBe(false);
  });
});
