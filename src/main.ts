import 'reflect-metadata';
import { startServer } from './bootstrap';
import { AppConfig, ConfigError } from './config/app-config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config);
  process.stdout.write(`Convene listening on ${server.url} (API docs at ${server.url}/docs)\n`);
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
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Convene failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
