import { Migration } from '@mikro-orm/migrations';

/**
 * Hand-written (partial indexes the generator does not model): `GET /me/unread` counts from `channel.last_seq`
 * minus the read marker and reads only these indexes, never the whole `message` table (issue 15,
 * `unreadCounts` in src/discussion/discussion.queries.ts).
 */
export class Migration20261201103000_unread_index_bounded extends Migration {
  override async up(): Promise<void> {
    // The caller's own live messages after the marker: an index-only count bounded by what the caller wrote.
    this.addSql(
      `create index "message_author_channel_seq" on "message" ("author_id", "channel_id", "seq") where "deleted_at" is null;`,
    );
    // Tombstones after the marker: tiny, written only on delete.
    this.addSql(
      `create index "message_deleted_channel_seq" on "message" ("channel_id", "seq") where "deleted_at" is not null;`,
    );
    // Mentions: only messages that mention someone are indexed, so a plain send pays no GIN entry.
    this.addSql(`drop index if exists "message_mentions_gin";`);
    this.addSql(
      `create index "message_mentions_gin" on "message" using gin ("mentions") where "mentions" <> '{}';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "message_mentions_gin";`);
    this.addSql(`create index "message_mentions_gin" on "message" using gin ("mentions");`);
    this.addSql(`drop index if exists "message_deleted_channel_seq";`);
    this.addSql(`drop index if exists "message_author_channel_seq";`);
  }
}
