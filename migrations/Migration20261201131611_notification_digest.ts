import { Migration } from '@mikro-orm/migrations';

export class Migration20261201131611_notification_digest extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notification_digest" ("id" uuid not null, "user_id" uuid not null, "cadence" varchar(16) not null, "slot_at" timestamptz not null, "time_zone" varchar(64) not null, "status" varchar(16) not null default 'pending', "item_count" int not null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "notification_digest_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_digest_pending_idx" on "notification_digest" ("created_at") where "status" = 'pending';`,
    );
    this.addSql(
      `alter table "notification_digest" add constraint "notification_digest_user_id_cadence_slot_at_unique" unique ("user_id", "cadence", "slot_at");`,
    );

    this.addSql(
      `alter table "notification_digest" add constraint "notification_digest_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_digest" cascade;`);
  }
}
