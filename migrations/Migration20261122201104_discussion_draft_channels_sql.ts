import { Migration } from '@mikro-orm/migrations';

/** Hand-written: data fix and a rule the generator does not model. Kept apart from the generated migration. */
export class Migration20261122201104_discussion_draft_channels_sql extends Migration {
  override async up(): Promise<void> {
    // Channels of meetings that are still drafts were visible to every member and open to posts: hide them and
    // close them like new ones. (A draft cancelled earlier cannot be told apart from a cancelled announced
    // meeting any more; those stay visible and read-only.)
    this.addSql(
      `update "channel" c set "restricted" = true, "read_only" = true, "updated_at" = now()
       from "meeting" m where m."id" = c."meeting_id" and m."status" = 'draft';`,
    );
    // Posting checks only read_only under the channel lock: a hidden channel must never accept posts.
    this.addSql(
      `alter table "channel" add constraint "channel_restricted_read_only" check (not "restricted" or "read_only");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "channel" drop constraint "channel_restricted_read_only";`);
  }
}
