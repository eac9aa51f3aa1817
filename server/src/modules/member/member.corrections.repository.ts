// Correction requests of member self-service (storage only; the rules are in member.self.ts). The member and the
// organisation are joined read-only for names and for the scope of the member's current organisation.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db.ts';

function correctionQuery(db: Db) {
  return db
    .selectFrom('correctionRequest as c')
    .innerJoin('member as m', 'm.id', 'c.memberId')
    .innerJoin('partyOrg as po', 'po.id', 'm.partyOrgId')
    .selectAll('c')
    .select(['m.name as memberName', 'po.name as partyOrgName', 'po.path as partyOrgPath']);
}

export function findCorrection(db: Db, id: string) {
  return correctionQuery(db).where('c.id', '=', id).executeTakeFirst();
}
export type CorrectionRow = NonNullable<Awaited<ReturnType<typeof findCorrection>>>;

/** By member, or by the scope of the member's current organisation (a condition on 'po.path'), newest first. */
export function listCorrections(
  db: Db,
  w: { memberId?: string; scope?: Expression<SqlBool>; status?: string },
): Promise<CorrectionRow[]> {
  let q = correctionQuery(db);
  if (w.memberId) q = q.where('c.memberId', '=', w.memberId);
  if (w.scope) q = q.where(w.scope);
  if (w.status) q = q.where('c.status', '=', w.status);
  return q.orderBy('c.createdAt', 'desc').orderBy('c.id').limit(200).execute();
}

export async function insertCorrection(
  db: Db,
  values: {
    unitId: string;
    memberId: string;
    requestedByUserId: string;
    field: string;
    message: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('correctionRequest')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function settleCorrection(
  db: Db,
  id: string,
  version: number,
  values: { status: string; resolution: string | null; resolvedByUserId: string },
) {
  return db
    .updateTable('correctionRequest')
    .set({ ...values, resolvedAt: new Date(), updatedAt: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
}
