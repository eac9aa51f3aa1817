// The one-page overview (一张图, issue 13 point 5) and the index read down to its records (point 1). The overview
// answers from what the evaluation kept — levels, index values, warnings — so it reads a few indexed rows, never
// recomputes: the committee sees its organs (each organ's root, the organ as a whole), an organ's officer or leading
// group sees the organ's root and its branches.
import { sql } from 'kysely';
import type { IndexBasis, IndexPartValue, IndexValue, Level, Overview } from '#contracts/warning';
import { type Ctx, todayOf } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { measureOf, periodKeyOf, periodWindow, previousPeriod } from '../assessment/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { findOrgan, findPartyOrgById, organRoots } from '../org/index.ts';
import { listWarnings } from './warning.service.ts';

const TREND = 4;

function trendKeys(periodKey: string): string[] {
  const keys = [periodKey];
  for (let i = 1; i < TREND; i++) keys.unshift(previousPeriod('quarter', keys[0] as string));
  return keys;
}

export async function overview(
  ctx: Ctx,
  q: { unitId?: string | undefined; periodKey?: string | undefined },
): Promise<Overview> {
  const periodKey = q.periodKey ?? periodKeyOf('quarter', todayOf(ctx));
  const keys = trendKeys(periodKey);
  const roots = (await organRoots(ctx.db)).filter((r) => isInScope(ctx.actor, 'warning.read', r.rootPath));
  const inScopeUnits = await ctx.db
    .selectFrom('partyOrg as o')
    .select('o.unitId')
    .distinct()
    .where(scopeSql(ctx.actor, 'warning.read', 'o.path'))
    .limit(2)
    .execute();
  const committee = !q.unitId && roots.length > 1;
  const unitId = q.unitId ?? (roots.length === 1 ? roots[0]?.unitId : inScopeUnits[0]?.unitId);
  let orgs = ctx.db
    .selectFrom('partyOrg as o')
    .leftJoin('warningLevel as l', (j) =>
      j.onRef('l.unitId', '=', 'o.unitId').onRef('l.partyOrgId', '=', 'o.id'),
    )
    .select(['o.id', 'o.unitId', 'o.name', 'o.kind', 'o.parentId', 'o.path', 'l.level', 'l.evaluatedAt'])
    .where(scopeSql(ctx.actor, 'warning.read', 'o.path'))
    .where('o.status', '=', 'active');
  if (committee)
    orgs = orgs.where(
      'o.id',
      'in',
      roots.map((r) => r.rootPartyOrgId),
    );
  else if (unitId) {
    const organ = await findOrgan(ctx.db, unitId);
    orgs = orgs
      .where('o.unitId', '=', unitId)
      .where((eb) => eb.or([eb('o.kind', '=', 'branch'), eb('o.id', '=', organ?.rootPartyOrgId ?? null)]));
  } else orgs = orgs.where(sql<boolean>`false`);
  const rows = await orgs.orderBy('o.path').execute();
  const ids = rows.map((r) => r.id);
  const values =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('fusionIndexValue')
          .select(['partyOrgId', 'periodKey', 'value'])
          .where('partyOrgId', 'in', ids)
          .where('periodKey', 'in', keys)
          .execute();
  const indexAt = new Map(
    values.map((v) => [`${v.partyOrgId}:${v.periodKey}`, v.value === null ? null : Number(v.value)]),
  );
  const warnings = committee
    ? await listWarnings(ctx, { status: 'active' })
    : unitId
      ? await listWarnings(ctx, { unitId, status: 'active' })
      : [];
  const open = warnings.filter((w) => w.status === 'open');
  const tally = await openTallies(ctx, committee ? null : (unitId ?? null));
  const counts: Record<Level, number> = { green: 0, yellow: 0, orange: 0, red: 0 };
  const list = rows.map((r) => {
    const level = (r.level as Level | null) ?? 'green';
    counts[level]++;
    // An organ on the committee's page counts every open warning of the organ; an organisation, its own.
    const mine = tally.get(committee ? r.unitId : r.id) ?? { open: 0, answered: 0 };
    return {
      partyOrgId: r.id,
      unitId: r.unitId,
      name: r.name,
      kind: r.kind,
      parentId: r.parentId,
      level,
      index: indexAt.get(`${r.id}:${periodKey}`) ?? null,
      trend: keys.map((k) => ({ periodKey: k, value: indexAt.get(`${r.id}:${k}`) ?? null })),
      openWarnings: mine.open,
      answered: mine.answered,
    };
  });
  const evaluated = rows.map((r) => r.evaluatedAt).filter((d): d is Date => d !== null);
  return {
    periodKey,
    scope: committee ? 'committee' : 'organ',
    orgs: list,
    counts,
    warnings: open.slice(0, 100),
    evaluatedAt:
      evaluated.length > 0 ? new Date(Math.max(...evaluated.map((d) => d.getTime()))).toISOString() : null,
  };
}

/**
 * Open warnings the reader may see, and how many of them carry an answer that still holds (a note, or a plan or
 * rectification whose date has not passed — answerHolds in SQL): per organ on the committee's page (`unitId` null),
 * per organisation of one organ otherwise. Counted in the database: the list beside them shows only the worst.
 */
