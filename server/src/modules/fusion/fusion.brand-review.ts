// The annual review of a brand by the organ committee (issue 11 point 5): a score per element against the rubric, a
// status that the score and the six haves allow (达标 and 示范 need every element complete), and for a brand that
// fails a rectification deadline the branch is reminded of (fusion.digest.ts). Every review is kept.
import type { FieldIssue } from '#contracts/errors';
import {
  BRAND_ELEMENT_LABELS,
  BRAND_ELEMENTS,
  BRAND_RUBRIC,
  BRAND_STATUS_LABELS,
  BRAND_THRESHOLDS,
  type Brand,
  type ReviewBody,
} from '#contracts/fusion-brand';
import { type Ctx, todayOf } from '../../core/context.ts';
import { invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorName, managedOrgan } from './fusion.access.ts';
import { brandView, bumpBrand, getBrand, readableBrand, summaries } from './fusion.brands.ts';

export async function reviewBrand(ctx: Ctx, id: string, body: ReviewBody): Promise<Brand> {
  const row = await readableBrand(ctx, id);
  await managedOrgan(ctx, row.unitId);
  if (row.version !== body.version) throw staleVersion(await brandView(ctx, row));
  const today = todayOf(ctx);
  const issues: FieldIssue[] = [];
  for (const element of BRAND_ELEMENTS)
    if (body.scores[element] > BRAND_RUBRIC[element])
      issues.push({
        field: `body.scores.${element}`,
        message: `“${BRAND_ELEMENT_LABELS[element].zh}”最多 ${BRAND_RUBRIC[element]} 分`,
      });
  if (body.year > Number(today.slice(0, 4))) issues.push({ field: 'body.year', message: '不能评审未来年度' });
  const total = BRAND_ELEMENTS.reduce((s, e) => s + body.scores[e], 0);
  const [summary] = await summaries(ctx, [row]);
  const complete = (summary?.missing.length ?? 1) === 0;
  const status = BRAND_STATUS_LABELS[body.status].zh;
  if (body.status === 'exemplary' || body.status === 'qualified') {
    const least = BRAND_THRESHOLDS[body.status];
    if (!complete)
      issues.push({
        field: 'body.status',
        message: `“六有”尚不齐全（${summary?.missing.map((m) => m.message).join('；')}），不能评为${status}`,
      });
    if (total < least)
      issues.push({ field: 'body.status', message: `总分 ${total} 分，评为${status}须达到 ${least} 分` });
  }
  if (body.status === 'rectifying') {
    if (!body.rectifyBy) issues.push({ field: 'body.rectifyBy', message: '评为整改的品牌须定出整改期限' });
    else if (body.rectifyBy <= today) issues.push({ field: 'body.rectifyBy', message: '整改期限须晚于今天' });
  } else if (body.rectifyBy) {
    issues.push({ field: 'body.rectifyBy', message: '只有评为整改的品牌才设整改期限' });
  }
  if (issues.length > 0) throw invalid('fusion.review_invalid', issues[0]?.message ?? '请按提示修改', issues);
  await bumpBrand(ctx, row, body.version);
  await ctx.db
    .insertInto('brandReview')
    .values({
      unitId: row.unitId,
      brandId: id,
      year: body.year,
      scores: JSON.stringify(body.scores),
      total,
      status: body.status,
      comment: body.comment ?? null,
      rectifyBy: body.status === 'rectifying' ? (body.rectifyBy ?? null) : null,
      reviewedOn: today,
      reviewedByUserId: ctx.actor?.userId ?? null,
      reviewedByName: actorName(ctx),
    })
    .execute();
  await recordAudit(ctx, {
    action: 'fusion.brand_review',
    entityType: 'brand',
    entityId: id,
    after: { year: body.year, total, status: body.status, rectifyBy: body.rectifyBy ?? null },
  });
  return getBrand(ctx, id);
}
