import { Migration } from '@mikro-orm/migrations';

export class Migration20261201124752_reviews extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "review_status" as enum ('open', 'decided');`);
    this.addSql(`create type "review_decision" as enum ('continue', 'revise_scope', 'merge', 'sunset');`);
    this.addSql(
      `create table "review" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "period_start" date not null, "period_end" date not null, "status" "review_status" not null default 'open', "opened_by_id" uuid not null, "self_assessment" text null, "self_assessed_by_id" uuid null, "self_assessed_at" timestamptz null, "assessment" text null, "decision" "review_decision" null, "rationale" text null, "merge_into_id" uuid null, "revised_scope" text null, "decided_by_id" uuid null, "decided_at" timestamptz null, "metrics" jsonb null, constraint "review_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "review_group_id_created_at_index" on "review" ("group_id", "created_at");`);

    this.addSql(
      `alter table "review" add constraint "review_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_opened_by_id_foreign" foreign key ("opened_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_self_assessed_by_id_foreign" foreign key ("self_assessed_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_merge_into_id_foreign" foreign key ("merge_into_id") references "working_group" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_decided_by_id_foreign" foreign key ("decided_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "review" cascade;`);

    this.addSql(`drop type "review_status";`);
    this.addSql(`drop type "review_decision";`);
  }
}
