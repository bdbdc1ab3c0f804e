import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, CONFIG_SCHEMA, ConfigError } from './app-config';

describe('AppConfig.fromEnv', () => {
  it('applies defaults', () => {
    const config = AppConfig.fromEnv({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.refreshTokenTtlDays).toBe(30);
  });

  it('fails fast on a bad PORT with one line naming it', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => AppConfig.fromEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => AppConfig.fromEnv({ PORT: 'abc' })).toThrow(
      'Invalid configuration: PORT must not be greater than 65535; PORT must not be less than 0; PORT must be an integer number',
    );
  });

  it('reports every bad variable at once, in schema order, before cross-variable rules', () => {
    expect(() =>
      AppConfig.fromEnv({
        NODE_ENV: 'production',
        MAX_UPLOAD_MB: '0',
        ADMIN_EMAIL: 'nope',
        JWT_SECRET: 'short',
      }),
    ).toThrow(
      'Invalid configuration: JWT_SECRET must be at least 32 characters; ADMIN_EMAIL must be an email; MAX_UPLOAD_MB must not be less than 1',
    );
  });

  it('treats an empty variable as unset and lower-cases the admin email', () => {
    const config = AppConfig.fromEnv({ PORT: '', ADMIN_EMAIL: 'Admin@Example.COM' });
    expect(config.port).toBe(3000);
    expect(config.adminEmail).toBe('admin@example.com');
    expect(config).toBeInstanceOf(AppConfig);
  });

  it('refuses a DATABASE_URL that is not postgres', () => {
    expect(() => AppConfig.fromEnv({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(
      /DATABASE_URL must be a postgres/,
    );
  });

  it('requires a JWT secret in production', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('parses lists and booleans', () => {
    const config = AppConfig.fromEnv({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: 'true',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.trustProxy).toBe(true);
  });

  it('reads S3 storage settings: region defaults, path style left to the endpoint, credentials in pairs', () => {
    expect(AppConfig.fromEnv({}).s3Bucket).toBeUndefined();
    const config = AppConfig.fromEnv({
      S3_BUCKET: 'convene-documents',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'convene',
      S3_SECRET_ACCESS_KEY: 'convene-minio-secret',
    });
    expect(config.s3Bucket).toBe('convene-documents');
    expect(config.s3Region).toBe('us-east-1');
    expect(config.s3ForcePathStyle).toBeUndefined();
    expect(AppConfig.fromEnv({ S3_FORCE_PATH_STYLE: 'false' }).s3ForcePathStyle).toBe(false);
    expect(() => AppConfig.fromEnv({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(
      /S3_BUCKET must be an S3 bucket name/,
    );
    expect(() => AppConfig.fromEnv({ S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT must be an http/);
    expect(() => AppConfig.fromEnv({ S3_ACCESS_KEY_ID: 'convene' })).toThrow(
      'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
    );
  });

  it('never puts the S3 secret in a configuration error', () => {
    const secret = 'do-not-print-this-secret';
    expect(() => AppConfig.fromEnv({ S3_SECRET_ACCESS_KEY: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });

  it('reads notification email settings: SMTP_URL and MAIL_FROM together, workers on by default', () => {
    const config = AppConfig.fromEnv({ SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'Convene <no-reply@x.org>' });
    expect(config.smtpUrl).toBe('smtp://mail:25');
    expect(config.notificationWorkers).toBe(true);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(AppConfig.fromEnv({ NOTIFICATION_WORKERS: 'false' }).notificationWorkers).toBe(false);
    expect(() => AppConfig.fromEnv({ SMTP_URL: 'smtp://mail:25' })).toThrow(
      'Invalid configuration: SMTP_URL and MAIL_FROM are set together or not at all',
    );
    expect(() => AppConfig.fromEnv({ SMTP_URL: 'mail:25', MAIL_FROM: 'a@b.c' })).toThrow(
      /SMTP_URL must be an smtp/,
    );
    expect(() => AppConfig.fromEnv({ PUBLIC_BASE_URL: 'convene.example' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('README documents every variable', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const undocumented = Object.values(CONFIG_SCHEMA)
      .map((variable) => variable.name)
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
