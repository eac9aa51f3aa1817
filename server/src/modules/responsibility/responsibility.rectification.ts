// 限期整改 (issue 12 point 7, ADR 29 addendum): the follow-up kind responsibility registers with assessment. A result
// below a cycle's rule becomes a one-off duty on the subject organisation's own list of the deadline's year (made if
// the organisation keeps none yet), owned by its secretary — so it is in their duties, in the daily digest's
// reminders, and closed through the ordinary progress report with evidence. Nothing of the assessment is read
// here: the request carries the score and the words, and the mark (responsibility_rectification) keeps them.
import { LEVEL_LABELS, type Level } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import type { FollowUpKind, FollowUpRequest, FollowUpStatus, OpenedFollowUp } from '../assessment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { postHoldersOf } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { ensurePeriods } from './responsibility.periods.repository.ts';
import { reportProgress } from './responsibility.reports.ts';

export const RECTIFICATION_CATEGORY = '限期整改';

/** The list a 限期整改 duty goes on: a branch's 落实责任 list, a committee's 直接责任 list. */
function levelOf(kind: string): Level | null {
  if (kind === 'branch' || kind === 'general_branch') return 'implementing';
  if (kind === 'organ_committee' || kind === 'sub_committee') return 'direct';
  return null;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function clampToYear(date: string, year: number): string {
  if (date < `${year}-01-01`) return `${year}-01-01`;
  if (date > `${year}-12-31`) return `${year}-12-31`;
  return date;
}

/** The lists of `year` the subjects keep at their level, made where missing (one insert, one read). */
async function listsFor(
  ctx: Ctx,
  year: number,
  orgs: readonly { id: string; unitId: string; name: string; level: Level }[],
): Promise<Map<string, string>> {
  if (orgs.length === 0) return new Map();
  await ctx.db
    .insertInto('responsibilityList')
    .values(
      orgs.map((o) => ({
        unitId: o.unitId,
        year,
        level: o.level,
        partyOrgId: o.id,
        holderMemberId: null,
        title: `${year}年度${o.name}${LEVEL_LABELS[o.level].zh}清单`,
      })),
    )
    // The organisation's list of the year, if it keeps one, is the one used.
    .onConflict((oc) => oc.doNothing())
    .execute();
  const rows = await ctx.db
    .selectFrom('responsibilityList')
    .select(['id', 'partyOrgId', 'level'])
    .where('year', '=', year)
    .where('holderMemberId', 'is', null)
    .where(
      'partyOrgId',
      'in',
      orgs.map((o) => o.id),
    )
    .execute();
  const want = new Map(orgs.map((o) => [o.id, o.level]));
  return new Map(rows.filter((r) => want.get(r.partyOrgId) === r.level).map((r) => [r.partyOrgId, r.id]));
}

/** A 限期整改 to open on an organisation's list: what it says, and where it came from. */
export type RectificationRequest = {
  unitId: string;
  subjectId: string;
  title: string;
  detail: string;
  /** Why it was opened, kept on the mark (responsibility_rectification.reason). */
  reason: string;
  sourceHref: string | null;
};

/**
 * Opens 限期整改 duties (set-based, in the caller's transaction): on each organisation's list of the deadline's year,
 * owned by its secretary, due on `deadline`; marked with where they came from (`source`: 'assessment', 'warning')
 * and audited once as `audit` says. Organisations that are closed, or of a kind that keeps no list, are left out.
 */
export async function openRectifications(
  ctx: Ctx,
  req: {
    source: string;
    deadline: string;
    subjects: readonly RectificationRequest[];
    audit: { entityType: string; entityId: string };
  },
): Promise<OpenedFollowUp[]> {
  const refs = await partyOrgRefs(
    ctx.db,
    req.subjects.map((s) => s.subjectId),
  );
  const year = Number(req.deadline.slice(0, 4));
  const subjects = req.subjects.flatMap((s) => {
    const org = refs.get(s.subjectId);
    const level = org && org.status === 'active' ? levelOf(org.kind) : null;
    return org && level ? [{ ...s, org, level }] : [];
  });
  if (subjects.length === 0) return [];
  const lists = await listsFor(
    ctx,
    year,
    subjects.map((s) => ({ id: s.org.id, unitId: s.org.unitId, name: s.org.name, level: s.level })),
  );
  // Owned by the organisation's secretary (one query per organ: a cycle of organs spans several).
  const secretaries = new Map<string, string>();
  const byUnit = new Map<string, string[]>();
  for (const s of subjects) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s.subjectId]);
  for (const [unitId, ids] of byUnit)
    for (const [orgId, held] of await postHoldersOf(ctx.db, unitId, ids, 'secretary'))
      if (held[0]) secretaries.set(orgId, held[0].id);
  const listIds = [...new Set(lists.values())];
  const seqs = new Map(
    (
      await ctx.db
        .selectFrom('responsibilityItem')
        .select(['listId', (eb) => eb.fn.max('seq').as('seq')])
        .where('listId', 'in', listIds)
        .groupBy('listId')
        .execute()
    ).map((r) => [r.listId, Number(r.seq ?? 0)]),
  );
  const today = todayOf(ctx);
  const rows = subjects.flatMap((s) => {
    const listId = lists.get(s.subjectId);
    if (!listId) return [];
    return [
      {
        s,
        values: {
          unitId: s.unitId,
          listId,
          seq: (seqs.get(listId) ?? 0) + 1,
          domain: 'party',
          category: RECTIFICATION_CATEGORY,
          title: s.title,
          detail: s.detail,
          ownerOrgId: s.subjectId,
          ownerMemberId: secretaries.get(s.subjectId) ?? null,
          deadline: req.deadline,
          recurrence: 'none',
          effectiveFrom: clampToYear(today, year),
        },
      },
    ];
  });
  if (rows.length === 0) return [];
  const inserted = await ctx.db
    .insertInto('responsibilityItem')
    .values(rows.map((r) => r.values))
    .returning(['id', 'unitId', 'ownerOrgId', 'title'])
    .execute();
  const bySubject = new Map(rows.map((r) => [r.s.subjectId, r.s]));
  await ctx.db
    .insertInto('responsibilityRectification')
    .values(
      inserted.map((i) => {
        const s = bySubject.get(i.ownerOrgId) as RectificationRequest;
        return {
          unitId: i.unitId,
          itemId: i.id,
          source: req.source,
          reason: s.reason,
          sourceHref: s.sourceHref,
        };
      }),
    )
    .execute();
  await ensurePeriods(ctx, { itemIds: inserted.map((i) => i.id) });
  // One event for the whole opening (the audit chain appends one at a time): which duty for which organisation.
  await recordAudit(ctx, {
    action: 'responsibility.rectification_open',
    entityType: req.audit.entityType,
    entityId: req.audit.entityId,
    details: {
      deadline: req.deadline,
      items: inserted.map((i) => ({ itemId: i.id, subjectId: i.ownerOrgId })),
    },
  });
  return inserted.map((i) => ({
    subjectId: i.ownerOrgId,
    ref: i.id,
    title: i.title,
    deadline: req.deadline,
    href: `/duties/${i.id}`,
  }));
}

