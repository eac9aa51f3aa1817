// 承接: what a list may take up — the items issued by the lists above it and the work committee's work points.
import { type Domain, LEVELS, type Level } from '#contracts/responsibility';
import type { TakeUpCandidates } from '#contracts/responsibility-me';
import type { Ctx } from '../../core/context.ts';
import { listInScope } from './responsibility.access.ts';
import { listWorkPoints } from './responsibility.templates.ts';

/**
 * What this list may take up (承接): the issued, active items of the same year's lists at its level or above whose
 * organisation is this list's or one above it — even where the reader may not open those lists — and the work
 * committee's work points of the year; each marked when this list already took it up.
 */
export async function takeUpCandidates(ctx: Ctx, id: string): Promise<TakeUpCandidates> {
  const list = await listInScope(ctx, id, 'responsibility.read');
  const rank = LEVELS.indexOf(list.level as Level);
  const above = LEVELS.slice(0, rank + 1);
  const [rows, own, points] = await Promise.all([
    ctx.db
      .selectFrom('responsibilityItem as i')
      .innerJoin('responsibilityList as l', (j) =>
        j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
      )
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.partyOrgId'),
      )
      .select([
        'i.id',
        'i.domain',
        'i.category',
        'i.title',
        'i.detail',
        'i.weight',
        'l.title as listTitle',
        'l.level',
        'o.path',
      ])
      .where('i.unitId', '=', list.unitId)
      .where('l.year', '=', list.year)
      .where('l.id', '<>', list.id)
      .where('l.level', 'in', above)
      .where('i.issued', '=', true)
      .where('i.status', '=', 'active')
      .orderBy('l.level')
      .orderBy('i.seq')
      .execute(),
    ctx.db
      .selectFrom('responsibilityItem')
      .select(['parentItemId', 'workPointId'])
      .where('unitId', '=', list.unitId)
      .where('listId', '=', list.id)
      .execute(),
    listWorkPoints(ctx, list.year),
  ]);
  const takenItems = new Set(own.flatMap((r) => (r.parentItemId ? [r.parentItemId] : [])));
  const takenPoints = new Set(own.flatMap((r) => (r.workPointId ? [r.workPointId] : [])));
  return {
    items: rows
      .filter((r) => list.orgPath.startsWith(r.path))
      .map(({ path: _, ...r }) => ({
        ...r,
        domain: r.domain as Domain,
        level: r.level as Level,
        taken: takenItems.has(r.id),
      })),
    workPoints: points.map((p) => ({ ...p, taken: takenPoints.has(p.id) })),
  };
}
