import { Migration } from '@mikro-orm/migrations';

export class Migration20261122192226_discussion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "channel_kind" as enum ('general', 'meeting', 'topic');`);
    this.addSql(
      `create table "channel" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "group_id" uuid not null, "kind" "channel_kind" not null, "name" varchar(120) not null, "meeting_id" uuid null, "read_only" boolean not null default false, "last_seq" int not null default 0, constraint "channel_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "channel" add constraint "channel_meeting_id_unique" unique ("meeting_id");`);
    this.addSql(`create index "channel_group_id_kind_index" on "channel" ("group_id", "kind");`);

    this.addSql(
      `create table "read_marker" ("id" uuid not null, "user_id" uuid not null, "channel_id" uuid not null, "last_read_seq" int not null default 0, "updated_at" timestamptz not null, constraint "read_marker_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "read_marker" add constraint "read_marker_user_id_channel_id_unique" unique ("user_id", "channel_id");`,
    );

    this.addSql(
      `create table "message" ("id" uuid not null, "channel_id" uuid not null, "seq" int not null, "author_id" uuid not null, "body" text null, "parent_id" uuid null, "mentions" uuid[] not null, "client_message_id" varchar(100) not null, "edits" jsonb not null, "created_at" timestamptz not null, "edited_at" timestamptz null, "deleted_at" timestamptz null, constraint "message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "message_author_id_index" on "message" ("author_id");`);
    this.addSql(`create index "message_parent_id_index" on "message" ("parent_id");`);
    this.addSql(
      `alter table "message" add constraint "message_channel_id_author_id_client_message_id_unique" unique ("channel_id", "author_id", "client_message_id");`,
    );
    this.addSql(
      `alter table "message" add constraint "message_channel_id_seq_unique" unique ("channel_id", "seq");`,
    );

    this.addSql(
      `create table "message_reaction" ("id" uuid not null, "message_id" uuid not null, "user_id" uuid not null, "emoji" varchar(32) not null, "created_at" timestamptz not null, constraint "message_reaction_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "message_reaction" add constraint "message_reaction_message_id_user_id_emoji_unique" unique ("message_id", "user_id", "emoji");`,
    );

    this.addSql(
      `alter table "channel" add constraint "channel_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "read_marker" add constraint "read_marker_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "read_marker" add constraint "read_marker_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "message" add constraint "message_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "message" add constraint "message_author_id_foreign" foreign key ("author_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "message" add constraint "message_parent_id_foreign" foreign key ("parent_id") references "message" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "message_reaction" add constraint "message_reaction_message_id_foreign" foreign key ("message_id") references "message" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "message_reaction" add constraint "message_reaction_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "read_marker" drop constraint "read_marker_channel_id_foreign";`);

    this.addSql(`alter table "message" drop constraint "message_channel_id_foreign";`);

    this.addSql(`alter table "message" drop constraint "message_parent_id_foreign";`);

    this.addSql(`alter table "message_reaction" drop constraint "message_reaction_message_id_foreign";`);

    this.addSql(`drop table if exists "channel" cascade;`);

    this.addSql(`drop table if exists "read_marker" cascade;`);

    this.addSql(`drop table if exists "message" cascade;`);

    this.addSql(`drop table if exists "message_reaction" cascade;`);

    this.addSql(`drop type "channel_kind";`);
  }
}
