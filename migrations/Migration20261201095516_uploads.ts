import { Migration } from '@mikro-orm/migrations';

export class Migration20261201095516_uploads extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "upload" ("id" uuid not null, "owner_id" uuid not null, "length" bigint not null, "declared_filename" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "completed_at" timestamptz null, constraint "upload_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "upload_expires_at_index" on "upload" ("expires_at");`);
    this.addSql(`create index "upload_owner_id_expires_at_index" on "upload" ("owner_id", "expires_at");`);

    this.addSql(
      `alter table "upload" add constraint "upload_owner_id_foreign" foreign key ("owner_id") references "user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "upload" cascade;`);
  }
}