function open(ctx: Ctx, req: FollowUpRequest): Promise<OpenedFollowUp[]> {
  return openRectifications(ctx, {
    source: 'assessment',
    deadline: req.deadline,
    audit: { entityType: 'assessment_cycle', entityId: req.cycleId },
    subjects: req.subjects.map((s) => ({
      unitId: s.unitId,
      subjectId: s.subjectId,
      title: `限期整改：${req.cycleName}得分偏低`,
      detail: `${req.cycleName}得分 ${fmt(s.score)} 分，低于整改线 ${fmt(req.threshold)} 分。请对照失分指标查找原因、制定措施，于 ${req.deadline} 前完成整改并上传整改材料。`,
      reason: `${req.cycleName}得分 ${fmt(s.score)} 分，低于整改线 ${fmt(req.threshold)} 分`,
      sourceHref: s.resultHref,
    })),
  });
}

/**
 * How each item stands, from its one period: done or exempt → put right (on the day it was done), a closed duty →
 * put right too (closed by the list's keeper), past its deadline → overdue, else open.
 */
async function status(
  ctx: Ctx,
  unitId: string,
  refs: readonly string[],
): Promise<Map<string, FollowUpStatus>> {
  const ids = refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r));
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('responsibilityItem as i')
    .leftJoin('responsibilityPeriod as p', (j) =>
      j.onRef('p.unitId', '=', 'i.unitId').onRef('p.itemId', '=', 'i.id').on('p.periodKey', '=', 'once'),
    )
    .select([
      'i.id',
      'i.title',
      'i.deadline',
      'i.status as itemStatus',
      'i.updatedAt',
      'p.status',
      'p.dueOn',
      'p.doneOn',
    ])
    .where('i.unitId', '=', unitId)
    .where('i.id', 'in', ids)
    .execute();
  const today = todayOf(ctx);
  const out = new Map<string, FollowUpStatus>();
  for (const r of rows) {
    const due = r.dueOn ?? r.deadline ?? today;
    const settled = r.status === 'done' || r.status === 'exempt';
    const closedOn = settled
      ? (r.doneOn ?? due)
      : r.itemStatus === 'closed'
        ? todayOfDate(r.updatedAt)
        : null;
    out.set(r.id, {
      state: closedOn ? 'closed' : due < today ? 'overdue' : 'open',
      closedOn,
      title: r.title,
      deadline: due,
      href: `/duties/${r.id}`,
    });
  }
  return out;
}

const todayOfDate = (d: Date) => todayOf({ now: () => d });

export const RECTIFICATION_FOLLOW_UP: FollowUpKind = {
  key: 'responsibility.rectification',
  label: '限期整改（责任清单）',
  open,
  status,
};

/**
 * The demo (issue 12 point 7): the earliest 限期整改 of an organ reported done with what was put right, through the
 * same progress report a secretary sends — so the results page shows one item already closed beside those open.
 */
export async function settleRectificationDemo(ctx: Ctx, unitId: string): Promise<boolean> {
  const first = await ctx.db
    .selectFrom('responsibilityRectification as r')
    .innerJoin('responsibilityPeriod as p', (j) =>
      j.onRef('p.unitId', '=', 'r.unitId').onRef('p.itemId', '=', 'r.itemId').on('p.periodKey', '=', 'once'),
    )
    .select(['p.id', 'p.startsOn'])
    .where('r.unitId', '=', unitId)
    .where('p.status', '=', 'open')
    .orderBy('r.createdAt')
    .orderBy('r.itemId')
    .limit(1)
    .executeTakeFirst();
  if (!first) return false;
  await reportProgress(
    ctx,
    first.id,
    {
      progress: 100,
      done: true,
      note: '支委会逐项对照失分指标制定整改清单：补开组织生活 2 次，学用融合课题与科室业务例会同步推进，整改材料已上传。',
      links: [],
    },
    'scoped',
  );
  return true;
}
