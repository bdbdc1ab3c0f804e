import { Migration } from '@mikro-orm/migrations';

export class Migration20261201124916 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "proposal_status" as enum ('submitted', 'changes_requested', 'approved', 'rejected');`,
    );
    this.addSql(`create type "proposal_decision" as enum ('approved', 'rejected', 'changes_requested');`);
    this.addSql(
      `create table "group_proposal" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "proposer_id" uuid not null, "name" varchar(200) not null, "theme" varchar(60) not null, "scope" text not null, "rationale" text not null, "proposed_anchor_organization_ids" text[] not null, "proposed_anchor_user_ids" text[] not null, "status" "proposal_status" not null default 'submitted', "revision_number" int not null default 1, "last_decision" "proposal_decision" null, "last_rationale" text null, "decided_by_id" uuid null, "decided_at" timestamptz null, "group_id" uuid null, "invited_anchor_ids" text[] not null, "pending_anchor_organization_ids" text[] not null, constraint "group_proposal_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "group_proposal_status_created_at_index" on "group_proposal" ("status", "created_at");`,
    );
    this.addSql(
      `create index "group_proposal_proposer_id_created_at_index" on "group_proposal" ("proposer_id", "created_at");`,
    );

    this.addSql(
      `create table "proposal_revision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "proposal_id" uuid not null, "number" int not null, "name" varchar(200) not null, "theme" varchar(60) not null, "scope" text not null, "rationale" text not null, "proposed_anchor_organization_ids" text[] not null, "proposed_anchor_user_ids" text[] not null, constraint "proposal_revision_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "proposal_revision" add constraint "proposal_revision_proposal_id_number_unique" unique ("proposal_id", "number");`,
    );

    this.addSql(
      `create table "proposal_comment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "proposal_id" uuid not null, "author_id" uuid not null, "body" text not null, "decision" "proposal_decision" null, constraint "proposal_comment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "proposal_comment_proposal_id_created_at_index" on "proposal_comment" ("proposal_id", "created_at");`,
    );

    this.addSql(
      `alter table "group_proposal" add constraint "group_proposal_proposer_id_foreign" foreign key ("proposer_id") references "user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "group_proposal" add constraint "group_proposal_decided_by_id_foreign" foreign key ("decided_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "group_proposal" add constraint "group_proposal_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "proposal_revision" add constraint "proposal_revision_proposal_id_foreign" foreign key ("proposal_id") references "group_proposal" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_proposal_id_foreign" foreign key ("proposal_id") references "group_proposal" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "proposal_comment" add constraint "proposal_comment_author_id_foreign" foreign key ("author_id") references "user" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "proposal_revision" drop constraint "proposal_revision_proposal_id_foreign";`);

    this.addSql(`alter table "proposal_comment" drop constraint "proposal_comment_proposal_id_foreign";`);

    this.addSql(`drop table if exists "group_proposal" cascade;`);

    this.addSql(`drop table if exists "proposal_revision" cascade;`);

    this.addSql(`drop table if exists "proposal_comment" cascade;`);

    this.addSql(`drop type "proposal_status";`);
    this.addSql(`drop type "proposal_decision";`);
  }
}
