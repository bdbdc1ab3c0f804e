import { Migration } from '@mikro-orm/migrations';

export class Migration20261122191654_groups extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "group_status" as enum ('proposed', 'active', 'under_review', 'sunset', 'archived');`,
    );
    this.addSql(`create type "group_visibility" as enum ('public', 'members');`);
    this.addSql(`create type "join_policy" as enum ('open', 'approval');`);
    this.addSql(`create type "group_role" as enum ('anchor', 'member', 'observer');`);
    this.addSql(
      `create type "membership_status" as enum ('invited', 'requested', 'active', 'rejected', 'left', 'removed');`,
    );
    this.addSql(
      `create table "working_group" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "slug" varchar(80) not null, "name" varchar(200) not null, "theme" varchar(60) not null, "description" text not null, "status" "group_status" not null default 'proposed', "visibility" "group_visibility" not null default 'public', "join_policy" "join_policy" not null default 'approval', constraint "working_group_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "working_group" add constraint "working_group_slug_unique" unique ("slug");`);
    this.addSql(`create index "working_group_theme_index" on "working_group" ("theme");`);
    this.addSql(`create index "working_group_status_index" on "working_group" ("status");`);

    this.addSql(
      `create table "membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "user_id" uuid not null, "role" "group_role" not null default 'member', "status" "membership_status" not null default 'requested', "approved_by_id" uuid null, "approved_at" timestamptz null, "invited_by_id" uuid null, constraint "membership_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(
      `create index "membership_group_id_status_role_index" on "membership" ("group_id", "status", "role");`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_group_id_user_id_unique" unique ("group_id", "user_id");`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_approved_by_id_foreign" foreign key ("approved_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_invited_by_id_foreign" foreign key ("invited_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "membership" drop constraint "membership_group_id_foreign";`);

    this.addSql(`drop table if exists "working_group" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop type "group_status";`);
    this.addSql(`drop type "group_visibility";`);
    this.addSql(`drop type "join_policy";`);
    this.addSql(`drop type "group_role";`);
    this.addSql(`drop type "membership_status";`);
  }
}
