import type { ProgressReport, ReportBody } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { assessmentChanged } from '../assessment/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  holdsItem,
  ITEM_NOT_FOUND,
  type ItemRow,
  itemInScope,
  loadItem,
  requireActor,
} from './responsibility.access.ts';
import { cleanFileName, EVIDENCE_MAX_FILES, evidenceType } from './responsibility.evidence.ts';
import { recordKind } from './responsibility.registry.ts';

export type ReportMode = 'own' | 'scoped';

async function reachItem(ctx: Ctx, itemId: string, mode: ReportMode): Promise<ItemRow> {
  const item = await loadItem(ctx, itemId);
  const ok =
    item && (mode === 'own' ? await holdsItem(ctx, item) : itemInScope(ctx, item, 'responsibility.report'));
  if (!item || !ok) throw notFound('responsibility.item_not_found', ITEM_NOT_FOUND);
  return item;
}

export async function reportProgress(
  ctx: Ctx,
  periodId: string,
  body: ReportBody,
  mode: ReportMode,
): Promise<ProgressReport> {
  const actor = requireActor(ctx).actor;
  const period = await ctx.db
    .selectFrom('responsibilityPeriod')
    .select(['unitId', 'id', 'itemId', 'status', 'startsOn', 'dueOn'])
    .where('id', '=', periodId)
    .executeTakeFirst();
  if (!period) throw notFound('responsibility.period_not_found', ITEM_NOT_FOUND);
  const item = await reachItem(ctx, period.itemId, mode);
  const today = todayOf(ctx);
  const reportedOn = body.reportedOn ?? today;
  const issues: { field: string; message: string }[] = [];
  if (reportedOn > today) issues.push({ field: 'body.reportedOn', message: '完成日期不能晚于今天' });
  if (reportedOn < period.startsOn)
    issues.push({ field: 'body.reportedOn', message: `完成日期不能早于本期开始日 ${period.startsOn}` });
  // Refused only once the kind's module keeps the records: until then the duty is reported like any other.
  if (body.done && item.recordKind && recordKind(item.recordKind))
    issues.push({
      field: 'body.done',
      message: '此项由活动记录自动完成，不能手工标记完成；请在支部工作中登记相应活动，登记后自动计入',
    });
  for (const [i, link] of body.links.entries()) {
    if (link.kind === 'url') {
      if (!/^https?:\/\/\S+$/.test(link.id))
        issues.push({ field: `body.links.${i}.id`, message: '链接应以 http:// 或 https:// 开头' });
    } else if (!recordKind(link.kind))
      issues.push({ field: `body.links.${i}.kind`, message: '关联的记录类型不存在' });
  }
  if (issues.length) throw invalid('responsibility.invalid_report', '进度报告有误，请按提示修改', issues);
  if (period.status === 'exempt') throw conflict('responsibility.period_exempt', '本期已豁免，无需报告');
  if (item.status !== 'active') throw conflict('responsibility.item_closed', '该职责已关闭');

  const report = await ctx.db
    .insertInto('progressReport')
    .values({
      unitId: item.unitId,
      itemId: item.id,
      periodId: period.id,
      reportedOn,
      progress: body.done ? 100 : body.progress,
      done: body.done,
      note: body.note,
      links: JSON.stringify(body.links),
      reportedByUserId: actor.userId,
      reportedByName: actor.displayName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('responsibilityPeriod')
    .set(
      body.done
        ? { status: 'done', progress: 100, doneOn: reportedOn, updatedAt: new Date() }
        : { progress: body.progress, updatedAt: new Date() },
    )
    .where('unitId', '=', item.unitId)
    .where('id', '=', period.id)
    // A second "done" report keeps the first completion date (it would turn "done" into "done late").
    .where('status', '=', 'open')
    .execute();
  await recordAudit(ctx, {
    action: 'responsibility.progress_report',
    entityType: 'responsibility_item',
    entityId: item.id,
    details: { periodId, progress: body.progress, done: body.done, reportedOn },
  });
  // A duty done (or an obligation reported by hand): the assessments counting duties score its owner again.
  if (body.done)
    await assessmentChanged(ctx, {
      unitId: item.unitId,
      orgIds: [item.ownerOrgId],
      from: period.dueOn,
      to: period.dueOn,
      counts: ['responsibility_item', 'responsibility_period'],
    });
  const [saved] = await reportsOf(ctx, item.unitId, { reportIds: [report.id] });
  return saved as ProgressReport;
}

async function reportsOf(
  ctx: Ctx,
  unitId: string,
  q: { itemId?: string; reportIds?: string[] },
): Promise<ProgressReport[]> {
  let query = ctx.db
    .selectFrom('progressReport')
    .select([
      'id',
      'itemId',
      'periodId',
      'reportedOn',
      'progress',
      'done',
      'note',
      'links',
      'reportedByName',
      'createdAt',
    ])
    .where('unitId', '=', unitId)
    .orderBy('createdAt', 'desc');
  if (q.itemId) query = query.where('itemId', '=', q.itemId);
  if (q.reportIds) query = query.where('id', 'in', q.reportIds);
  const rows = await query.execute();
  const files = rows.length
    ? await ctx.db
        .selectFrom('evidenceFile')
        .select(['id', 'reportId', 'fileName', 'mediaType', 'size'])
        .where('unitId', '=', unitId)
        .where(
          'reportId',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('createdAt')
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    links: r.links as ProgressReport['links'],
    createdAt: r.createdAt.toISOString(),
    files: files.filter((f) => f.reportId === r.id).map(({ reportId: _, ...f }) => f),
  }));
}

