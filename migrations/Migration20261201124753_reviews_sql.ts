import { Migration } from '@mikro-orm/migrations';

/** Hand-written: rules the generator does not model. Kept apart so the generated migration can be regenerated. */
export class Migration20261201124753_reviews_sql extends Migration {
  override async up(): Promise<void> {
    // At most one open review per group (the service checks first under the group row lock; this is the backstop).
    this.addSql(
      `create unique index "review_one_open_per_group" on "review" ("group_id") where "status" = 'open';`,
    );
    this.addSql(
      `alter table "review" add constraint "review_period_order" check ("period_start" < "period_end");`,
    );
    this.addSql(
      `alter table "review" add constraint "review_decided_complete" check (("status" = 'open') = ("decision" is null) and ("status" = 'open') = ("metrics" is null));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "review" drop constraint if exists "review_decided_complete";`);
    this.addSql(`alter table "review" drop constraint if exists "review_period_order";`);
    this.addSql(`drop index if exists "review_one_open_per_group";`);
  }
}
