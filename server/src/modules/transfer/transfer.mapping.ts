// Saved column mappings, one per organ (unit, the tenant) and kind of import: the header texts of the organ's own
// roster with the field each one was matched to, so that its next import needs no mapping step.
import { sql } from 'kysely';
import type { ImportKind } from '#contracts/transfer';
import type { Actor } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import type { HeaderMapping } from '../../core/spreadsheet/mapping.ts';

function asMapping(value: unknown): HeaderMapping {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(value)) {
    if (typeof field === 'string' || field === null) out[header] = field;
  }
  return out;
}

export async function loadSavedMapping(
  db: Db,
  unitId: string,
  kind: ImportKind,
): Promise<HeaderMapping | null> {
  const row = await db
    .selectFrom('importMapping')
    .select('columns')
    .where('unitId', '=', unitId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? asMapping(row.columns) : null;
}

/** Merges this import's headers into the organ's saved mapping (headers seen before in other files stay). */
export async function saveMapping(
  db: Db,
  unitId: string,
  kind: ImportKind,
  mapping: HeaderMapping,
  userId: string | null,
): Promise<void> {
  const before = (await loadSavedMapping(db, unitId, kind)) ?? {};
  const columns = JSON.stringify({ ...before, ...mapping });
  await db
    .insertInto('importMapping')
    .values({ unitId, kind, columns, updatedBy: userId })
    .onConflict((oc) =>
      oc.columns(['unitId', 'kind']).doUpdateSet({
        columns,
        updatedBy: userId,
        version: sql`import_mapping.version + 1`,
        updatedAt: new Date(),
      }),
    )
    .execute();
}

/**
 * The organ whose mapping an actor's import uses: the unit of the first organisation on which the actor holds the
 * permission (walking up to the nearest node that belongs to a unit). Null for unscoped actors (the console).
 */
export async function mappingUnitOf(
  db: Db,
  actor: Actor,
  holds: (role: Actor['assignments'][number]) => boolean,
): Promise<string | null> {
  const assignment = actor.assignments.find((a) => a.path !== null && holds(a));
  if (!assignment?.path) return null;
  const ids = assignment.path.split('/').filter(Boolean).reverse();
  if (ids.length === 0) return null;
  const rows = await db.selectFrom('partyOrg').select(['id', 'unitId']).where('id', 'in', ids).execute();
  const unitOf = new Map(rows.map((r) => [r.id, r.unitId]));
  for (const id of ids) {
    const unitId = unitOf.get(id);
    if (unitId) return unitId;
  }
  return null;
}
