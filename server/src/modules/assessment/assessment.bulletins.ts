// Quarterly bulletins (通报, 一季一晾晒, issue 12 point 6): drafted from a computed cycle by whoever runs the organ's
// assessments, edited (title, summary, a note on each of the lowest) with the row's version, read live while a
// draft, and frozen on publication — the snapshot is the bulletin from then on, and the table's trigger refuses any
// change to it but the share key. Published bulletins are read by every reader of the organ's assessments, and
// through the share key by any account of the organ.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  Bulletin,
  BulletinContent,
  BulletinSummary,
  CreateBulletinBodySchema,
  PatchBulletinBodySchema,
  SharedBulletin,
} from '#contracts/assessment-bulletin';
import { isAdminRole } from '#contracts/identity';
import type { Ctx } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  holdsAtTop,
  keptUnit,
  readableUnit,
  requireActor,
  topPaths,
  workCommitteeUnitId,
} from './assessment.access.ts';
import { defaultTitle, liveContent } from './assessment.bulletin-content.ts';
import { loadCycle } from './assessment.cycles.ts';

const NOT_FOUND = '该通报不存在或不在您的管辖范围内';
const SHARED_NOT_FOUND = '该分享链接已失效或不属于您所在的单位';
const PUBLISHED = '通报已发布，内容已固定，不能再修改；如需补充说明，请在下一期通报中写明';

function selectBulletins(ctx: Ctx) {
  return ctx.db
    .selectFrom('assessmentBulletin as b')
    .innerJoin('assessmentCycle as c', 'c.id', 'b.cycleId')
    .selectAll('b')
    .select(['c.name as cycleName', 'c.periodKey', 'c.startsOn']);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof selectBulletins>['executeTakeFirst']>>>;

const notesOf = (r: Row) => (r.notes ?? {}) as Record<string, string>;
const newShareKey = () => randomBytes(32).toString('base64url');

function summaryView(r: Row): BulletinSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    cycleId: r.cycleId,
    cycleName: r.cycleName,
    periodKey: r.periodKey,
    title: r.title,
    status: r.status as BulletinSummary['status'],
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    publishedByName: r.publishedByName,
    version: r.version,
  };
}

