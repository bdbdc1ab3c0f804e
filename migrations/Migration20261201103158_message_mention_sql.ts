import { Migration } from '@mikro-orm/migrations';

/**
 * Hand-written (triggers and partial indexes the generator does not model): `GET /me/unread` counts from
 * `channel.last_seq` minus the read marker and reads only bounded index ranges, never the whole `message` table
 * (issue 15, `unreadCounts` in src/discussion/discussion.queries.ts).
 */
export class Migration20261201103158_message_mention_sql extends Migration {
  override async up(): Promise<void> {
    // The caller's own live messages after the marker: an index-only count bounded by what the caller wrote.
    this.addSql(
      `create index "message_author_channel_seq" on "message" ("author_id", "channel_id", "seq") where "deleted_at" is null;`,
    );
    // Tombstones after the marker: tiny, written only on delete.
    this.addSql(
      `create index "message_deleted_channel_seq" on "message" ("channel_id", "seq") where "deleted_at" is not null;`,
    );
    // message_mention mirrors the live mentions of others (a delete empties `mentions`, an edit re-resolves them):
    // kept by the database so that no writer of `message` (the send path, edits, deletes) has to know about it.
    this.addSql(
      `create function "message_mention_sync"() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' then
           delete from "message_mention" where "message_id" = new."id";
         end if;
         insert into "message_mention" ("user_id", "channel_id", "seq", "message_id")
           select distinct u, new."channel_id", new."seq", new."id" from unnest(new."mentions") u
           where u <> new."author_id" and new."deleted_at" is null;
         return null;
       end $$;`,
    );
    this.addSql(
      `create trigger "message_mention_insert" after insert on "message" for each row
       when (new."mentions" <> '{}') execute function "message_mention_sync"();`,
    );
    this.addSql(
      `create trigger "message_mention_update" after update of "mentions", "deleted_at" on "message" for each row
       when (old."mentions" is distinct from new."mentions" or old."deleted_at" is distinct from new."deleted_at")
       execute function "message_mention_sync"();`,
    );
    this.addSql(
      `insert into "message_mention" ("user_id", "channel_id", "seq", "message_id")
       select distinct u, m."channel_id", m."seq", m."id" from "message" m, unnest(m."mentions") u
       where m."mentions" <> '{}' and m."deleted_at" is null and u <> m."author_id";`,
    );
    // No query reads `mentions` through an index any more; every send paid for this one.
    this.addSql(`drop index if exists "message_mentions_gin";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "message_mentions_gin" on "message" using gin ("mentions");`);
    this.addSql(`drop trigger if exists "message_mention_update" on "message";`);
    this.addSql(`drop trigger if exists "message_mention_insert" on "message";`);
    this.addSql(`drop function if exists "message_mention_sync"();`);
    this.addSql(`truncate "message_mention";`);
    this.addSql(`drop index if exists "message_deleted_channel_seq";`);
    this.addSql(`drop index if exists "message_author_channel_seq";`);
  }
}
