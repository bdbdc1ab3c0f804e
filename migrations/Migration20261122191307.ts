import { Migration } from '@mikro-orm/migrations';

export class Migration20261122191307 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "organization_kind" as enum ('government', 'civil_society', 'multilateral', 'other');`,
    );
    this.addSql(`create type "government_level" as enum ('national', 'local');`);
    this.addSql(`create type "platform_role" as enum ('member', 'steering_committee', 'admin');`);
    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "scope" varchar(80) not null, "seq" int not null, "actor_id" uuid null, "action" varchar(80) not null, "entity_type" varchar(60) not null, "entity_id" varchar(80) not null, "before" jsonb null, "after" jsonb null, "request_id" varchar(128) null, "occurred_at" timestamptz not null, "prev_hash" varchar(64) null, "hash" varchar(64) not null);`,
    );
    this.addSql(
      `create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`,
    );
    this.addSql(
      `alter table "audit_event" add constraint "audit_event_scope_seq_unique" unique ("scope", "seq");`,
    );

    this.addSql(
      `create table "organization" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "kind" "organization_kind" not null, "country" varchar(2) null, "level" "government_level" null, "website" varchar(500) null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organization_country_index" on "organization" ("country");`);
    this.addSql(`create unique index "organization_name_lower_unique" on "organization" (lower("name"));`);

    this.addSql(
      `create table "user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(254) not null, "display_name" varchar(100) not null, "password_hash" varchar(255) not null, "organization_id" uuid null, "role" "platform_role" not null default 'member', "locale" varchar(35) not null default 'en', "time_zone" varchar(64) not null default 'UTC', "disabled" boolean not null default false, constraint "user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);

    this.addSql(
      `create table "auth_session" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(40) null, constraint "auth_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);

    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "session_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "used_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "refresh_token_session_id_index" on "refresh_token" ("session_id");`);
    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `alter table "user" add constraint "user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_session_id_foreign" foreign key ("session_id") references "auth_session" ("id") on update cascade on delete cascade;`,
    );

    // Hand-written (the schema diff does not model triggers): the audit trail is append-only in the database
    // itself, whatever the application does.
    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger "audit_event_no_update_or_delete" before update or delete on "audit_event"
      for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event"
      for each statement execute function "audit_event_append_only"();`);
  }
}
