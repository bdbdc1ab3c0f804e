import { Migration } from '@mikro-orm/migrations';

export class Migration20261201124242_affiliation_verified extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "user" add column "affiliation_verified_at" timestamptz null, add column "affiliation_verified_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "user" add constraint "user_affiliation_verified_by_id_foreign" foreign key ("affiliation_verified_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "user" drop constraint "user_affiliation_verified_by_id_foreign";`);

    this.addSql(
      `alter table "user" drop column "affiliation_verified_at", drop column "affiliation_verified_by_id";`,
    );
  }
}
