// The demo's year of warnings (issue 13 point 7): the work committee's organs evaluated as the year went — at the
// end of each quarter already past, then every fortnight of this one up to today — so the index has its trend, the
// warnings their history (raised, climbed, cleared by what happened next) and the levels their changes. Along the
// way the branches answer some of their warnings (a note, a plan, a 限期整改) and the organ committee approves one
// exception, as people do; the rest climb the ladder. Deterministic: the same choice for the same warning each time.
import { createHash } from 'node:crypto';
import type { Rule } from '#contracts/warning';
import { type Ctx, todayOf } from '../../core/context.ts';
import { periodKeyOf, periodWindow } from '../assessment/index.ts';
import { findWorkCommitteeUnitId, organRoots } from '../org/index.ts';
import { openRectifications } from '../responsibility/index.ts';
import { currentFormula } from './warning.config.ts';
import { DEFAULT_LADDER } from './warning.escalation.ts';
import { evaluateOrgan } from './warning.evaluate.ts';
import { addDays } from './warning.format.ts';
import { DEFAULT_RULES } from './warning.rules.ts';

export type WarningDemoResult = {
  loaded: boolean;
  evaluations: number;
  warnings: number;
  answered: number;
  climbed: number;
  cleared: number;
};

const at = (day: string) => new Date(`${day}T02:30:00Z`); // 10:30 in China

/** A stable draw in [0, 1) from a warning's id: the demo answers the same warnings every time it is built. */
const draw = (id: string) => createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;

const NOTES = [
  '支委会已专题研究，逐项对照查找原因，下周组织党员集中补课并登记。',
  '已向机关党委说明情况：本季度业务攻坚任务集中，组织生活改在月底集中开展。',
  '支部书记已与科室负责同志沟通，把党建工作和科室重点任务一起部署、一起推进。',
];

/** Answers some of the open, unanswered warnings of `day` as their branches would. */
async function answerSome(ctx: Ctx, day: string): Promise<number> {
  const open = await ctx.db
    .selectFrom('warning as w')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'w.unitId').onRef('o.id', '=', 'w.partyOrgId'),
    )
    .select(['w.id', 'w.unitId', 'w.partyOrgId', 'w.kind', 'w.dataText', 'w.deadline', 'w.version', 'o.name'])
    .where('w.status', '=', 'open')
    .where('w.answerKind', 'is', null)
    .where('w.stepAt', 'is not', null)
    .execute();
  let answered = 0;
  for (const w of open) {
    const d = draw(w.id);
    // About half are answered within the fortnight; the rest are left to climb.
    if (d >= 0.5) continue;
    const kind = d < 0.2 ? 'note' : d < 0.4 ? 'plan' : 'rectification';
    const note = NOTES[Math.floor(d * 1000) % NOTES.length] as string;
    let planDue: string | null = kind === 'note' ? null : addDays(day, 10 + Math.floor(d * 40));
    let href: string | null = null;
    if (kind === 'rectification') {
      const [opened] = await openRectifications(ctx, {
        source: 'warning',
        deadline: planDue as string,
        audit: { entityType: 'warning', entityId: w.id },
        subjects: [
          {
            unitId: w.unitId,
            subjectId: w.partyOrgId,
            title: '限期整改：预警事项',
            detail: `${w.dataText}。${note}`,
            reason: w.dataText,
            sourceHref: `/warnings/${w.id}`,
          },
        ],
      });
      if (!opened) continue;
      planDue = opened.deadline;
      href = opened.href;
    }
    const when = at(day);
    const by = `${w.name}支委会`;
    await ctx.db
      .updateTable('warning')
      .set({
        answerKind: kind,
        answerNote: note,
        answerPlanDue: planDue,
        answerHref: href,
        answeredByName: by,
        answeredAt: when,
        version: w.version + 1,
        updatedAt: when,
      })
      .where('unitId', '=', w.unitId)
      .where('id', '=', w.id)
      .execute();
    const words = { note: '说明', plan: '整改计划', rectification: '整改事项' }[kind];
    await ctx.db
      .insertInto('warningEvent')
      .values({
        unitId: w.unitId,
        warningId: w.id,
        at: when,
        kind: 'answered',
        text: `以${words}答复：${note}${planDue ? `（完成日期 ${planDue}）` : ''}`,
        actorName: by,
      })
      .execute();
    answered++;
  }
  return answered;
}

