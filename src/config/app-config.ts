import { resolve } from 'node:path';
import {
  email,
  EnvValues,
  envVar,
  flag,
  integer,
  list,
  matching,
  oneOf,
  path,
  readEnv,
  text,
} from './env-schema';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every configuration variable, once: its config property (the key), environment name, parser, default and
 * meaning. The order is the order in which problems are reported. README's configuration table documents these.
 */
export const CONFIG_SCHEMA = {
  nodeEnv: envVar({
    name: 'NODE_ENV',
    parse: oneOf(['development', 'production', 'test']),
    default: 'development',
    description: 'production requires JWT_SECRET',
  }),
  port: envVar({
    name: 'PORT',
    parse: integer({ min: 0, max: 65535 }),
    default: 3000,
    description: 'HTTP and socket.io port',
  }),
  host: envVar({ name: 'HOST', parse: text(), default: '0.0.0.0', description: 'interface to listen on' }),
  databaseUrl: envVar({
    name: 'DATABASE_URL',
    parse: matching(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// URL'),
    description: 'absent means "start an embedded PostgreSQL under DATA_DIR"',
  }),
  dataDir: envVar({
    name: 'DATA_DIR',
    parse: path,
    default: () => resolve('./.data'),
    description: 'embedded database, development JWT secret',
  }),
  jwtSecret: envVar({
    name: 'JWT_SECRET',
    parse: text({ minLength: 32, tooShort: 'must be at least 32 characters' }),
    description: 'HS256 key; generated into DATA_DIR outside production',
  }),
  accessTokenTtlSeconds: envVar({
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    parse: integer({ min: 60, max: 3600 }),
    default: 900,
    description: 'access JWT lifetime',
  }),
  refreshTokenTtlDays: envVar({
    name: 'REFRESH_TOKEN_TTL_DAYS',
    parse: integer({ min: 1, max: 365 }),
    default: 30,
    description: 'absolute session lifetime; rotation never extends it',
  }),
  corsOrigins: envVar({
    name: 'CORS_ORIGINS',
    parse: list,
    default: (): string[] => [],
    description: 'browser origins allowed for HTTP and the socket handshake',
  }),
  adminEmail: envVar({
    name: 'ADMIN_EMAIL',
    parse: email,
    description: 'first admin, created at start if none exists',
  }),
  adminPassword: envVar({
    name: 'ADMIN_PASSWORD',
    parse: text({ minLength: 12, maxLength: 256 }),
    description: "the first admin's password",
  }),
  logLevel: envVar({
    name: 'LOG_LEVEL',
    parse: oneOf(LOG_LEVELS),
    default: 'info',
    description: 'pino level',
  }),
  logPretty: envVar({
    name: 'LOG_PRETTY',
    parse: flag,
    default: () => Boolean(process.stdout.isTTY),
    description: 'human-readable logs; on by default on a TTY',
  }),
  redisUrl: envVar({
    name: 'REDIS_URL',
    parse: matching(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// URL'),
    description: 'socket.io Redis adapter and shared rate limits for several instances',
  }),
  redisKeyPrefix: envVar({
    name: 'REDIS_KEY_PREFIX',
    parse: text({ maxLength: 100 }),
    description:
      "prefix of socket.io's Redis channels (default convene:socket.io) and of the shared rate-limit keys (default convene); distinct per deployment (or test run) sharing one Redis",
  }),
  socketRatePerSecond: envVar({
    name: 'SOCKET_RATE_PER_SECOND',
    parse: integer({ min: 1 }),
    default: 10,
    description:
      'token bucket for socket writes (send, edit, delete, reactions), per connection: refill rate',
  }),
  socketRateBurst: envVar({
    name: 'SOCKET_RATE_BURST',
    parse: integer({ min: 1 }),
    default: 20,
    description: 'token bucket for socket writes: capacity',
  }),
  socketUserRatePerSecond: envVar({
    name: 'SOCKET_USER_RATE_PER_SECOND',
    parse: integer({ min: 1 }),
    default: 20,
    description: 'socket writes per user over all of its connections (and instances): average per second',
  }),
  socketUserRateBurst: envVar({
    name: 'SOCKET_USER_RATE_BURST',
    parse: integer({ min: 1 }),
    default: 40,
    description: 'socket writes per user: burst',
  }),
  socketMaxConnectionsPerUser: envVar({
    name: 'SOCKET_MAX_CONNECTIONS_PER_USER',
    parse: integer({ min: 1 }),
    default: 20,
    description: 'open sockets per user; one more is refused at the handshake',
  }),
  socketUserJoinsPerMinute: envVar({
    name: 'SOCKET_USER_JOINS_PER_MINUTE',
    parse: integer({ min: 1 }),
    default: 60,
    description: 'channel:join (with or without replay) per user and minute',
  }),
  socketUserReadsPerMinute: envVar({
    name: 'SOCKET_USER_READS_PER_MINUTE',
    parse: integer({ min: 1 }),
    default: 120,
    description: 'read markers per user and minute',
  }),
  loginLimitPerAccount: envVar({
    name: 'LOGIN_LIMIT_PER_ACCOUNT',
    parse: integer({ min: 1 }),
    default: 10,
    description: 'login attempts per account and window',
  }),
  loginLimitPerIp: envVar({
    name: 'LOGIN_LIMIT_PER_IP',
    parse: integer({ min: 1 }),
    default: 100,
    description: 'login attempts per client IP and window',
  }),
  loginLimitWindowSeconds: envVar({
    name: 'LOGIN_LIMIT_WINDOW_SECONDS',
    parse: integer({ min: 1 }),
    default: 900,
    description: 'login throttling window',
  }),
  registerLimitPerIp: envVar({
    name: 'REGISTER_LIMIT_PER_IP',
    parse: integer({ min: 1 }),
    default: 20,
    description: 'registrations per client IP and window',
  }),
  registerLimitWindowSeconds: envVar({
    name: 'REGISTER_LIMIT_WINDOW_SECONDS',
    parse: integer({ min: 1 }),
    default: 3600,
    description: 'registration throttling window',
  }),
  trustProxy: envVar({
    name: 'TRUST_PROXY',
    parse: flag,
    default: false,
    description: 'honour X-Forwarded-For (behind a load balancer)',
  }),
  maxUploadMb: envVar({
    name: 'MAX_UPLOAD_MB',
    parse: integer({ min: 1, max: 1024 }),
    default: 50,
    description: 'upload limit (documents), enforced while the bytes stream',
  }),
  storageSweepGraceHours: envVar({
    name: 'STORAGE_SWEEP_GRACE_HOURS',
    parse: integer({ min: 1, max: 24 * 365 }),
    default: 24,
    description: 'npm run storage:sweep removes blobs no row points to once older than this',
  }),
  uploadExpiryHours: envVar({
    name: 'UPLOAD_EXPIRY_HOURS',
    parse: integer({ min: 1, max: 720 }),
    default: 24,
    description:
      'a resumable (tus) upload expires this long after its creation if unfinished, or after its completion if not consumed',
  }),
  uploadSweepIntervalMinutes: envVar({
    name: 'UPLOAD_SWEEP_INTERVAL_MINUTES',
    parse: integer({ min: 0, max: 1440 }),
    default: 60,
    description:
      'how often the app removes expired uploads; 0 turns the timer off (npm run uploads:sweep still works)',
  }),
  uploadMaxOpenPerUser: envVar({
    name: 'UPLOAD_MAX_OPEN_PER_USER',
    parse: integer({ min: 1, max: 1000 }),
    default: 20,
    description: 'resumable uploads a user may hold at once (unfinished, or finished and not yet consumed)',
  }),
  uploadCreateLimitPerUser: envVar({
    name: 'UPLOAD_CREATE_LIMIT_PER_USER',
    parse: integer({ min: 1 }),
    default: 60,
    description: 'resumable uploads a user may create per window',
  }),
  uploadCreateLimitWindowSeconds: envVar({
    name: 'UPLOAD_CREATE_LIMIT_WINDOW_SECONDS',
    parse: integer({ min: 1 }),
    default: 3600,
    description: 'window of UPLOAD_CREATE_LIMIT_PER_USER',
  }),
  s3Bucket: envVar({
    name: 'S3_BUCKET',
    parse: matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    description: 'document blobs in this S3-compatible bucket; unset → on disk under DATA_DIR/blobs',
  }),
  s3Endpoint: envVar({
    name: 'S3_ENDPOINT',
    parse: matching(/^https?:\/\/[^\s]+$/, 'must be an http(s):// URL'),
    description: 'S3-compatible endpoint (MinIO, ...); unset → AWS S3 of S3_REGION',
  }),
  s3Region: envVar({
    name: 'S3_REGION',
    parse: text({ maxLength: 64 }),
    default: 'us-east-1',
    description: 'S3 region (signing region for an S3_ENDPOINT)',
  }),
  s3AccessKeyId: envVar({
    name: 'S3_ACCESS_KEY_ID',
    parse: text({ maxLength: 256 }),
    description:
      "S3 credentials, both or neither; neither → the AWS SDK's default chain (AWS_* variables, instance role)",
  }),
  s3SecretAccessKey: envVar({
    name: 'S3_SECRET_ACCESS_KEY',
    parse: text({ maxLength: 256 }),
    description: 'secret of S3_ACCESS_KEY_ID; never logged',
  }),
  s3ForcePathStyle: envVar({
    name: 'S3_FORCE_PATH_STYLE',
    parse: flag,
    description: 'path-style bucket URLs; unset → true exactly when S3_ENDPOINT is set',
  }),
  steeringNoMeetingDays: envVar({
    name: 'STEERING_NO_MEETING_DAYS',
    parse: integer({ min: 1, max: 3650 }),
    default: 90,
    description: 'steering overview: flag no_recent_meeting when no meeting was held for this many days',
  }),
  steeringInactiveDays: envVar({
    name: 'STEERING_INACTIVE_DAYS',
    parse: integer({ min: 1, max: 3650 }),
    default: 60,
    description: 'steering overview: flag inactive when the group had no activity for this many days',
  }),
  steeringReviewOverdueDays: envVar({
    name: 'STEERING_REVIEW_OVERDUE_DAYS',
    parse: integer({ min: 0, max: 3650 }),
    default: 30,
    description:
      "steering overview: flag review_overdue when an open review's periodEnd is this many days past",
  }),
  smtpUrl: envVar({
    name: 'SMTP_URL',
    parse: matching(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL'),
    description:
      'email delivery (nodemailer), with MAIL_FROM; unset → notifications are in-app only (nothing is queued for email)',
  }),
  mailFrom: envVar({
    name: 'MAIL_FROM',
    parse: text({ maxLength: 320 }),
    description:
      'sender of notification emails, e.g. `Convene <no-reply@convene.example>`; set with SMTP_URL',
  }),
  publicBaseUrl: envVar({
    name: 'PUBLIC_BASE_URL',
    parse: matching(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an http(s):// URL'),
    default: 'http://localhost:3000',
    description: 'public address of this API, for links in emails (unsubscribe)',
  }),
  notificationWorkers: envVar({
    name: 'NOTIFICATION_WORKERS',
    parse: flag,
    default: true,
    description:
      'run the job queue (pg-boss, schema pgboss) on this instance: emails, digests, scheduled tasks; false: this instance only writes notifications',
  }),
  notificationTokenSecret: envVar({
    name: 'NOTIFICATION_TOKEN_SECRET',
    parse: text({ minLength: 32, tooShort: 'must be at least 32 characters' }),
    description: 'HMAC key of unsubscribe links; unset → derived from JWT_SECRET',
  }),
  notificationRetryDelaySeconds: envVar({
    name: 'NOTIFICATION_RETRY_DELAY_SECONDS',
    parse: integer({ min: 1, max: 3600 }),
    default: 30,
    description: 'first retry delay of a failed email job (doubles on each retry, 10 retries)',
  }),
  dbPoolMax: envVar({
    name: 'DB_POOL_MAX',
    parse: integer({ min: 1, max: 200 }),
    default: 10,
    description: 'connection pool size',
  }),
};

export type AppConfigValues = EnvValues<typeof CONFIG_SCHEMA>;

export class ConfigError extends Error {}

/** Gives AppConfig one typed field per schema entry without declaring them a second time. */
const ConfigFields = class {
  constructor(values: AppConfigValues) {
    Object.assign(this, values);
  }
} as new (values: AppConfigValues) => AppConfigValues;

/** Typed, validated configuration. Built once at boot; a bad value fails fast with one line naming it. */
export class AppConfig extends ConfigFields {
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfigValues> = {}): AppConfig {
    const parsed = readEnv(CONFIG_SCHEMA, env);
    if ('problems' in parsed) throw new ConfigError(`Invalid configuration: ${parsed.problems.join('; ')}`);
    // The rules spanning two variables; checked only once each is valid on its own.
    if (parsed.value.nodeEnv === 'production' && !parsed.value.jwtSecret) {
      throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
    }
    if (Boolean(parsed.value.s3AccessKeyId) !== Boolean(parsed.value.s3SecretAccessKey)) {
      throw new ConfigError(
        'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
      );
    }
    if (Boolean(parsed.value.smtpUrl) !== Boolean(parsed.value.mailFrom)) {
      throw new ConfigError('Invalid configuration: SMTP_URL and MAIL_FROM are set together or not at all');
    }
    return new AppConfig({ ...parsed.value, ...overrides });
  }

  /** The database URL once resolved (embedded or configured); set by the boot sequence. */
  requireDatabaseUrl(): string {
    if (!this.databaseUrl) throw new ConfigError('No database URL resolved yet');
    return this.databaseUrl;
  }

  requireJwtSecret(): string {
    if (!this.jwtSecret) throw new ConfigError('No JWT secret resolved yet');
    return this.jwtSecret;
  }
}
