// For officers: the obligations of the branches under an organisation month by month (held / due / exempt /
// missing, from the responsibility registry, each down to the record that met it), and the burden meter — how many
// fields people typed against how many the product filled in — the evidence that the platform lightens the load.
import { sql } from 'kysely';
import { RECORD_KIND_LABELS } from '#contracts/branch';
import {
  type BurdenCounts,
  type BurdenMeter,
  type ObligationRollup,
  type ObligationTally,
  STUDY_KINDS,
  type StudyHours,
} from '#contracts/branch-rollup';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { obligationPeriods } from '../responsibility/index.ts';
import { ORG_NOT_FOUND } from './branch.access.ts';
import { untypedShare } from './branch.counts.ts';

const BRANCH_KINDS = ['branch', 'general_branch'];

/** The branches (and general branches, temporary organisations) at or under the organisation, in tree order. */
async function branchesUnder(ctx: Ctx, partyOrgId: string) {
  const org = (await partyOrgRefs(ctx.db, [partyOrgId])).get(partyOrgId);
  if (!org || !isInScope(ctx.actor, 'branch.read', org.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  const rows = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'name', 'kind', 'isTemporary'])
    .where('unitId', '=', org.unitId)
    .where('path', 'like', `${org.path}%`)
    .orderBy('path')
    .execute();
  return {
    unitId: org.unitId,
    branches: rows.filter((r) => BRANCH_KINDS.includes(r.kind) || r.isTemporary),
  };
}

const zero = (): ObligationTally => ({ held: 0, due: 0, exempt: 0, missing: 0 });
const kindLabel = (key: string) =>
  RECORD_KIND_LABELS[key.replace(/^branch\./, '') as keyof typeof RECORD_KIND_LABELS]?.zh ?? key;

export async function obligationRollup(
  ctx: Ctx,
  q: { partyOrgId: string; year: number },
): Promise<ObligationRollup> {
  const { unitId, branches } = await branchesUnder(ctx, q.partyOrgId);
  const periods = await obligationPeriods(ctx, {
    unitId,
    orgIds: branches.map((b) => b.id),
    from: `${q.year}-01-01`,
    to: `${q.year}-12-31`,
  });
  return {
    year: q.year,
    branches: branches.map((b) => {
      const months = Array.from({ length: 12 }, zero);
      const quarters = Array.from({ length: 4 }, zero);
      const total = zero();
      const own = periods.filter((p) => p.orgId === b.id);
      for (const p of own) {
        const month = Number(p.dueOn.slice(5, 7)) - 1;
        (months[month] as ObligationTally)[p.state]++;
        (quarters[Math.floor(month / 3)] as ObligationTally)[p.state]++;
        total[p.state]++;
      }
      return {
        partyOrgId: b.id,
        name: b.name,
        months,
        quarters,
        total,
        entries: own.map((p) => ({
          recordKind: p.recordKind,
          kindLabel: kindLabel(p.recordKind),
          itemId: p.itemId,
          itemTitle: p.itemTitle,
          periodKey: p.periodKey,
          dueOn: p.dueOn,
          state: p.state,
          recordId: p.fulfilledById,
          recordTitle: p.fulfilledByTitle,
        })),
      };
    }),
  };
}

const counts = (c: {
  records: number;
  typed: number;
  prefilled: number;
  reused: number;
  imported: number;
}) => {
  const all = c.typed + c.prefilled + c.reused + c.imported;
  return { ...c, untypedShare: all === 0 ? null : untypedShare(c) } satisfies BurdenCounts;
};

export async function burdenMeter(ctx: Ctx, q: { partyOrgId: string; year: number }): Promise<BurdenMeter> {
  const { unitId, branches } = await branchesUnder(ctx, q.partyOrgId);
  const ids = branches.map((b) => b.id);
  const n = (key: string) => sql<number>`coalesce(sum((counts ->> ${key})::int), 0)::int`;
  const rows = ids.length
    ? await ctx.db
        .selectFrom('branchRecord')
        .select([
          'partyOrgId',
          sql<number>`extract(month from coalesce(held_on, planned_on))::int`.as('month'),
          sql<number>`count(*)::int`.as('records'),
          n('typed').as('typed'),
          n('prefilled').as('prefilled'),
          n('reused').as('reused'),
          n('imported').as('imported'),
        ])
        .where('unitId', '=', unitId)
        .where('partyOrgId', 'in', ids)
        .where(sql<string>`coalesce(held_on, planned_on)`, '>=', `${q.year}-01-01`)
        .where(sql<string>`coalesce(held_on, planned_on)`, '<=', `${q.year}-12-31`)
        .groupBy(['partyOrgId', sql`2`])
        .execute()
    : [];
  const empty = () => ({ records: 0, typed: 0, prefilled: 0, reused: 0, imported: 0 });
  const add = (a: ReturnType<typeof empty>, b: ReturnType<typeof empty>) => {
    for (const k of Object.keys(a) as (keyof typeof a)[]) a[k] += Number(b[k]);
  };
  const all = empty();
  const out = branches.map((b) => {
    const months = Array.from({ length: 12 }, empty);
    const total = empty();
    for (const r of rows.filter((x) => x.partyOrgId === b.id)) {
      add(months[r.month - 1] as ReturnType<typeof empty>, r);
      add(total, r);
    }
    add(all, total);
    return { partyOrgId: b.id, name: b.name, total: counts(total), months: months.map(counts) };
  });
  return { year: q.year, total: counts(all), branches: out };
}

/**
 * Study hours of the members of the branches under an organisation: the time of the 党课, 学用融 and 主题党日 they
 * attended in the year, wherever held (their temporary organisation's too). Entered once with the record, never
 * reported again by the member.
 */
export async function studyHours(ctx: Ctx, q: { partyOrgId: string; year: number }): Promise<StudyHours> {
  const { unitId, branches } = await branchesUnder(ctx, q.partyOrgId);
  const org = (await partyOrgRefs(ctx.db, [q.partyOrgId])).get(q.partyOrgId);
  if (!org || branches.length === 0) return { year: q.year, members: [] };
  const rows = await ctx.db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('branchRecordAttendee as a')
          .innerJoin('branchRecord as r', (j) =>
            j.onRef('r.unitId', '=', 'a.unitId').onRef('r.id', '=', 'a.recordId'),
          )
          .select([
            'a.memberId',
            sql<number>`coalesce(sum(r.duration_minutes), 0)::int`.as('minutes'),
            sql<number>`count(*)::int`.as('records'),
          ])
          .where('a.unitId', '=', unitId)
          .where('a.attendance', '=', 'present')
          .where('r.status', '=', 'held')
          .where('r.kind', 'in', [...STUDY_KINDS])
          .where('r.heldOn', '>=', `${q.year}-01-01`)
          .where('r.heldOn', '<=', `${q.year}-12-31`)
          .groupBy('a.memberId')
          .as('s'),
      (j) => j.onRef('s.memberId', '=', 'm.id'),
    )
    .select(['m.id', 'm.name', 'o.name as orgName', 's.minutes', 's.records'])
    .where('m.unitId', '=', unitId)
    .where('m.status', '=', 'active')
    .where('o.path', 'like', `${org.path}%`)
    .orderBy('o.path')
    .orderBy('m.nameSortKey')
    .execute();
  return {
    year: q.year,
    members: rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      partyOrgName: r.orgName,
      minutes: Number(r.minutes ?? 0),
      records: Number(r.records ?? 0),
    })),
  };
}
