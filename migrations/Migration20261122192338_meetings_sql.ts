import { Migration } from '@mikro-orm/migrations';

/** Hand-written: invariants the entity metadata cannot express (kept apart from the generated migration). */
export class Migration20261122192338_meetings_sql extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "meeting" add constraint "meeting_ends_after_start" check ("ends_at" > "starts_at");`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_capacity_positive" check ("capacity" is null or "capacity" >= 1);`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_duration_positive" check ("duration_minutes" > 0);`,
    );
    this.addSql(
      `alter table "rsvp" add constraint "rsvp_waitlist_only_going" check ("waitlist_ticket" is null or "status" = 'going');`,
    );
    // Each waitlist ticket is handed out once per meeting.
    this.addSql(
      `create unique index "rsvp_meeting_waitlist_ticket_unique" on "rsvp" ("meeting_id", "waitlist_ticket") where "waitlist_ticket" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "rsvp_meeting_waitlist_ticket_unique";`);
    this.addSql(`alter table "rsvp" drop constraint if exists "rsvp_waitlist_only_going";`);
    this.addSql(`alter table "agenda_item" drop constraint if exists "agenda_item_duration_positive";`);
    this.addSql(`alter table "meeting" drop constraint if exists "meeting_capacity_positive";`);
    this.addSql(`alter table "meeting" drop constraint if exists "meeting_ends_after_start";`);
  }
}
