import { AppConfig, ConfigError } from './app-config';

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
});