async function loadRow(ctx: Ctx, id: string): Promise<Row> {
  requireActor(ctx);
  const r = await selectBulletins(ctx).where('b.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('assessment.bulletin_not_found', NOT_FOUND);
  return r;
}

/** A published bulletin for the organ's readers; a draft only for those who read the whole organ's results. */
async function readableRow(ctx: Ctx, id: string): Promise<Row> {
  const r = await loadRow(ctx, id);
  await readableUnit(ctx, r.unitId).catch(() => {
    throw notFound('assessment.bulletin_not_found', NOT_FOUND);
  });
  if (r.status !== 'published' && !(await holdsAtTop(ctx, r.unitId, 'assessment.read')))
    throw notFound('assessment.bulletin_not_found', NOT_FOUND);
  return r;
}

async function keptRow(ctx: Ctx, id: string): Promise<Row> {
  const r = await loadRow(ctx, id);
  await keptUnit(ctx, r.unitId, 'assessment.run');
  return r;
}

/** The content: frozen once published, read live from the results while a draft (the preview). */
export async function contentOf(ctx: Ctx, r: Row): Promise<BulletinContent> {
  if (r.status === 'published') return r.snapshot as BulletinContent;
  const c = await loadCycle(ctx, r.cycleId);
  return liveContent(ctx, c, { title: r.title, summary: r.summary, notes: notesOf(r) });
}

async function view(ctx: Ctx, r: Row): Promise<Bulletin> {
  const runs = await holdsAtTop(ctx, r.unitId, 'assessment.run');
  const draft = r.status === 'draft';
  return {
    ...summaryView(r),
    summary: r.summary,
    notes: notesOf(r),
    content: await contentOf(ctx, r),
    shareKey: runs ? r.shareKey : null,
    can: { edit: runs && draft, publish: runs && draft, share: runs && !draft },
  };
}

export async function listBulletins(ctx: Ctx, unitId: string): Promise<BulletinSummary[]> {
  await readableUnit(ctx, unitId);
  const drafts = await holdsAtTop(ctx, unitId, 'assessment.read');
  const rows = await selectBulletins(ctx)
    .where('b.unitId', '=', unitId)
    .$if(!drafts, (q) => q.where('b.status', '=', 'published'))
    .orderBy('c.startsOn', 'desc')
    .orderBy('b.createdAt', 'desc')
    .execute();
  return rows.map(summaryView);
}

export async function getBulletin(ctx: Ctx, id: string): Promise<Bulletin> {
  return view(ctx, await readableRow(ctx, id));
}

/** For the exports: the content whoever may read the bulletin sees. */
export async function readContent(
  ctx: Ctx,
  id: string,
): Promise<{ row: BulletinSummary; content: BulletinContent }> {
  const r = await readableRow(ctx, id);
  return { row: summaryView(r), content: await contentOf(ctx, r) };
}

export async function createBulletin(
  ctx: Ctx,
  body: z.output<typeof CreateBulletinBodySchema>,
): Promise<Bulletin> {
  const c = await loadCycle(ctx, body.cycleId).catch(() => {
    throw invalid('assessment.bulletin_invalid', '请选择已计算结果的考核', [
      { field: 'body.cycleId', message: '该考核不存在或不在您的管辖范围内' },
    ]);
  });
  await keptUnit(ctx, c.ownerUnitId, 'assessment.run');
  if (!c.computedAt)
    throw invalid('assessment.bulletin_invalid', '该考核尚未计算结果', [
      { field: 'body.cycleId', message: '请先在“考核”页计算结果，再生成通报' },
    ]);
  const row = await ctx.db
    .insertInto('assessmentBulletin')
    .values({
      unitId: c.ownerUnitId,
      cycleId: c.id,
      title: body.title ?? defaultTitle(c),
      createdByName: ctx.actor?.displayName ?? null,
    })
    // Two officers drafting the same cycle's bulletin at once: the second is sent to the first's.
    .onConflict((oc) => oc.columns(['unitId', 'cycleId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const same = await ctx.db
      .selectFrom('assessmentBulletin')
      .select('id')
      .where('unitId', '=', c.ownerUnitId)
      .where('cycleId', '=', c.id)
      .executeTakeFirst();
    throw conflict('assessment.bulletin_exists', '本期考核的通报已经生成，请打开它继续编辑', {
      bulletinId: same?.id,
    });
  }
  await recordAudit(ctx, {
    action: 'assessment.bulletin_create',
    entityType: 'assessment_bulletin',
    entityId: row.id,
    details: { cycleId: c.id },
  });
  return view(ctx, await loadRow(ctx, row.id));
}

export async function patchBulletin(
  ctx: Ctx,
  id: string,
  body: z.output<typeof PatchBulletinBodySchema>,
): Promise<Bulletin> {
  const r = await keptRow(ctx, id);
  if (r.status === 'published') throw conflict('assessment.bulletin_published', PUBLISHED);
  if (r.version !== body.version) throw staleVersion(await view(ctx, r));
  const changed = await ctx.db
    .updateTable('assessmentBulletin')
    .set({
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.summary !== undefined ? { summary: body.summary } : {}),
      ...(body.notes !== undefined ? { notes: JSON.stringify(body.notes) } : {}),
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', r.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) throw staleVersion(null);
  await recordAudit(ctx, {
    action: 'assessment.bulletin_edit',
    entityType: 'assessment_bulletin',
    entityId: id,
    before: { title: r.title, summary: r.summary, notes: notesOf(r) },
    after: { title: body.title, summary: body.summary, notes: body.notes },
  });
  return view(ctx, await loadRow(ctx, id));
}

/** Freezes the content as it reads now; each of the lowest must say what is being done about it. */
export async function publishBulletin(ctx: Ctx, id: string, version: number): Promise<Bulletin> {
  const r = await keptRow(ctx, id);
  if (r.status === 'published') throw conflict('assessment.bulletin_published', PUBLISHED);
  if (r.version !== version) throw staleVersion(await view(ctx, r));
  const content = await contentOf(ctx, r);
  const missing = content.lowest.filter((l) => !l.note.trim());
  if (missing.length)
    throw invalid(
      'assessment.bulletin_incomplete',
      '请先写明排名靠后的党组织正在怎样整改，再发布',
      missing.map((l) => ({
        field: `body.notes.${l.subjectId}`,
        message: `请填写“${l.subjectName}”的整改措施或工作安排`,
      })),
    );
  if (!content.summary.trim())
    throw invalid('assessment.bulletin_incomplete', '请先填写通报的总体情况，再发布', [
      { field: 'body.summary', message: '请用几句话概括本期考核的总体情况' },
    ]);
  const now = ctx.now?.() ?? new Date();
  const frozen: BulletinContent = { ...content, asOf: now.toISOString() };
  const changed = await ctx.db
    .updateTable('assessmentBulletin')
    .set({
      status: 'published',
      snapshot: JSON.stringify(frozen),
      publishedAt: now,
      publishedByName: ctx.actor?.displayName ?? null,
      shareKey: newShareKey(),
      version: r.version + 1,
      updatedAt: now,
    })
    .where('unitId', '=', r.unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) throw staleVersion(null);
  await recordAudit(ctx, {
    action: 'assessment.bulletin_publish',
    entityType: 'assessment_bulletin',
    entityId: id,
    details: {
      cycleId: r.cycleId,
      subjects: frozen.rows.length,
      comparedWith: frozen.diff ? `${frozen.diff.source}:${frozen.diff.cycleId}` : null,
    },
  });
  return view(ctx, await loadRow(ctx, id));
}

/** A new share key (the old link stops working), or none (revoked). Only the key of a frozen row may change. */
export async function setShareKey(
  ctx: Ctx,
  id: string,
  renew: boolean,
): Promise<{ shareKey: string | null }> {
  const r = await keptRow(ctx, id);
  if (r.status !== 'published') throw conflict('assessment.bulletin_draft', '通报发布后才能分享，请先发布');
  const shareKey = renew ? newShareKey() : null;
  await ctx.db
    .updateTable('assessmentBulletin')
    .set({ shareKey })
    .where('unitId', '=', r.unitId)
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, {
    action: renew ? 'assessment.bulletin_share' : 'assessment.bulletin_unshare',
    entityType: 'assessment_bulletin',
    entityId: id,
  });
  return { shareKey };
}

/**
 * Whether the account belongs to the organ: a role held inside its tree or above it (the work committee's officer),
 * or a member of it — for the work committee's own bulletins, of any of its organs. The three administrators' accounts (三员) hold no organ's business: 403.
 */
async function ofOrgan(ctx: Ctx, unitId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor) return false;
  const tops = await topPaths(ctx, unitId);
  const held = actor.assignments.some(
    (a) =>
      !isAdminRole(a.role) &&
      a.path &&
      tops.some((t) => t.startsWith(a.path as string) || (a.path as string).startsWith(t)),
  );
  if (held) return true;
  if (!actor.memberId) return false;
  // The work committee's bulletin ranks its organs for all of them: a member of any organ below it reads it.
  const committee = unitId === (await workCommitteeUnitId(ctx));
  const m = await ctx.db
    .selectFrom('member')
    .select('id')
    .where('id', '=', actor.memberId)
    .$if(!committee, (q) => q.where('unitId', '=', unitId))
    .executeTakeFirst();
  return !!m;
}

export async function sharedBulletin(ctx: Ctx, key: string): Promise<SharedBulletin> {
  requireActor(ctx);
  // An administrator's account is for administration (三员分立), even when linked to a member record.
  if (ctx.actor?.assignments.some((a) => isAdminRole(a.role)))
    throw forbidden(
      'assessment.admin_not_reader',
      '系统管理员、安全管理员和审计管理员账号不阅读单位的考核通报',
    );
  const r = await selectBulletins(ctx)
    .where('b.shareKey', '=', key)
    .where('b.status', '=', 'published')
    .executeTakeFirst();
  if (!r?.publishedAt || !(await ofOrgan(ctx, r.unitId)))
    throw notFound('assessment.bulletin_not_found', SHARED_NOT_FOUND);
  return {
    id: r.id,
    publishedAt: r.publishedAt.toISOString(),
    publishedByName: r.publishedByName,
    content: r.snapshot as BulletinContent,
  };
}
