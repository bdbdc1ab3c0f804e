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

  it('README documents every variable', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const undocumented = Object.values(CONFIG_SCHEMA)
      .map((variable) => variable.name)
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
