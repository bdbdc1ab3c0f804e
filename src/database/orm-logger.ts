import { DefaultLogger, LogContext, LoggerNamespace } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';

/**
 * MikroORM's logger without query parameters. `debug` is off (orm-options), but MIKRO_ORM_DEBUG in the
 * environment overrides it, and with `debug: true` MikroORM also enables 'query-params', which inlines every
 * value (emails, password hashes, tokens) into the logged SQL. Here that namespace can never be on, so a
 * logged query keeps its `$1` placeholders.
 */
export class ParameterFreeLogger extends DefaultLogger {
  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace !== 'query-params' && super.isEnabled(namespace, context);
  }

  override logQuery(context: { query: string } & LogContext): void {
    super.logQuery({ ...context, params: undefined });
  }
}

const driverLogger = new Logger('Database');
const firstLine = (message: unknown): string => String(message).split('\n')[0];

/**
 * knex's own messages (e.g. `Connection Error: ...` when the database drops a pooled connection) go to the
 * app's log, as JSON lines with a context, instead of bare console lines. They carry no SQL; only their first
 * line is kept anyway.
 */
export const knexLog = {
  warn: (message: unknown): void => driverLogger.warn(firstLine(message)),
  error: (message: unknown): void => driverLogger.error(firstLine(message)),
  deprecate: (method: unknown, alternative: unknown): void =>
    driverLogger.warn(`${String(method)} is deprecated; use ${String(alternative)}`),
  debug: (): void => undefined,
};
