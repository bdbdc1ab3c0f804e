import { Migration } from '@mikro-orm/migrations';

export class Migration20261122192337_meetings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "meeting_format" as enum ('in_person', 'virtual', 'hybrid');`);
    this.addSql(
      `create type "meeting_status" as enum ('draft', 'scheduled', 'live', 'concluded', 'cancelled');`,
    );
    this.addSql(`create type "rsvp_status" as enum ('going', 'maybe', 'declined');`);
    this.addSql(`create type "minutes_status" as enum ('draft', 'published');`);
    this.addSql(`create type "agenda_item_status" as enum ('proposed', 'accepted', 'rejected');`);
    this.addSql(`create type "action_item_status" as enum ('open', 'done');`);
    this.addSql(
      `create table "calendar_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "token_hash" varchar(64) not null, constraint "calendar_token_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "calendar_token" add constraint "calendar_token_user_id_unique" unique ("user_id");`,
    );
    this.addSql(
      `alter table "calendar_token" add constraint "calendar_token_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "meeting" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "title" varchar(200) not null, "description" text null, "format" "meeting_format" not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "time_zone" varchar(64) not null, "location" varchar(500) null, "online_url" varchar(2000) null, "capacity" int null, "status" "meeting_status" not null default 'draft', "status_reason" varchar(1000) null, "sequence" int not null default 0, "waitlist_counter" int not null default 0, "created_by_id" uuid not null, constraint "meeting_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "meeting_status_index" on "meeting" ("status");`);
    this.addSql(`create index "meeting_group_id_starts_at_index" on "meeting" ("group_id", "starts_at");`);

    this.addSql(
      `create table "rsvp" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "user_id" uuid not null, "status" "rsvp_status" not null, "waitlist_ticket" int null, constraint "rsvp_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "rsvp_meeting_id_status_waitlist_ticket_index" on "rsvp" ("meeting_id", "status", "waitlist_ticket");`,
    );
    this.addSql(
      `alter table "rsvp" add constraint "rsvp_meeting_id_user_id_unique" unique ("meeting_id", "user_id");`,
    );

    this.addSql(
      `create table "minutes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "body" text not null, "decisions" jsonb not null, "status" "minutes_status" not null default 'draft', "published_at" timestamptz null, "published_by_id" uuid null, "updated_by_id" uuid not null, constraint "minutes_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "minutes" add constraint "minutes_meeting_id_unique" unique ("meeting_id");`);

    this.addSql(
      `create table "attendance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "user_id" uuid not null, "first_joined_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "attendance_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_meeting_id_user_id_unique" unique ("meeting_id", "user_id");`,
    );

    this.addSql(
      `create table "agenda_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "position" int not null, "title" varchar(200) not null, "description" text null, "duration_minutes" int not null, "presenter_id" uuid null, "document_ids" uuid[] not null, "status" "agenda_item_status" not null default 'proposed', "proposed_by_id" uuid not null, constraint "agenda_item_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "agenda_item_meeting_id_position_index" on "agenda_item" ("meeting_id", "position");`,
    );

    this.addSql(
      `create table "action_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "minutes_id" uuid not null, "group_id" uuid not null, "position" int not null, "title" varchar(300) not null, "assignee_id" uuid not null, "due_date" date not null, "status" "action_item_status" not null default 'open', constraint "action_item_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "action_item_assignee_id_status_due_date_index" on "action_item" ("assignee_id", "status", "due_date");`,
    );

    this.addSql(
      `alter table "calendar_token" add constraint "calendar_token_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "meeting" add constraint "meeting_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "rsvp" add constraint "rsvp_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "rsvp" add constraint "rsvp_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "minutes" add constraint "minutes_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "minutes" add constraint "minutes_published_by_id_foreign" foreign key ("published_by_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "minutes" add constraint "minutes_updated_by_id_foreign" foreign key ("updated_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "attendance" add constraint "attendance_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_presenter_id_foreign" foreign key ("presenter_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_proposed_by_id_foreign" foreign key ("proposed_by_id") references "user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "action_item" add constraint "action_item_minutes_id_foreign" foreign key ("minutes_id") references "minutes" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "action_item" add constraint "action_item_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "action_item" add constraint "action_item_assignee_id_foreign" foreign key ("assignee_id") references "user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "rsvp" drop constraint "rsvp_meeting_id_foreign";`);

    this.addSql(`alter table "minutes" drop constraint "minutes_meeting_id_foreign";`);

    this.addSql(`alter table "attendance" drop constraint "attendance_meeting_id_foreign";`);

    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_meeting_id_foreign";`);

    this.addSql(`alter table "action_item" drop constraint "action_item_minutes_id_foreign";`);

    this.addSql(`drop table if exists "calendar_token" cascade;`);

    this.addSql(`drop table if exists "meeting" cascade;`);

    this.addSql(`drop table if exists "rsvp" cascade;`);

    this.addSql(`drop table if exists "minutes" cascade;`);

    this.addSql(`drop table if exists "attendance" cascade;`);

    this.addSql(`drop table if exists "agenda_item" cascade;`);

    this.addSql(`drop table if exists "action_item" cascade;`);

    this.addSql(`drop type "meeting_format";`);
    this.addSql(`drop type "meeting_status";`);
    this.addSql(`drop type "rsvp_status";`);
    this.addSql(`drop type "minutes_status";`);
    this.addSql(`drop type "agenda_item_status";`);
    this.addSql(`drop type "action_item_status";`);
  }
}
