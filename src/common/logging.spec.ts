import pino from 'pino';
import type { Options } from 'pino-http';
import { Writable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import { loggerParams, SECRET_KEYS } from './logging';

/** A pino logger with the app's options, writing into `lines`. */
function appLogger(lines: string[]): pino.Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = { logLevel: 'info', logPretty: false } as AppConfig;
  return pino(loggerParams(config).pinoHttp as Options, stream);
}

describe('loggerParams redaction', () => {
  it.each(SECRET_KEYS)('censors %s at any depth, as a string or a list of strings', (key) => {
    const lines: string[] = [];
    const secret = `secret-${key}-"quoted\\-value`;
    const nest = (depth: number): Record<string, unknown> =>
      depth === 0
        ? { [key]: secret, other: 'kept' }
        : { level: nest(depth - 1), list: [{ [key]: [secret, secret] }] };
    appLogger(lines).info({ ...nest(0), body: nest(1), err: nest(3), deep: nest(9) }, 'entry');
    const text = lines.join('');
    expect(text).not.toContain('secret-');
    expect(text.match(/\[redacted\]/g)).toHaveLength(1 + 2 + 4 + 10); // nest(d) holds d + 1 secrets
    expect(JSON.parse(text)).toMatchObject({ other: 'kept', msg: 'entry' }); // still one valid JSON line
  });

  it('leaves a secret key quoted inside a value alone (it is text, not a key)', () => {
    const lines: string[] = [];
    appLogger(lines).info({ note: '{"password":"not-a-key"}', ',"cookie":': 1 }, 'entry');
    expect(JSON.parse(lines.join(''))).toMatchObject({ note: '{"password":"not-a-key"}', ',"cookie":': 1 });
  });

  it('logs the request URL without the calendar token', () => {
    const lines: string[] = [];
    appLogger(lines).info({
      req: { id: '1', method: 'GET', url: '/working-groups/g/calendar.ics?token=s3cr3t&x=1' },
    });
    expect(lines.join('')).toContain('/working-groups/g/calendar.ics?token=[redacted]&x=1');
  });
});
