import type { Db } from '../core/db.ts';

export async function findPartyOrgIdByCode(db: Db, code: string): Promise<string | null> {
  const row = await db.selectFrom('partyOrg').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}
