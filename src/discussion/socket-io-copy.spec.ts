import { dirname } from 'node:path';

/**
 * The socket.io server that runs is the one @nestjs/platform-socket.io loads. It pins an exact version, so ours
 * (package.json) pins the same one: a second, nested copy would mean the types we compile against, the bench's
 * bare socket.io baseline and the server in production are different code.
 */
describe('socket.io', () => {
  it("is one copy: Nest's socket.io platform resolves the socket.io we depend on", () => {
    const nestPlatform = dirname(require.resolve('@nestjs/platform-socket.io'));
    expect(require.resolve('socket.io', { paths: [nestPlatform] })).toBe(require.resolve('socket.io'));
  });
});
