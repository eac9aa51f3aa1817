import { type Kysely, sql } from 'kysely';

// Department kinds that fit real organs: beside 处室 and 科室, 派出机构 (a subordinate office: a branch office or a
// station is not a division) and 直属单位 (an affiliated institution).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table department drop constraint department_kind_check`.execute(db);
  await sql`alter table department add constraint department_kind_check
    check (kind in ('division','section','office','affiliated'))`.execute(db);
}