export function reportsOfItem(ctx: Ctx, unitId: string, itemId: string): Promise<ProgressReport[]> {
  return reportsOf(ctx, unitId, { itemId });
}

/** Attaches a file to a report the actor wrote. */
export async function attachEvidence(ctx: Ctx, reportId: string, file: { buffer: Buffer; filename: string }) {
  const actor = requireActor(ctx).actor;
  const report = await ctx.db
    .selectFrom('progressReport')
    .select(['unitId', 'id', 'itemId', 'reportedByUserId'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report || report.reportedByUserId !== actor.userId)
    throw notFound('responsibility.report_not_found', '进度报告不存在，或不是您本人提交的');
  const mediaType = evidenceType(file.buffer, file.filename);
  const count = await ctx.db
    .selectFrom('evidenceFile')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', report.unitId)
    .where('reportId', '=', reportId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= EVIDENCE_MAX_FILES)
    throw conflict('responsibility.evidence_full', `每次报告最多附 ${EVIDENCE_MAX_FILES} 个佐证材料`);
  const fileName = cleanFileName(file.filename);
  const row = await ctx.db
    .insertInto('evidenceFile')
    .values({
      unitId: report.unitId,
      reportId,
      fileName,
      mediaType,
      size: file.buffer.length,
      content: file.buffer,
    })
    .returning(['id', 'fileName', 'mediaType', 'size'])
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'responsibility.evidence_attach',
    entityType: 'responsibility_item',
    entityId: report.itemId,
    details: { reportId, fileId: row.id, fileName, size: row.size },
  });
  return row;
}

/** A file, for whoever may read its duty, holds it, or wrote the report. */
export async function readEvidence(ctx: Ctx, fileId: string) {
  const actor = requireActor(ctx).actor;
  const file = await ctx.db
    .selectFrom('evidenceFile as f')
    .innerJoin('progressReport as r', (j) =>
      j.onRef('r.unitId', '=', 'f.unitId').onRef('r.id', '=', 'f.reportId'),
    )
    .select(['f.fileName', 'f.mediaType', 'f.content', 'r.itemId', 'r.reportedByUserId'])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  const item = file ? await loadItem(ctx, file.itemId) : undefined;
  const allowed =
    file &&
    item &&
    (file.reportedByUserId === actor.userId ||
      itemInScope(ctx, item, 'responsibility.read') ||
      (await holdsItem(ctx, item)));
  if (!file || !allowed) throw notFound('responsibility.file_not_found', '文件不存在或无权查看');
  return file;
}
