import { Migration } from '@mikro-orm/migrations';

export class Migration20261201125504_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notification_preference" ("user_id" uuid not null, "kind" varchar(64) not null, "frequency" varchar(16) not null, "updated_at" timestamptz not null, constraint "notification_preference_pkey" primary key ("user_id", "kind"));`,
    );

    this.addSql(
      `create table "notification" ("id" uuid not null, "recipient_id" uuid not null, "kind" varchar(64) not null, "group_id" uuid null, "subject_type" varchar(32) not null, "subject_id" uuid not null, "actor_id" uuid null, "params" jsonb not null, "dedupe_key" varchar(200) null, "email_mode" varchar(16) not null, "emailed_at" timestamptz null, "digest_id" uuid null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_email_pending_idx" on "notification" ("email_mode", "created_at") where "emailed_at" is null and "email_mode" <> 'off';`,
    );
    this.addSql(
      `create index "notification_unread_idx" on "notification" ("recipient_id") where "read_at" is null;`,
    );
    this.addSql(
      `create index "notification_recipient_id_created_at_id_index" on "notification" ("recipient_id", "created_at", "id");`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_dedupe_key_unique" unique ("recipient_id", "dedupe_key");`,
    );

    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);
  }
}
