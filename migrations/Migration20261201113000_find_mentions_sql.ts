import { Migration } from '@mikro-orm/migrations';

/**
 * Hand-written (a function the generator does not model): the send path's commit statement resolves mentions
 * itself (`commitMessageBatch`, src/discussion/send.queries.ts), so a batch costs no query per message.
 * `find_mentions` is the twin of `findMentions` in src/discussion/mentions.ts (same rules, same order of
 * candidates, pinned by the same cases in test/discussion-mentions-batch.e2e-spec.ts): change both together.
 */
export class Migration20261201113000_find_mentions_sql extends Migration {
  override async up(): Promise<void> {
    // Candidates: jsonb [{id, name}] in the order they were read. Longest name first (stable); an occurrence
    // counts when the next character cannot continue a name and its '@' is not inside a longer mention.
    this.addSql(
      `create function "find_mentions"(body text, candidates jsonb) returns uuid[]
       language plpgsql immutable parallel safe as $$
       declare
         txt text := lower(body);
         claimed boolean[] := array_fill(false, array[greatest(length(txt), 1)]);
         found uuid[] := '{}';
         c record;
         token text;
         tlen int;
         pos int;
         at int;
         nxt text;
       begin
         for c in
           select (e ->> 'id')::uuid as id, e ->> 'name' as name
           from jsonb_array_elements(candidates) with ordinality as t(e, ord)
           where length(btrim(e ->> 'name', E' \\t\\n\\r\\f' || chr(11))) > 0
           order by length(e ->> 'name') desc, ord
         loop
           token := '@' || lower(c.name);
           tlen := length(token);
           pos := 1;
           loop
             at := strpos(substr(txt, pos), token);
             exit when at = 0;
             at := at + pos - 1;
             pos := at + 1;
             nxt := substr(txt, at + tlen, 1);
             continue when nxt <> '' and nxt ~ '[[:alnum:]_-]';
             continue when claimed[at];
             for i in at .. at + tlen - 1 loop
               claimed[i] := true;
             end loop;
             if not (c.id = any(found)) then
               found := found || c.id;
             end if;
           end loop;
         end loop;
         return found;
       end $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "find_mentions"(text, jsonb);`);
  }
}
