import { Migration } from '@mikro-orm/migrations';

export class Migration20261201103157_message_mention extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "message_mention" ("user_id" uuid not null, "channel_id" uuid not null, "seq" int not null, "message_id" uuid not null, constraint "message_mention_pkey" primary key ("user_id", "channel_id", "seq"));`,
    );
    this.addSql(`create index "message_mention_message_id_index" on "message_mention" ("message_id");`);

    this.addSql(
      `alter table "message_mention" add constraint "message_mention_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "message_mention" add constraint "message_mention_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "message_mention" add constraint "message_mention_message_id_foreign" foreign key ("message_id") references "message" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "message_mention" cascade;`);
  }
}
