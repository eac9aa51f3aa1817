// Settling every obligation of an organ at once, after a bulk load of records (the demo's year of branch work, an
// organ's history brought in): the same rule as `recordsChanged` — a period is met by the earliest record of its kind
// its owner held within it, and a period a record had met is open again when no record is left — but set-based: one
// query for the periods, one `find` per record kind for every organisation, and one UPDATE … FROM unnest per 5,000
// periods that change, where `recordsChanged` writes each period on its own (fine for one record, not for a year).
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { earliestDate, latestDate } from './responsibility.periods.ts';
import { allRecordKinds, type HeldRecord, type RecordKind } from './responsibility.registry.ts';

const CHUNK = 5000;

type Met = { id: string; doneOn: string; kind: string; recordId: string; title: string };

/**
 * Settles the obligation periods of organ `unitId` that overlap `from`–`to`. `kinds`: the record kinds to settle
 * (default: every registered kind). A producer loading its records may pass its own kinds, so that the load settles
 * them even where nothing was registered (the command line loads the demo before any app is built).
 * Returns how many periods changed, and the statements it took.
 */
export async function settleObligations(
  ctx: Ctx,
  q: { unitId: string; from: string; to: string; kinds?: readonly RecordKind[] },
): Promise<{ changed: number; statements: number }> {
  const kinds = new Map((q.kinds ?? allRecordKinds()).map((k) => [k.key, k]));
  if (kinds.size === 0) return { changed: 0, statements: 0 };
  const periods = await ctx.db
    .selectFrom('responsibilityPeriod as p')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
    )
    .select([
      'p.id',
      'i.ownerOrgId',
      'i.recordKind',
      'p.startsOn',
      'p.dueOn',
      'p.status',
      'p.doneOn',
      'p.fulfilledByKind',
      'p.fulfilledById',
      'p.fulfilledByTitle',
    ])
    .where('p.unitId', '=', q.unitId)
    .where('i.recordKind', 'in', [...kinds.keys()])
    .where('p.status', '<>', 'exempt')
    .where('p.dueOn', '>=', q.from)
    .where('p.startsOn', '<=', q.to)
    .execute();
  let statements = 1;
  const byKind = new Map<string, typeof periods>();
  for (const p of periods) {
    const key = p.recordKind as string;
    const group = byKind.get(key);
    if (group) group.push(p);
    else byKind.set(key, [p]);
  }
  const met: Met[] = [];
  const reopened: string[] = [];
  for (const [key, group] of byKind) {
    const kind = kinds.get(key) as RecordKind;
    const from = group.map((p) => p.startsOn).reduce(earliestDate);
    const to = group.map((p) => p.dueOn).reduce(latestDate);
    const records = await kind.find(ctx, {
      unitId: q.unitId,
      orgIds: [...new Set(group.map((p) => p.ownerOrgId))],
      from,
      to,
    });
    statements++;
    const byOrg = new Map<string, HeldRecord[]>();
    for (const r of records) {
      const list = byOrg.get(r.orgId);
      if (list) list.push(r);
      else byOrg.set(r.orgId, [r]);
    }
    for (const list of byOrg.values())
      list.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    for (const p of group) {
      const first = byOrg.get(p.ownerOrgId)?.find((r) => r.date >= p.startsOn && r.date <= p.dueOn);
      if (first) {
        // A period already met by the same record is left as it is: only what changes is written.
        const same =
          p.status === 'done' &&
          p.fulfilledByKind === key &&
          p.fulfilledById === first.id &&
          p.doneOn === first.date &&
          p.fulfilledByTitle === first.title;
        if (!same)
          met.push({ id: p.id, doneOn: first.date, kind: key, recordId: first.id, title: first.title });
      }
      // Only a period a record completed is reopened; one reported done by hand keeps its report as evidence.
      else if (p.status === 'done' && p.fulfilledByKind !== null) reopened.push(p.id);
    }
  }
  for (let i = 0; i < met.length; i += CHUNK) {
    const part = met.slice(i, i + CHUNK);
    const col = <K extends keyof Met>(k: K) => part.map((m) => m[k]);
    await sql`
      update responsibility_period p
      set status = 'done', progress = 100, done_on = m.done_on, fulfilled_by_kind = m.kind,
        fulfilled_by_id = m.record_id, fulfilled_by_title = m.title, updated_at = now()
      from unnest(${col('id')}::uuid[], ${col('doneOn')}::date[], ${col('kind')}::text[],
        ${col('recordId')}::text[], ${col('title')}::text[]) as m(id, done_on, kind, record_id, title)
      where p.unit_id = ${q.unitId} and p.id = m.id`.execute(ctx.db);
    statements++;
  }
  for (let i = 0; i < reopened.length; i += CHUNK) {
    await ctx.db
      .updateTable('responsibilityPeriod')
      .set({
        status: 'open',
        progress: 0,
        doneOn: null,
        fulfilledByKind: null,
        fulfilledById: null,
        fulfilledByTitle: null,
        updatedAt: new Date(),
      })
      .where('unitId', '=', q.unitId)
      .where('id', 'in', reopened.slice(i, i + CHUNK))
      .execute();
    statements++;
  }
  return { changed: met.length + reopened.length, statements };
}
