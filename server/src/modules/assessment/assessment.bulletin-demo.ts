// The demo year's quarterly bulletins (issue 12 points 6 and 9): for each quarter's cycle of the organ's branches that
// loadAssessmentYear computed, a bulletin drafted, written and published through the same service an officer uses —
// a summary drawn from the quarter's own figures, and a note on what each of the lowest is doing about it. Each is
// dated ten days after its quarter (or today, for the quarter still running), so the list reads like a year of work.
import type { BulletinContent, BulletinLowest } from '#contracts/assessment-bulletin';
import { type Ctx, todayOf } from '../../core/context.ts';
import { createBulletin, patchBulletin, publishBulletin } from './assessment.bulletins.ts';

export type BulletinLoadResult = { loaded: boolean; bulletins: number };

const NOTES = [
  '支部书记已向机关党委作专题说明；对照未按期开展的组织生活逐项补课，下季度起每月主题党日与科室业务例会同步安排。',
  '机关党委班子成员结对指导，帮助支部梳理业务难题清单，确定1个融合项目攻坚，每月跟踪进度。',
  '针对学用融合不足，支部制定“一月一题”学习计划，把政策学习落到审批提速等具体业务上，季度末复盘。',
  '支委会已研究整改方案：明确责任人和完成时限，未完成的责任事项列入下季度重点，纪检委员跟踪督促。',
  '支部与业务科室联合召开分析会，查找得分偏低的原因，已补齐工作台账并安排党员先锋岗承接窗口服务任务。',
];

const ORGAN_NOTES = [
  '机关党组专题研究考核反馈意见，党组书记约谈机关党委书记，对未按期开展的组织生活和滞后的业务指标逐项列出整改清单。',
  '市直机关工委派员蹲点指导，帮助机关梳理党建和业务“两张皮”问题，确定2个融合项目，按月报送进度。',
  '机关党委牵头对照考核指标查找差距，业务处室与党支部联合制定提升方案，下季度重点补齐办件时效和群众满意度短板。',
];

const fixed = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));

function summaryOf(c: BulletinContent, level: 'branch' | 'organ'): string {
  const by = level === 'branch' ? '机关党委' : '市直机关工委';
  const whom = level === 'branch' ? '党支部' : '机关';
  const ranked = c.rows.filter((r) => r.rank !== null && r.total !== null);
  const totals = ranked.map((r) => r.total as number);
  const mean = totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : null;
  const excellent = ranked.filter((r) => r.grade?.grade === 'excellent').length;
  const first = ranked[0];
  const lines = [
    `${c.periodLabel}，${by}对${c.rows.length}个${whom}开展党建和业务工作考核，党建与业务同权重计分。` +
      `${ranked.length}个${whom}取得完整得分，平均${fixed(mean)}分，优秀等次${excellent}个。` +
      (first ? `${first.subjectName}以${fixed(first.total)}分位列第一。` : ''),
  ];
  if (c.moversUp.length)
    lines.push(
      `与上期相比，${c.moversUp.map((m) => `${m.subjectName}上升${m.rankChange}位`).join('，')}，进步明显。`,
    );
  if (c.moversDown.length)
    lines.push(
      `${c.moversDown.map((m) => `${m.subjectName}下降${Math.abs(m.rankChange ?? 0)}位`).join('，')}，请相关${level === 'branch' ? '支部' : '机关党组织'}认真分析原因。`,
    );
  lines.push(
    `排名靠后的${level === 'branch' ? '支部' : '机关'}要对照指标逐项查找差距，整改情况纳入下期通报，一季一晾晒、一季一比拼。`,
  );
  return lines.join('\n');
}

const notesOf = (lowest: readonly BulletinLowest[], offset: number, level: 'branch' | 'organ') => {
  const notes = level === 'branch' ? NOTES : ORGAN_NOTES;
  return Object.fromEntries(
    lowest.map((l, i) => [l.subjectId, notes[(i + offset) % notes.length] as string]),
  );
};

/**
 * Publishes one bulletin per computed quarterly cycle of the organ's branches (or, level 'organ', of the work
 * committee's organs); nothing when any exists already.
 */
export async function loadBulletinYear(
  ctx: Ctx,
  q: { unitId: string; level?: 'branch' | 'organ' },
): Promise<BulletinLoadResult> {
  const level = q.level ?? 'branch';
  const existing = await ctx.db
    .selectFrom('assessmentBulletin')
    .select('id')
    .where('unitId', '=', q.unitId)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { loaded: false, bulletins: 0 };
  const cycles = await ctx.db
    .selectFrom('assessmentCycle')
    .select(['id', 'endsOn'])
    .where('ownerUnitId', '=', q.unitId)
    .where('level', '=', level)
    .where('periodKind', '=', 'quarter')
    .where('computedAt', 'is not', null)
    .orderBy('startsOn')
    .execute();
  const today = todayOf(ctx);
  let bulletins = 0;
  for (const [i, c] of cycles.entries()) {
    const end = new Date(`${c.endsOn}T09:00:00+08:00`);
    const on = new Date(end.getTime() + 10 * 86_400_000);
    const at = on.toISOString().slice(0, 10) > today ? (ctx.now?.() ?? new Date()) : on;
    const dated: Ctx = { ...ctx, now: () => at };
    const draft = await createBulletin(dated, { cycleId: c.id });
    const written = await patchBulletin(dated, draft.id, {
      summary: summaryOf(draft.content, level),
      notes: notesOf(draft.content.lowest, i, level),
      version: draft.version,
    });
    await publishBulletin(dated, draft.id, written.version);
    bulletins++;
  }
  return { loaded: true, bulletins };
}
