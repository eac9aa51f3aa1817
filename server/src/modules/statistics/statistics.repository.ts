// Grouped counts over one subtree, read-only. The statistics module owns no table: it reads member and party_org
// (the documented cross-table read, ARCHITECTURE.md §4) in a fixed number of grouped statements, whatever the size.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db.ts';

export function findOrg(db: Db, id: string) {
  return db.selectFrom('partyOrg').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

export type Dimension = 'category' | 'gender' | 'ethnicity' | 'education' | 'age' | 'membershipYears';

/** The grouping expression of each dimension; ages and years are whole years on `asOf`. */
function dimensionSql(dimension: Dimension, asOf: string): RawBuilder<unknown> {
  switch (dimension) {
    case 'category':
      return sql`m.category`;
    case 'gender':
      return sql`m.gender`;
    case 'ethnicity':
      return sql`m.ethnicity`;
    case 'education':
      return sql`m.education`;
    case 'age':
      return sql`date_part('year', age(${asOf}::date, m.birth_date))::int`;
    case 'membershipYears':
      // Probationary members have no years of membership yet: -9999 marks them apart from "not recorded" (null).
      return sql`case when m.category = 'probationary' then -9999
        else date_part('year', age(${asOf}::date, m.full_on))::int end`;
  }
}

/** Active members in the subtree at `path`, counted by one dimension. */
export async function countBy(
  db: Db,
  path: string,
  dimension: Dimension,
  asOf: string,
): Promise<{ key: string | number | null; n: number }[]> {
  const result = await sql<{ key: string | number | null; n: string | number }>`
    select ${dimensionSql(dimension, asOf)} as key, count(*) as n
    from member m join party_org po on po.id = m.party_org_id
    where m.status = 'active' and po.path like ${`${path}%`}
    group by 1`.execute(db);
  return result.rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

/** Probationary members in the subtree whose probation year ends by `until`, soonest first. */
export async function probationaryEndingBy(db: Db, path: string, until: string) {
  const result = await sql<{
    memberId: string;
    name: string;
    partyOrgId: string;
    partyOrgName: string;
    joinedOn: string;
    dueOn: string;
  }>`
    select m.id as "memberId", m.name, po.id as "partyOrgId", po.name as "partyOrgName", m.joined_on as "joinedOn",
      (m.joined_on + interval '1 year')::date as "dueOn"
    from member m join party_org po on po.id = m.party_org_id
    where m.status = 'active' and po.path like ${`${path}%`} and m.category = 'probationary'
      and m.joined_on is not null and (m.joined_on + interval '1 year')::date <= ${until}::date
    order by 6, m.name, m.id`.execute(db);
  return result.rows;
}

/** Active organisations in the subtree (its top included), by kind. */
export async function orgsByKind(db: Db, path: string): Promise<{ kind: string; n: number }[]> {
  const result = await sql<{ kind: string; n: string | number }>`
    select kind, count(*) as n from party_org
    where status = 'active' and path like ${`${path}%`}
    group by kind`.execute(db);
  return result.rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

/** Active members of every active branch in the subtree, its cells included. */
export async function branchSizes(db: Db, path: string): Promise<number[]> {
  const result = await sql<{ n: string | number }>`
    select count(m.id) as n
    from party_org b
    join party_org d on d.path like b.path || '%'
    left join member m on m.party_org_id = d.id and m.status = 'active'
    where b.kind = 'branch' and b.status = 'active' and b.path like ${`${path}%`}
    group by b.id`.execute(db);
  return result.rows.map((r) => Number(r.n));
}
