import { Migration } from '@mikro-orm/migrations';

/** Hand-written: rules the generator does not model. Kept apart so the generated migration can be regenerated. */
export class Migration20261122192300_discussion_sql extends Migration {
  override async up(): Promise<void> {
    // One general channel per group: lets "create it if missing" be an insert ... on conflict do nothing.
    this.addSql(
      `create unique index "channel_one_general_per_group" on "channel" ("group_id") where "kind" = 'general';`,
    );
    this.addSql(
      `alter table "message" add constraint "message_body_length" check ("body" is null or char_length("body") between 1 and 10000);`,
    );
    this.addSql(`alter table "message" add constraint "message_seq_positive" check ("seq" > 0);`);
    this.addSql(
      `alter table "message" add constraint "message_tombstone" check (("deleted_at" is null) = ("body" is not null));`,
    );
    this.addSql(`create index "message_mentions_gin" on "message" using gin ("mentions");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "message_mentions_gin";`);
    this.addSql(`alter table "message" drop constraint if exists "message_tombstone";`);
    this.addSql(`alter table "message" drop constraint if exists "message_seq_positive";`);
    this.addSql(`alter table "message" drop constraint if exists "message_body_length";`);
    this.addSql(`drop index if exists "channel_one_general_per_group";`);
  }
}
