import { Migration } from '@mikro-orm/migrations';

export class Migration20261201100014_documents extends Migration {
  override async up(): Promise<void> {
    // Accent-insensitive search of titles and descriptions (documents.queries.ts); a trusted extension, so a
    // database owner without superuser rights may create it.
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create type "document_uploads" as enum ('anchors', 'members');`);
    this.addSql(
      `create type "document_kind" as enum ('guidance', 'policy_brief', 'minutes', 'presentation', 'report', 'other');`,
    );
    this.addSql(`create type "document_visibility" as enum ('public', 'members');`);
    this.addSql(
      `create table "document" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "title" varchar(200) not null, "description" text null, "kind" "document_kind" not null, "visibility" "document_visibility" not null, "tags" text[] not null, "meeting_id" uuid null, "deleted_at" timestamptz null, "created_by_id" uuid not null, "latest_version_number" int not null default 0, constraint "document_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "document_meeting_id_index" on "document" ("meeting_id");`);
    this.addSql(
      `create index "document_group_id_updated_at_index" on "document" ("group_id", "updated_at");`,
    );

    this.addSql(
      `create table "document_version" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "document_id" uuid not null, "number" int not null, "filename" varchar(255) not null, "mime_type" varchar(255) not null, "size" bigint not null, "sha256" varchar(64) not null, "uploaded_by_id" uuid not null, "note" varchar(2000) null, "storage_key" varchar(500) not null, constraint "document_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "document_version" add constraint "document_version_storage_key_unique" unique ("storage_key");`,
    );
    this.addSql(
      `alter table "document_version" add constraint "document_version_document_id_number_unique" unique ("document_id", "number");`,
    );

    this.addSql(
      `alter table "document" add constraint "document_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "document" add constraint "document_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "document" add constraint "document_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "document_version" add constraint "document_version_document_id_foreign" foreign key ("document_id") references "document" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "document_version" add constraint "document_version_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "working_group" add column "document_uploads" "document_uploads" not null default 'members';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "document_version" drop constraint "document_version_document_id_foreign";`);

    this.addSql(`drop table if exists "document" cascade;`);

    this.addSql(`drop table if exists "document_version" cascade;`);

    this.addSql(`alter table "working_group" drop column "document_uploads";`);

    this.addSql(`drop type "document_uploads";`);
    this.addSql(`drop type "document_kind";`);
    this.addSql(`drop type "document_visibility";`);
  }
}
