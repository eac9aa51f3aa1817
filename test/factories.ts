import { randomUUID } from 'node:crypto';
import type { PartyOrgKind } from '#contracts/org';
import type { Db } from '../server/src/core/db.ts';

let seq = 0;

/** Inserts a Party organisation row directly (for tests of modules below org); returns id and path. */
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
      unitId: null,
    })
    .execute();
  return { id, path, depth };
}
