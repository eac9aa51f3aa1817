import { randomUUID } from 'node:crypto';
import type { PartyOrgKind } from '#contracts/org';
import type { Db } from '../server/src/core/db.ts';

let seq = 0;

/**
 * The organ of an organisation, or of the work committee's own tier when `orgId` is null (ADR 20: every
 * organisation belongs to a unit; organisations of no organ of their own belong to the work committee's).
 */
export async function unitOf(db: Db, orgId: string | null): Promise<string> {
  if (!orgId)
    await db
      .insertInto('unit')
      .values({ code: '__work_committee__', name: '机关工委本级', kind: 'work_committee' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  const row = orgId
    ? await db.selectFrom('partyOrg').select('unitId').where('id', '=', orgId).executeTakeFirstOrThrow()
    : await db
        .selectFrom('unit')
        .select('id as unitId')
        .where('kind', '=', 'work_committee')
        .executeTakeFirstOrThrow();
  return row.unitId;
}

/**
 * Inserts a Party organisation row directly (for tests of modules below org); returns id, path and unit. A root
 * (and so its subtree) belongs to the work committee's unit, as an organisation created under the work committee
 * does until an import names its organ.
 */
export async function insertPartyOrg(
  db: Db,
  opts: {
    parent?: { id: string; path: string; depth: number } | null;
    kind?: PartyOrgKind;
    name?: string;
    code?: string;
  } = {},
) {
  const id = randomUUID();
  const parent = opts.parent ?? null;
  const path = `${parent?.path ?? '/'}${id}/`;
  const depth = parent ? parent.depth + 1 : 0;
  seq++;
  const unitId = await unitOf(db, parent?.id ?? null);
  await db
    .insertInto('partyOrg')
    .values({
      id,
      parentId: parent?.id ?? null,
      code: opts.code ?? `T${seq}-${id.slice(0, 6)}`,
      name: opts.name ?? `测试组织${seq}`,
      kind: opts.kind ?? (parent ? 'branch' : 'organ_committee'),
      path,
      depth,
      unitId,
    })
    .execute();
  return { id, path, depth, unitId };
}
