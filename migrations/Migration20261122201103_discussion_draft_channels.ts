import { Migration } from '@mikro-orm/migrations';

export class Migration20261122201103_discussion_draft_channels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "channel" add column "restricted" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "channel" drop column "restricted";`);
  }
}
