import { DefaultLogger, LogContext, LoggerNamespace } from '@mikro-orm/core';

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
