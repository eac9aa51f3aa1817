import { type Kysely, sql } from 'kysely';
import { pinyin } from 'pinyin-pro';

// Names sort by pinyin on both databases: the key is computed in the application (the databases' collations
// differ, and PGlite has no ICU) and compared byte-wise (collate "C"). Existing members get theirs here; the
// function is a frozen copy of server/src/core/sort-key.ts as of this migration.
function nameSortKey(name: string): string {
  return pinyin(name, { toneType: 'num', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase())
    .join(' ');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member add column name_sort_key text`.execute(db);
  for (;;) {
    const batch = await sql<{ id: string; name: string }>`
      select id, name from member where name_sort_key is null limit 1000`.execute(db);
    if (batch.rows.length === 0) break;
    const values = sql.join(batch.rows.map((r) => sql`(${r.id}::uuid, ${nameSortKey(r.name)})`));
    await sql`update member set name_sort_key = v.key from (values ${values}) as v(id, key) where member.id = v.id`.execute(
      db,
    );
  }
  await sql`create index member_name_sort_key_idx on member (name_sort_key collate "C")`.execute(db);
}
