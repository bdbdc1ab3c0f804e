import { Migration } from '@mikro-orm/migrations';

export class Migration20261201084029_calendar_tokens_per_device extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "calendar_token" drop constraint "calendar_token_user_id_unique";`);

    this.addSql(`alter table "calendar_token" add column "label" varchar(100) null;`);
    this.addSql(`create index "calendar_token_user_id_index" on "calendar_token" ("user_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "calendar_token_user_id_index";`);
    this.addSql(`alter table "calendar_token" drop column "label";`);

    this.addSql(
      `alter table "calendar_token" add constraint "calendar_token_user_id_unique" unique ("user_id");`,
    );
  }
}
