// The year-end report's content, from the records: each duty of the list with its outcome and evidence, the draft
// summary, and the grade the raters' votes give.
import type { Appraisal, Grade } from '#contracts/handover';
import { GRADES } from '#contracts/handover';
import { DOMAIN_LABELS, type Domain } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { itemRowsOfLists } from './responsibility.items.repository.ts';
import { periodState } from './responsibility.periods.ts';
import { periodsOfItems } from './responsibility.view.ts';

export type Line = Appraisal['lines'][number];

/** The lines of a report: what the list's records say, duty by duty. */
export async function assemble(ctx: Ctx, listId: string): Promise<Line[]> {
  const today = todayOf(ctx);
  const items = (await itemRowsOfLists(ctx, [listId])).filter((i) => i.status === 'active');
  const periods = await periodsOfItems(
    ctx,
    items.map((i) => i.id),
  );
  const reports = items.length
    ? await ctx.db
        .selectFrom('progressReport')
        .select(['itemId', 'note', 'reportedOn'])
        .where(
          'itemId',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('reportedOn')
        .execute()
    : [];
  return items.map((item) => {
    const own = periods.get(item.id) ?? [];
    const states = own.map((p) => periodState(p, today));
    const count = (s: string) => states.filter((x) => x === s).length;
    const counts = {
      total: own.length,
      done: count('done'),
      late: count('late'),
      missed: count('overdue'),
      exempt: count('exempt'),
    };
    const outcome: Line['outcome'] =
      counts.missed > 0
        ? 'not_done'
        : counts.late > 0
          ? 'late'
          : counts.total > 0 && counts.exempt === counts.total
            ? 'exempt'
            : counts.done + counts.exempt === counts.total && counts.total > 0
              ? 'done'
              : 'open';
    const evidence = [
      ...own.filter((p) => p.fulfilledByTitle).map((p) => `${p.periodKey}：${p.fulfilledByTitle}`),
      ...reports.filter((r) => r.itemId === item.id).map((r) => `${r.reportedOn}：${r.note.slice(0, 80)}`),
    ];
    return {
      itemId: item.id,
      title: item.title,
      domain: item.domain as Domain,
      outcome,
      periods: counts,
      evidence,
    };
  });
}

export function draftSummary(lines: readonly Line[], year: number): string {
  const by = (o: Line['outcome']) => lines.filter((l) => l.outcome === o).length;
  const domains = (['party', 'business', 'fusion'] as const)
    .map((d) => `${DOMAIN_LABELS[d].zh} ${lines.filter((l) => l.domain === d).length} 项`)
    .join('、');
  return [
    `${year} 年度，本人责任清单共 ${lines.length} 项（${domains}）。`,
    `按时完成 ${by('done')} 项，逾期完成 ${by('late')} 项，未完成 ${by('not_done')} 项，豁免 ${by('exempt')} 项，进行中 ${by('open')} 项。`,
    '主要做法和成效：',
    '存在的不足和下一步打算：',
  ].join('\n');
}

export function result(raters: { grade: string | null }[]): Appraisal['result'] {
  const graded = raters.filter((r) => r.grade);
  if (graded.length === 0) return null;
  const counts = { good: 0, fair: 0, average: 0, poor: 0 };
  for (const r of graded) counts[r.grade as Grade]++;
  // The grade most raters gave; a tie goes to the lower grade (the cautious reading).
  let grade: Grade | null = null;
  for (const g of GRADES) if (grade === null || counts[g] >= counts[grade]) grade = g;
  return { ...counts, grade: graded.length === raters.length ? grade : null };
}
