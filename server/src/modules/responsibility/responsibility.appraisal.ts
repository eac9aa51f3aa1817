// 述职评议: a secretary's year-end report assembled from the records of their list — each duty done, late, not done
// or exempt, with its evidence — edited by the author before submission, then graded 好 / 较好 / 一般 / 差 by the
// raters the organ committee names. The result is kept for the assessment module (`appraisalResults`).
import type { z } from 'zod';
import type { Appraisal, Grade, PatchAppraisalBodySchema, RateBodySchema } from '#contracts/handover';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { memberRefs, postHoldersOf } from '../member/index.ts';
import { heldMemberIds, holdsFor, listInScope, requireActor } from './responsibility.access.ts';
import { assemble, draftSummary, type Line, result } from './responsibility.appraisal-lines.ts';

const NOT_FOUND = '述职报告不存在或无权查看';

function appraisalRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('reportAppraisal as a')
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'a.unitId').onRef('l.id', '=', 'a.listId'),
    )
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.partyOrgId'),
    )
    .selectAll('a')
    .select(['l.title as listTitle', 'o.path as orgPath']);
}
type Row = Awaited<ReturnType<ReturnType<typeof appraisalRows>['execute']>>[number];

async function views(ctx: Ctx, rows: Row[]): Promise<Appraisal[]> {
  if (rows.length === 0) return [];
  const ratings = await ctx.db
    .selectFrom('reportRating')
    .select(['reportId', 'raterMemberId', 'grade', 'comment', 'ratedAt'])
    .where(
      'reportId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const names = await memberRefs(ctx.db, [
    ...rows.map((r) => r.authorMemberId),
    ...ratings.map((r) => r.raterMemberId),
  ]);
  const viewer = ctx.actor?.memberId;
  return rows.map((r) => {
    const raters = ratings.filter((x) => x.reportId === r.id);
    const body = r.body as { lines: Line[] };
    // The raters' names are shown to the organisers; each rater sees only their own grade (no pressure by peers).
    const organiser = isInScope(ctx.actor, 'responsibility.organise', r.orgPath);
    return {
      id: r.id,
      listId: r.listId,
      listTitle: r.listTitle,
      year: r.year,
      authorMemberId: r.authorMemberId,
      authorName: names.get(r.authorMemberId)?.name ?? '',
      status: r.status as Appraisal['status'],
      summary: r.summary,
      lines: body.lines,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      version: r.version,
      raters: raters
        .filter((x) => organiser || x.raterMemberId === viewer)
        .map((x) => ({
          memberId: x.raterMemberId,
          name: names.get(x.raterMemberId)?.name ?? '',
          grade: (x.grade as Grade | null) ?? null,
          comment: x.comment,
          ratedAt: x.ratedAt?.toISOString() ?? null,
        })),
      result: organiser || r.authorMemberId === viewer ? result(raters) : null,
    };
  });
}

