import { MikroORM } from '@mikro-orm/core';

/** Applies pending committed migrations; the schema is never synchronised from entities at boot. */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