/** One branch busy with an inspection's rectification: an approved exception to one rule until the quarter's end. */
async function exceptOne(ctx: Ctx, day: string): Promise<void> {
  const w = await ctx.db
    .selectFrom('warning')
    .select(['unitId', 'partyOrgId', 'kind'])
    .where('kind', 'in', ['duties_overdue', 'obligations_missed', 'no_activity'])
    .where('status', 'in', ['pending', 'open'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!w) return;
  const end = periodWindow('quarter', periodKeyOf('quarter', day))?.to ?? addDays(day, 30);
  await ctx.db
    .insertInto('warningException')
    .values({
      unitId: w.unitId,
      partyOrgId: w.partyOrgId,
      kind: w.kind,
      reason:
        '支部党员集中参加市委巡察反馈问题整改攻坚，相关工作经机关党委研究同意顺延至季度末完成，暂缓预警。',
      until: end,
      byName: '机关党委',
      createdAt: at(day),
    })
    .execute();
}

/**
 * The work committee's own settings for its first year, as a committee would calibrate after reading the defaults
 * against its organs: a formula of its own (a second edition: linking a third of the records to projects is already
 * good work) and thresholds that flag the worst rather than nearly everyone.
 */
async function calibrate(ctx: Ctx, owner: string): Promise<void> {
  const by = '市直机关工委';
  const rules = DEFAULT_RULES.map((r) => ({ ...r, ...CALIBRATED[r.kind] }));
  await ctx.db
    .insertInto('warningConfig')
    .values({
      ownerUnitId: owner,
      rules: JSON.stringify(rules),
      ladder: JSON.stringify(DEFAULT_LADDER),
      updatedByName: by,
    })
    .onConflict((oc) => oc.column('ownerUnitId').doNothing())
    .execute();
  const first = await currentFormula(ctx, owner);
  if (first.edition > 1) return;
  const parts = first.parts.map((p) =>
    p.key === 'linked'
      ? { ...p, target: 0.2 }
      : p.key === 'study'
        ? { ...p, target: 2 }
        : p.key === 'gap'
          ? { ...p, floor: 10, target: 60 }
          : p,
  );
  await ctx.db
    .updateTable('fusionIndexFormula')
    .set({ status: 'retired' })
    .where('id', '=', first.id)
    .execute();
  await ctx.db
    .insertInto('fusionIndexFormula')
    .values({
      ownerUnitId: owner,
      familyId: first.familyId,
      edition: 2,
      name: '2026年度融合度测评办法（试行）',
      status: 'published',
      parts: JSON.stringify(parts),
      note: '工委根据一季度试算情况修订：挂钩率达到 20% 即得满分，每季度学用融合 2 次即得满分；党建与业务得分相差 10 分以内得满分、60 分及以上得 0 分。',
      publishedAt: at(`${today(ctx).slice(0, 4)}-01-05`),
      publishedByName: by,
      createdByName: by,
    })
    .execute();
}

const today = (ctx: Ctx) => todayOf(ctx);

const CALIBRATED: Partial<Record<Rule['kind'], Partial<Rule>>> = {
  index_below: { yellow: 40, orange: 28, red: 15 },
  score_below: { yellow: 65, orange: 58, red: 52 },
  party_business_gap: { yellow: 30, orange: 40, red: 50 },
  duties_overdue: { yellow: 2, orange: 4, red: 8 },
  // The committee watches the organisation life on its own: a branch can hide a poor one behind a good total.
  indicator_below: { enabled: true, indicators: ['party_function.life'], yellow: 60, orange: 45, red: 30 },
};

/**
 * The year of warnings for every organ of the work committee, once: nothing when any organisation already has a
 * level (the demo run again changes nothing). Call it after the organs' and the committee's assessments.
 */
export async function loadWarningDemo(ctx: Ctx): Promise<WarningDemoResult> {
  const none = { loaded: false, evaluations: 0, warnings: 0, answered: 0, climbed: 0, cleared: 0 };
  if (await ctx.db.selectFrom('warningLevel').select('partyOrgId').limit(1).executeTakeFirst()) return none;
  const owner = await findWorkCommitteeUnitId(ctx.db);
  if (owner) await calibrate(ctx, owner);
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const current = periodKeyOf('quarter', today);
  const days: string[] = [];
  for (let q = 1; `${year}-Q${q}` < current; q++)
    days.push(periodWindow('quarter', `${year}-Q${q}`)?.to as string);
  const start = periodWindow('quarter', current)?.from as string;
  for (let d = addDays(start, 13); d < today; d = addDays(d, 14)) days.push(d);
  days.push(today);
  const organs = await organRoots(ctx.db);
  const out = { ...none, loaded: true };
  for (const [i, day] of days.entries()) {
    const dayCtx = { ...ctx, now: () => at(day) };
    for (const o of organs) {
      const e = await evaluateOrgan(dayCtx, o.unitId, periodKeyOf('quarter', day));
      out.evaluations++;
      out.climbed += e.climbed;
      out.cleared += e.cleared;
    }
    // The answers come between evaluations (after the warnings were told); one exception early in this quarter.
    if (day !== today) out.answered += await answerSome(dayCtx, day);
    if (i === days.findIndex((x) => x >= start)) await exceptOne(dayCtx, day);
  }
  const count = await ctx.db
    .selectFrom('warning')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  out.warnings = Number(count.n);
  return out;
}
