import { type Kysely, sql } from 'kysely';
import { pinyin } from 'pinyin-pro';

// A roster import is committed in one short transaction and then published into member (ADR 19):
// - member_import_batch: one row per committed batch whose staged rows are not all in member yet. Its presence is
//   the commit: the rows left in member_import_stage under that batch are published (in chunks on the embedded
//   database), and a batch found here at start-up or before the next import is finished (rolled forward).
// - member_import_stage.name_sort_key: imported members were written without their pinyin sort key, so they
//   sorted by their characters' code points among members sorted by pinyin. The key is computed with the rest of the
//   staged row; members imported before get theirs here (a frozen copy of server/src/core/sort-key.ts, as in the
//   migration that added the key).
function nameSortKey(name: string): string {
  return pinyin(name, { toneType: 'num', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase())
    .join(' ');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member_import_stage add column name_sort_key text`.execute(db);
  for (;;) {
    const batch = await sql<{ id: string; name: string }>`
      select id, name from member where name_sort_key is null limit 1000`.execute(db);
    if (batch.rows.length === 0) break;
    const values = sql.join(batch.rows.map((r) => sql`(${r.id}::uuid, ${nameSortKey(r.name)})`));
    await sql`update member set name_sort_key = v.key from (values ${values}) as v(id, key) where member.id = v.id`.execute(
      db,
    );
  }
  await sql`
    create table member_import_batch (
      batch_id uuid primary key,
      rows integer not null check (rows >= 0),
      committed_at timestamptz not null default now()
    )`.execute(db);
}