async function openTallies(
  ctx: Ctx,
  unitId: string | null,
): Promise<Map<string, { open: number; answered: number }>> {
  const today = todayOf(ctx);
  const key = unitId === null ? sql<string>`w.unit_id` : sql<string>`w.party_org_id`;
  let q = ctx.db
    .selectFrom('warning as w')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'w.unitId').onRef('o.id', '=', 'w.partyOrgId'),
    )
    .select([
      key.as('key'),
      sql<string>`count(*)`.as('open'),
      sql<string>`count(*) filter (where w.answer_kind = 'note'
        or (w.answer_kind is not null and (w.answer_plan_due is null or w.answer_plan_due >= ${today})))`.as(
        'answered',
      ),
    ])
    .where('w.status', '=', 'open')
    .where(scopeSql(ctx.actor, 'warning.read', 'o.path'));
  if (unitId !== null) q = q.where('w.unitId', '=', unitId);
  const rows = await q.groupBy(key).execute();
  return new Map(rows.map((r) => [r.key, { open: Number(r.open), answered: Number(r.answered) }]));
}

async function readableOrg(ctx: Ctx, orgId: string) {
  const org = await findPartyOrgById(ctx.db, orgId);
  if (!org || !isInScope(ctx.actor, 'warning.read', org.path))
    throw notFound('warning.org_not_found', '该组织不存在或不在您的管辖范围内');
  return org;
}

/** An organisation's index for a quarter, as it was computed, with its parts. */
export async function indexValue(ctx: Ctx, orgId: string, periodKey?: string): Promise<IndexValue> {
  const org = await readableOrg(ctx, orgId);
  const key = periodKey ?? periodKeyOf('quarter', todayOf(ctx));
  const row = await ctx.db
    .selectFrom('fusionIndexValue as v')
    .innerJoin('fusionIndexFormula as f', 'f.id', 'v.formulaId')
    .select(['v.value', 'v.parts', 'v.computedAt', 'v.formulaId', 'f.name', 'f.edition'])
    .where('v.unitId', '=', org.unitId)
    .where('v.partyOrgId', '=', org.id)
    .where('v.periodKey', '=', key)
    .executeTakeFirst();
  if (!row)
    throw notFound('warning.index_not_found', `${periodWindow('quarter', key)?.label ?? key}尚未计算融合度`);
  return {
    partyOrgId: org.id,
    partyOrgName: org.name,
    periodKey: key,
    value: row.value === null ? null : Number(row.value),
    formulaId: row.formulaId,
    formulaName: row.name,
    formulaEdition: row.edition,
    parts: row.parts as IndexPartValue[],
    computedAt: row.computedAt.toISOString(),
  };
}

/**
 * The records behind one part of an index: the measure asked again for the quarter with its basis (what it
 * counts now — the kept value says what it counted then, and the two agree until a record changes).
 */
export async function indexPartBasis(
  ctx: Ctx,
  orgId: string,
  periodKey: string,
  partKey: string,
): Promise<{ part: IndexPartValue; basis: IndexBasis[] }> {
  const value = await indexValue(ctx, orgId, periodKey);
  const part = value.parts.find((p) => p.key === partKey);
  if (!part) throw notFound('warning.part_not_found', '融合度中没有该组成项');
  const formula = await ctx.db
    .selectFrom('fusionIndexFormula')
    .select('parts')
    .where('id', '=', value.formulaId)
    .executeTakeFirstOrThrow();
  const def = (formula.parts as { key: string; source: { kind: string; measureKey?: string } }[]).find(
    (p) => p.key === partKey,
  );
  if (def?.source.kind !== 'measure' || !def.source.measureKey) {
    return {
      part,
      basis: part.href
        ? [
            {
              kind: 'assessment.result',
              kindLabel: '考核结果',
              id: orgId,
              title: part.detail,
              date: null,
              state: '',
              href: part.href,
            },
          ]
        : [],
    };
  }
  const m = measureOf(def.source.measureKey);
  const w = periodWindow('quarter', periodKey);
  const org = await readableOrg(ctx, orgId);
  if (!m || !w) return { part, basis: [] };
  const today = todayOf(ctx);
  const got = await m.compute(ctx, {
    unitId: org.unitId,
    subjects: [{ id: org.id, path: org.path }],
    subtree: true,
    from: w.from,
    to: [w.to, today].sort()[0] as string,
    withBasis: true,
  });
  return {
    part,
    basis: (got.get(org.id)?.basis ?? []).map((b) => ({
      kind: b.kind,
      kindLabel: b.kindLabel,
      id: b.id ?? '',
      title: b.title,
      date: b.date,
      state: b.state,
      href: b.href,
    })),
  };
}

/** Every change of an organisation's level, newest first. */
export async function levelHistory(ctx: Ctx, orgId: string) {
  const org = await readableOrg(ctx, orgId);
  const rows = await ctx.db
    .selectFrom('warningLevelChange')
    .select(['at', 'fromLevel', 'toLevel', 'reason'])
    .where('unitId', '=', org.unitId)
    .where('partyOrgId', '=', org.id)
    .orderBy('at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    from: r.fromLevel as Level,
    to: r.toLevel as Level,
    reason: r.reason,
  }));
}
