import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithId = IncomingMessage & { id?: unknown };

/** Keeps a caller's X-Request-Id when it is a safe token (so traces join up), otherwise mints one. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const assigned = (req as WithId).id;
  if (typeof assigned === 'string') return assigned;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * The first middleware of the app (app.setup): the request id is assigned before helmet, CORS and the body
 * parsers run, so an answer they give (400 bad JSON, 413, 415) carries it too; pino-http reuses it.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  (req as WithId).id = requestIdFor(req, res);
  next();
}

/** Keys whose values never reach a log, in request bodies, headers or anything else logged. */
export const SECRET_KEYS = [
  'password',
  'currentPassword',
  'passwordHash',
  'password_hash',
  'refreshToken',
  'accessToken',
  'authorization',
  'cookie',
  'set-cookie',
  // S3 credentials, should a client configuration or an SDK error object ever be logged whole.
  'secretAccessKey',
  's3SecretAccessKey',
  'sessionToken',
] as const;

/** Where pino-http would put them if its serializers ever logged more than method and URL. */
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) =>
  ['req.headers', 'req.body', 'res.headers'].map((at) => `${at}["${key}"]`),
);

/**
 * pino's `redact` has no "any depth" pattern (`*.password` is one level; listing each key under 1…n wildcards
 * costs 20–30× a plain line), so every serialised line also passes this: a JSON key is the only place an
 * unescaped `"` follows `{` or `,`, so a secret key's string (or string array) value is found at any depth.
 */
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const SECRET_VALUE = new RegExp(
  String.raw`([{,]"(?:${SECRET_KEYS.join('|')})":)(?:${JSON_STRING}|\[(?:${JSON_STRING},?)*\])`,
  'gi',
);
const censorSecrets = (line: string): string => line.replace(SECRET_VALUE, '$1"[redacted]"');

/** The calendar feed takes its personal token in the query string; the logged URL keeps only its name. */
const SECRET_QUERY = /([?&]token=)[^&#]*/gi;
export const withoutSecretQuery = (url: string): string => url.replace(SECRET_QUERY, '$1[redacted]');

export function loggerParams(config: AppConfig, stream?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: censorSecrets },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: withoutSecretQuery(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    transport: config.logPretty
      ? {
          target: 'pino-pretty',
          options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
        }
      : undefined,
  };
  return { pinoHttp: stream ? [{ ...options, transport: undefined }, stream] : options };
}
