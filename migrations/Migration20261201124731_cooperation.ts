import { Migration } from '@mikro-orm/migrations';

export class Migration20261201124731_cooperation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "commitment_status" as enum ('not_started', 'limited', 'substantial', 'completed');`,
    );
    this.addSql(`create type "assistance_kind" as enum ('peer_exchange', 'technical_assistance');`);
    this.addSql(
      `create type "assistance_status" as enum ('open', 'matched', 'in_progress', 'closed', 'withdrawn');`,
    );
    this.addSql(
      `create table "commitment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "country" varchar(2) not null, "cycle" varchar(9) not null, "reference" varchar(50) not null, "title" varchar(300) not null, "url" varchar(500) null, "supporting_organization_id" uuid null, "status" "commitment_status" not null default 'not_started', "created_by_id" uuid not null, constraint "commitment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "commitment_supporting_organization_id_index" on "commitment" ("supporting_organization_id");`,
    );
    this.addSql(
      `create index "commitment_group_id_created_at_index" on "commitment" ("group_id", "created_at");`,
    );
    this.addSql(
      `create unique index "commitment_group_country_cycle_reference_unique" on "commitment" ("group_id", "country", "cycle", lower("reference"));`,
    );

    this.addSql(
      `create table "commitment_progress_note" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "commitment_id" uuid not null, "date" date not null, "note" text not null, "author_id" uuid not null, constraint "commitment_progress_note_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "commitment_progress_note_commitment_id_date_index" on "commitment_progress_note" ("commitment_id", "date");`,
    );

    this.addSql(
      `create table "assistance_request" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "kind" "assistance_kind" not null, "topic" varchar(200) not null, "description" text not null, "requesting_organization_id" uuid not null, "offering_organization_id" uuid null, "status" "assistance_status" not null default 'open', "created_by_id" uuid not null, "closed_at" timestamptz null, constraint "assistance_request_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "assistance_request_requesting_organization_id_index" on "assistance_request" ("requesting_organization_id");`,
    );
    this.addSql(
      `create index "assistance_request_offering_organization_id_index" on "assistance_request" ("offering_organization_id");`,
    );
    this.addSql(
      `create index "assistance_request_group_id_created_at_index" on "assistance_request" ("group_id", "created_at");`,
    );

    this.addSql(
      `create table "assistance_request_step" ("id" uuid not null, "request_id" uuid not null, "from_status" "assistance_status" null, "to_status" "assistance_status" not null, "actor_id" uuid not null, "note" varchar(2000) null, "created_at" timestamptz not null, constraint "assistance_request_step_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "assistance_request_step_request_id_created_at_index" on "assistance_request_step" ("request_id", "created_at");`,
    );

    this.addSql(
      `alter table "commitment" add constraint "commitment_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_supporting_organization_id_foreign" foreign key ("supporting_organization_id") references "organization" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "commitment_progress_note" add constraint "commitment_progress_note_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment_progress_note" add constraint "commitment_progress_note_author_id_foreign" foreign key ("author_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "assistance_request" add constraint "assistance_request_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "assistance_request" add constraint "assistance_request_requesting_organization_id_foreign" foreign key ("requesting_organization_id") references "organization" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "assistance_request" add constraint "assistance_request_offering_organization_id_foreign" foreign key ("offering_organization_id") references "organization" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "assistance_request" add constraint "assistance_request_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "assistance_request_step" add constraint "assistance_request_step_request_id_foreign" foreign key ("request_id") references "assistance_request" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "assistance_request_step" add constraint "assistance_request_step_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "commitment_progress_note" drop constraint "commitment_progress_note_commitment_id_foreign";`,
    );

    this.addSql(
      `alter table "assistance_request_step" drop constraint "assistance_request_step_request_id_foreign";`,
    );

    this.addSql(`drop table if exists "commitment" cascade;`);

    this.addSql(`drop table if exists "commitment_progress_note" cascade;`);

    this.addSql(`drop table if exists "assistance_request" cascade;`);

    this.addSql(`drop table if exists "assistance_request_step" cascade;`);

    this.addSql(`drop type "commitment_status";`);
    this.addSql(`drop type "assistance_kind";`);
    this.addSql(`drop type "assistance_status";`);
  }
}
