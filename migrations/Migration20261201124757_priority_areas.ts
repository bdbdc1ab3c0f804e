import { Migration } from '@mikro-orm/migrations';

export class Migration20261201124757_priority_areas extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "priority_area_status" as enum ('proposed', 'adopted', 'retired');`);
    this.addSql(`create type "priority_position" as enum ('agree', 'abstain', 'object');`);
    this.addSql(`create type "constituency" as enum ('government', 'civil_society', 'other');`);
    this.addSql(
      `create table "priority_area" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "title" varchar(200) not null, "description" text not null, "status" "priority_area_status" not null default 'proposed', "closes_at" timestamptz null, "outcome" text null, "override_reason" text null, "review_on" date null, "adopted_at" timestamptz null, "adopted_by_id" uuid null, "retired_at" timestamptz null, "retired_by_id" uuid null, "created_by_id" uuid not null, constraint "priority_area_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "priority_area_group_id_created_at_index" on "priority_area" ("group_id", "created_at");`,
    );

    this.addSql(
      `create table "priority_area_position" ("priority_area_id" uuid not null, "user_id" uuid not null, "position" "priority_position" not null, "reason" text null, "constituency" "constituency" not null, "affiliation_verified" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "priority_area_position_pkey" primary key ("priority_area_id", "user_id"));`,
    );

    this.addSql(
      `alter table "priority_area" add constraint "priority_area_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "priority_area" add constraint "priority_area_adopted_by_id_foreign" foreign key ("adopted_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "priority_area" add constraint "priority_area_retired_by_id_foreign" foreign key ("retired_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "priority_area" add constraint "priority_area_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "priority_area_position" add constraint "priority_area_position_priority_area_id_foreign" foreign key ("priority_area_id") references "priority_area" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "priority_area_position" add constraint "priority_area_position_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "priority_area_position" drop constraint "priority_area_position_priority_area_id_foreign";`,
    );

    this.addSql(`drop table if exists "priority_area" cascade;`);

    this.addSql(`drop table if exists "priority_area_position" cascade;`);

    this.addSql(`drop type "priority_area_status";`);
    this.addSql(`drop type "priority_position";`);
    this.addSql(`drop type "constituency";`);
  }
}