async function reachable(ctx: Ctx, id: string): Promise<Row> {
  const row = await appraisalRows(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('responsibility.appraisal_not_found', NOT_FOUND);
  const me = ctx.actor?.memberId;
  if (me && row.authorMemberId === me) return row;
  if (isInScope(ctx.actor, 'responsibility.read', row.orgPath)) return row;
  const held = await heldMemberIds(ctx);
  const raters = await ctx.db
    .selectFrom('reportRating')
    .select('raterMemberId')
    .where('reportId', '=', id)
    .execute();
  if (raters.some((r) => holdsFor(held, r.raterMemberId, row.unitId))) return row;
  throw notFound('responsibility.appraisal_not_found', NOT_FOUND);
}

export async function getAppraisal(ctx: Ctx, id: string): Promise<Appraisal> {
  return (await views(ctx, [await reachable(ctx, id)]))[0] as Appraisal;
}

export async function listAppraisals(ctx: Ctx, year: number): Promise<Appraisal[]> {
  const rows = await appraisalRows(ctx)
    .where('a.year', '=', year)
    .where(scopeSql(ctx.actor, 'responsibility.read', 'o.path'))
    .orderBy('o.path')
    .execute();
  return views(ctx, rows);
}

/** Reports the actor writes, and those waiting for the actor's grade. */
export async function myAppraisals(ctx: Ctx): Promise<Appraisal[]> {
  const held = await heldMemberIds(ctx);
  const members = [...(held.own ? [held.own] : []), ...held.delegatedFrom.keys()];
  if (members.length === 0) return [];
  const rows = await appraisalRows(ctx)
    .where((eb) =>
      eb.or([
        eb('a.authorMemberId', '=', held.own ?? '00000000-0000-0000-0000-000000000000'),
        eb.exists(
          eb
            .selectFrom('reportRating as r')
            .select('r.id')
            .whereRef('r.reportId', '=', 'a.id')
            .where('r.raterMemberId', 'in', members),
        ),
      ]),
    )
    .orderBy('a.year', 'desc')
    .execute();
  return views(ctx, rows);
}

/** Assembles the year-end report of a list from its records. The author is the list's holder, else its secretary. */
export async function createAppraisal(ctx: Ctx, listId: string): Promise<Appraisal> {
  requireActor(ctx);
  const list = await listInScope(ctx, listId, 'responsibility.organise');
  let author = list.holderMemberId;
  if (!author)
    author =
      (await postHoldersOf(ctx.db, list.unitId, [list.partyOrgId], 'secretary')).get(list.partyOrgId)?.[0]
        ?.id ?? null;
  if (!author)
    throw invalid('responsibility.no_author', '该清单没有责任人，无法生成述职报告', [
      { field: 'body.listId', message: '请先为清单指定责任人，或为该党组织配备书记' },
    ]);
  const lines = await assemble(ctx, listId);
  const row = await ctx.db
    .insertInto('reportAppraisal')
    .values({
      unitId: list.unitId,
      listId,
      year: list.year,
      authorMemberId: author,
      summary: draftSummary(lines, list.year),
      body: JSON.stringify({ lines }),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw conflict('responsibility.appraisal_exists', '该清单的述职报告已生成，请直接打开');
  await recordAudit(ctx, {
    action: 'responsibility.appraisal_create',
    entityType: 'report_appraisal',
    entityId: row.id,
    after: { listId, lines: lines.length },
  });
  return getAppraisal(ctx, row.id);
}

async function authorsDraft(ctx: Ctx, id: string, version: number): Promise<Row> {
  const row = await appraisalRows(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!row || row.authorMemberId !== ctx.actor?.memberId)
    throw notFound('responsibility.appraisal_not_found', '述职报告不存在，或您不是报告人');
  if (row.version !== version) throw staleVersion(await getAppraisal(ctx, id));
  if (row.status !== 'draft') throw conflict('responsibility.appraisal_submitted', '报告已提交，不能再修改');
  return row;
}

export async function patchAppraisal(
  ctx: Ctx,
  id: string,
  body: z.output<typeof PatchAppraisalBodySchema>,
): Promise<Appraisal> {
  const row = await authorsDraft(ctx, id, body.version);
  // The lines are re-read from the records at each save: the report never drifts from what the records say.
  const lines = await assemble(ctx, row.listId);
  const saved = await ctx.db
    .updateTable('reportAppraisal')
    .set({
      summary: body.summary,
      body: JSON.stringify({ lines }),
      version: body.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (!Number(saved.numUpdatedRows)) throw staleVersion(await getAppraisal(ctx, id));
  return getAppraisal(ctx, id);
}

export async function submitAppraisal(ctx: Ctx, id: string, version: number): Promise<Appraisal> {
  const row = await authorsDraft(ctx, id, version);
  const lines = await assemble(ctx, row.listId);
  const submitted = await ctx.db
    .updateTable('reportAppraisal')
    .set({
      status: 'submitted',
      body: JSON.stringify({ lines }),
      submittedAt: new Date(),
      version: version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (!Number(submitted.numUpdatedRows)) throw staleVersion(await getAppraisal(ctx, id));
  await recordAudit(ctx, {
    action: 'responsibility.appraisal_submit',
    entityType: 'report_appraisal',
    entityId: id,
  });
  return getAppraisal(ctx, id);
}

export async function setRaters(ctx: Ctx, id: string, memberIds: readonly string[]): Promise<Appraisal> {
  const row = await appraisalRows(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'responsibility.organise', row.orgPath))
    throw notFound('responsibility.appraisal_not_found', NOT_FOUND);
  if (row.status === 'appraised')
    throw conflict('responsibility.appraisal_closed', '评议已完成，不能再调整评议人');
  const members = await memberRefs(ctx.db, memberIds);
  const issues = memberIds.flatMap((m, i) => {
    const ref = members.get(m);
    if (!ref || ref.unitId !== row.unitId || ref.status !== 'active')
      return [{ field: `body.memberIds.${i}`, message: '评议人须为本单位在册党员' }];
    if (m === row.authorMemberId) return [{ field: `body.memberIds.${i}`, message: '报告人不能评议自己' }];
    return [];
  });
  if (issues.length) throw invalid('responsibility.invalid_raters', '评议人有误，请按提示修改', issues);
  const wanted = new Set(memberIds);
  await ctx.db
    .deleteFrom('reportRating')
    .where('unitId', '=', row.unitId)
    .where('reportId', '=', id)
    .where('grade', 'is', null)
    .where('raterMemberId', 'not in', [...wanted])
    .execute();
  await ctx.db
    .insertInto('reportRating')
    .values([...wanted].map((m) => ({ unitId: row.unitId, reportId: id, raterMemberId: m })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  // A submitted report whose remaining raters have all graded is appraised now, not stuck waiting for none.
  if (row.status === 'submitted') {
    const open = await ctx.db
      .selectFrom('reportRating')
      .select('id')
      .where('unitId', '=', row.unitId)
      .where('reportId', '=', id)
      .where('grade', 'is', null)
      .executeTakeFirst();
    if (!open)
      await ctx.db
        .updateTable('reportAppraisal')
        .set({ status: 'appraised', updatedAt: new Date() })
        .where('unitId', '=', row.unitId)
        .where('id', '=', id)
        .execute();
  }
  await recordAudit(ctx, {
    action: 'responsibility.appraisal_raters',
    entityType: 'report_appraisal',
    entityId: id,
    after: { raters: [...wanted] },
  });
  return getAppraisal(ctx, id);
}

export async function rate(ctx: Ctx, id: string, body: z.output<typeof RateBodySchema>): Promise<Appraisal> {
  requireActor(ctx);
  // The report row is locked first: the last two raters grading at once then see each other's grade, and the
  // report becomes appraised exactly once.
  const locked = await ctx.db
    .selectFrom('reportAppraisal')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const row = locked ? await appraisalRows(ctx).where('a.id', '=', id).executeTakeFirst() : undefined;
  const held = await heldMemberIds(ctx);
  const mine = row
    ? await ctx.db
        .selectFrom('reportRating')
        .select(['id', 'raterMemberId', 'grade'])
        .where('unitId', '=', row.unitId)
        .where('reportId', '=', id)
        .execute()
    : [];
  const seat =
    mine.find((r) => r.raterMemberId === held.own && row && holdsFor(held, r.raterMemberId, row.unitId)) ??
    mine.find((r) => row && r.raterMemberId !== held.own && holdsFor(held, r.raterMemberId, row.unitId));
  if (!row || !seat) throw notFound('responsibility.appraisal_not_found', '述职报告不存在，或您不是评议人');
  if (row.status === 'draft')
    throw conflict('responsibility.appraisal_not_submitted', '报告尚未提交，暂不能评议');
  if (seat.grade) throw conflict('responsibility.already_rated', '您已评议过这份报告');
  await ctx.db
    .updateTable('reportRating')
    .set({ grade: body.grade, comment: body.comment ?? null, ratedAt: new Date() })
    .where('grade', 'is', null)
    .where('unitId', '=', row.unitId)
    .where('id', '=', seat.id)
    .execute();
  if (mine.every((r) => r.id === seat.id || r.grade))
    await ctx.db
      .updateTable('reportAppraisal')
      .set({ status: 'appraised', updatedAt: new Date() })
      .where('unitId', '=', row.unitId)
      .where('id', '=', id)
      .execute();
  await recordAudit(ctx, {
    action: 'responsibility.appraisal_rate',
    entityType: 'report_appraisal',
    entityId: id,
  });
  return getAppraisal(ctx, id);
}

/** For the assessment module: the appraised grade of each report of `year` in organ `unitId`. */
export async function appraisalResults(ctx: Ctx, unitId: string, year: number) {
  const rows = await appraisalRows(ctx)
    .where('a.unitId', '=', unitId)
    .where('a.year', '=', year)
    .where('a.status', '=', 'appraised')
    .execute();
  const ratings = rows.length
    ? await ctx.db
        .selectFrom('reportRating')
        .select(['reportId', 'grade'])
        .where(
          'reportId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    appraisalId: r.id,
    listId: r.listId,
    authorMemberId: r.authorMemberId,
    result: result(ratings.filter((x) => x.reportId === r.id)),
  }));
}
