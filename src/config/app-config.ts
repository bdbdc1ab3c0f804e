import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** The raw environment, validated field by field. Names match the variables in README and docker-compose.yml. */
class EnvSchema {
  @IsIn(['development', 'production', 'test']) NODE_ENV: string = 'development';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT: number = 3000;
  @IsString() HOST: string = '0.0.0.0';
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @IsString() DATA_DIR: string = './.data';
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @Type(() => Number) @IsInt() @Min(60) @Max(3600) ACCESS_TOKEN_TTL_SECONDS: number = 900;
  @Type(() => Number) @IsInt() @Min(1) @Max(365) REFRESH_TOKEN_TTL_DAYS: number = 30;
  @Transform(toList) @IsString({ each: true }) CORS_ORIGINS: string[] = [];
  @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(12) @MaxLength(256) ADMIN_PASSWORD?: string;
  @IsIn(LOG_LEVELS) LOG_LEVEL: string = 'info';
  @IsOptional() @Transform(toBool) @IsBoolean() LOG_PRETTY?: boolean;
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;
  @IsOptional() @IsString() @MaxLength(100) REDIS_KEY_PREFIX?: string;
  @Type(() => Number) @IsInt() @Min(1) SOCKET_RATE_PER_SECOND: number = 10;
  @Type(() => Number) @IsInt() @Min(1) SOCKET_RATE_BURST: number = 20;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_LIMIT_PER_ACCOUNT: number = 10;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_LIMIT_PER_IP: number = 100;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_LIMIT_WINDOW_SECONDS: number = 900;
  @Transform(toBool) @IsBoolean() TRUST_PROXY: boolean = false;
  @Type(() => Number) @IsInt() @Min(1) @Max(1024) MAX_UPLOAD_MB: number = 50;
  @Type(() => Number) @IsInt() @Min(1) @Max(200) DB_POOL_MAX: number = 10;
}

export interface AppConfigValues {
  nodeEnv: string;
  port: number;
  host: string;
  /** Absent means "start an embedded PostgreSQL under dataDir". */
  databaseUrl?: string;
  dataDir: string;
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  logPretty: boolean;
  redisUrl?: string;
  /** Prefix of socket.io's Redis channels; distinct per deployment (or test run) sharing one Redis. */
  redisKeyPrefix?: string;
  /** Token bucket for socket writes (send, edit, delete, reactions), per connection. */
  socketRatePerSecond: number;
  socketRateBurst: number;
  loginLimitPerAccount: number;
  loginLimitPerIp: number;
  loginLimitWindowSeconds: number;
  trustProxy: boolean;
  maxUploadMb: number;
  dbPoolMax: number;
}

export class ConfigError extends Error {}

/** Typed, validated configuration. Built once at boot; a bad value fails fast with one line naming it. */
export class AppConfig implements AppConfigValues {
  nodeEnv!: string;
  port!: number;
  host!: string;
  databaseUrl?: string;
  dataDir!: string;
  jwtSecret?: string;
  accessTokenTtlSeconds!: number;
  refreshTokenTtlDays!: number;
  corsOrigins!: string[];
  adminEmail?: string;
  adminPassword?: string;
  logLevel!: string;
  logPretty!: boolean;
  redisUrl?: string;
  redisKeyPrefix?: string;
  socketRatePerSecond!: number;
  socketRateBurst!: number;
  loginLimitPerAccount!: number;
  loginLimitPerIp!: number;
  loginLimitWindowSeconds!: number;
  trustProxy!: boolean;
  maxUploadMb!: number;
  dbPoolMax!: number;

  constructor(values: AppConfigValues) {
    Object.assign(this, values);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfigValues> = {}): AppConfig {
    const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
    const errors = validateSync(parsed, { whitelist: false });
    if (errors.length > 0) {
      const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
      throw new ConfigError(`Invalid configuration: ${messages.join('; ')}`);
    }
    if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
      throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
    }
    return new AppConfig({
      nodeEnv: parsed.NODE_ENV,
      port: parsed.PORT,
      host: parsed.HOST,
      databaseUrl: parsed.DATABASE_URL,
      dataDir: resolve(parsed.DATA_DIR),
      jwtSecret: parsed.JWT_SECRET,
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: parsed.REFRESH_TOKEN_TTL_DAYS,
      corsOrigins: parsed.CORS_ORIGINS,
      adminEmail: parsed.ADMIN_EMAIL?.toLowerCase(),
      adminPassword: parsed.ADMIN_PASSWORD,
      logLevel: parsed.LOG_LEVEL,
      logPretty: parsed.LOG_PRETTY ?? Boolean(process.stdout.isTTY),
      redisUrl: parsed.REDIS_URL,
      redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
      socketRatePerSecond: parsed.SOCKET_RATE_PER_SECOND,
      socketRateBurst: parsed.SOCKET_RATE_BURST,
      loginLimitPerAccount: parsed.LOGIN_LIMIT_PER_ACCOUNT,
      loginLimitPerIp: parsed.LOGIN_LIMIT_PER_IP,
      loginLimitWindowSeconds: parsed.LOGIN_LIMIT_WINDOW_SECONDS,
      trustProxy: parsed.TRUST_PROXY,
      maxUploadMb: parsed.MAX_UPLOAD_MB,
      dbPoolMax: parsed.DB_POOL_MAX,
      ...overrides,
    });
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
