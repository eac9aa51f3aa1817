// Branch brands (一支部一品牌, issue 11 point 5): a profile with the six haves, each backed by evidence — the mark by
// its image, the others by branch records, accepted project outcomes, satisfaction results or documents — and a
// completeness check that names what is missing. Kept by the branch (fusion.project on it); read organ-wide.

import type { FieldIssue } from '#contracts/errors';
import {
  type AddEvidenceBody,
  BRAND_ELEMENT_LABELS,
  BRAND_ELEMENTS,
  type Brand,
  type BrandElement,
  type BrandEvidence,
  type BrandStatus,
  type BrandSummary,
  type CreateBrandBody,
  type Missing,
  type PatchBrandBody,
} from '#contracts/fusion-brand';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { attachmentsOf } from '../attachment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordRefs } from '../branch/index.ts';
import { isInScope } from '../identity/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { managesOrgan, orgInScope, readableOrgan } from './fusion.access.ts';

export const BRAND_OWNER = 'fusion.brand';
const BRAND_NOT_FOUND = '该品牌不存在或不在您的管辖范围内';
const BRAND_KINDS = ['branch', 'general_branch'];

export function selectBrands(ctx: Ctx) {
  return ctx.db
    .selectFrom('brand as b')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'b.unitId').onRef('o.id', '=', 'b.partyOrgId'),
    )
    .selectAll('b')
    .select(['o.name as partyOrgName', 'o.path as orgPath']);
}
export type BrandRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectBrands>['executeTakeFirst']>>>;

const CONTENT: Record<Exclude<BrandElement, 'name' | 'mark'>, keyof BrandRow> = {
  concept: 'concept',
  standards: 'serviceStandards',
  measures: 'creationMeasures',
  effect: 'effect',
};

/** What the six haves still lack, in rubric order: content first, then evidence. */
export function missingOf(row: BrandRow, evidenced: ReadonlySet<string>): Missing[] {
  const out: Missing[] = [];
  for (const element of BRAND_ELEMENTS) {
    const label = BRAND_ELEMENT_LABELS[element].zh.replace(/^有/, '');
    if (element === 'mark') {
      if (!row.markAttachmentId) out.push({ element, what: 'content', message: '尚未上传品牌标识图片' });
      continue;
    }
    if (element !== 'name' && !row[CONTENT[element]])
      out.push({ element, what: 'content', message: `尚未填写“${label}”` });
    if (!evidenced.has(element))
      out.push({
        element,
        what: 'evidence',
        message: `“${label}”尚无佐证（可关联支部工作记录、项目成果、满意度结果或文件）`,
      });
  }
  return out;
}

async function latestReviews(ctx: Ctx, unitId: string, ids: readonly string[]) {
  if (ids.length === 0)
    return new Map<
      string,
      { year: number; total: number; reviewedOn: string; status: string; rectifyBy: string | null }
    >();
  const rows = await ctx.db
    .selectFrom('brandReview')
    .select(['brandId', 'year', 'total', 'reviewedOn', 'status', 'rectifyBy', 'createdAt'])
    .where('unitId', '=', unitId)
    .where('brandId', 'in', [...ids])
    .orderBy('createdAt')
    .execute();
  return new Map(rows.map((r) => [r.brandId, r]));
}

export async function summaries(ctx: Ctx, rows: readonly BrandRow[]): Promise<BrandSummary[]> {
  const first = rows[0];
  if (!first) return [];
  const ids = rows.map((r) => r.id);
  const [evidence, reviews] = await Promise.all([
    ctx.db
      .selectFrom('brandEvidence')
      .select(['brandId', 'element'])
      .where('unitId', '=', first.unitId)
      .where('brandId', 'in', ids)
      .execute(),
    latestReviews(ctx, first.unitId, ids),
  ]);
  return rows.map((r) => {
    const review = reviews.get(r.id);
    return {
      id: r.id,
      unitId: r.unitId,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.partyOrgName,
      name: r.name,
      status: (review?.status ?? 'cultivating') as BrandStatus,
      rectifyBy: review?.rectifyBy ?? null,
      missing: missingOf(r, new Set(evidence.filter((e) => e.brandId === r.id).map((e) => e.element))),
      lastReview: review ? { year: review.year, total: review.total, reviewedOn: review.reviewedOn } : null,
      markAttachmentId: r.markAttachmentId,
      version: r.version,
    };
  });
}

export async function listBrands(ctx: Ctx, q: { unitId: string; status?: BrandStatus | undefined }) {
  await readableOrgan(ctx, q.unitId);
  const rows = await selectBrands(ctx).where('b.unitId', '=', q.unitId).orderBy('o.path').execute();
  const all = await summaries(ctx, rows);
  return q.status ? all.filter((b) => b.status === q.status) : all;
}

export async function readableBrand(ctx: Ctx, id: string): Promise<BrandRow> {
  const row = await selectBrands(ctx).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('fusion.brand_not_found', BRAND_NOT_FOUND);
  await readableOrgan(ctx, row.unitId).catch(() => {
    throw notFound('fusion.brand_not_found', BRAND_NOT_FOUND);
  });
  return row;
}

export async function keptBrand(ctx: Ctx, id: string): Promise<BrandRow> {
  const row = await selectBrands(ctx).where('b.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'fusion.project', row.orgPath))
    throw notFound('fusion.brand_not_found', BRAND_NOT_FOUND);
  return row;
}

/** The evidence of a brand with what each refers to, looked up set-based per kind. */
async function evidenceOf(ctx: Ctx, row: BrandRow): Promise<BrandEvidence[]> {
  const items = await ctx.db
    .selectFrom('brandEvidence')
    .selectAll()
    .where('unitId', '=', row.unitId)
    .where('brandId', '=', row.id)
    .orderBy('createdAt')
    .execute();
  const ids = (kind: string) => items.filter((e) => e.kind === kind && e.refId).map((e) => e.refId as string);
  const [records, projects, files] = await Promise.all([
    recordRefs(ctx, row.unitId, ids('record')),
    ids('project').length
      ? ctx.db
          .selectFrom('fusionProject')
          .select(['id', 'title', 'acceptedOn'])
          .where('unitId', '=', row.unitId)
          .where('id', 'in', ids('project'))
          .execute()
      : [],
    attachmentsOf(ctx, BRAND_OWNER, [row.id]),
  ]);
  const rec = new Map(records.map((r) => [r.id, r]));
  const proj = new Map(projects.map((p) => [p.id, p]));
  const file = new Map((files.get(row.id) ?? []).map((f) => [f.id, f]));
  return items.map((e) => {
    const r = e.refId ? rec.get(e.refId) : undefined;
    const p = e.refId ? proj.get(e.refId) : undefined;
    const f = e.refId ? file.get(e.refId) : undefined;
    const title =
      e.kind === 'record'
        ? (r?.topic ?? '（该记录已删除）')
        : e.kind === 'project'
          ? (p?.title ?? '（该项目已删除）')
          : e.kind === 'document'
            ? (f?.fileName ?? '（该文件已删除）')
            : (e.note ?? '');
    return {
      id: e.id,
      element: e.element as BrandEvidence['element'],
      kind: e.kind as BrandEvidence['kind'],
      refId: e.refId,
      title,
      date: r?.date ?? p?.acceptedOn ?? (f ? f.createdAt.slice(0, 10) : null),
      note: e.kind === 'satisfaction' ? null : e.note,
    };
  });
}

export async function brandView(ctx: Ctx, row: BrandRow): Promise<Brand> {
  const [summary] = await summaries(ctx, [row]);
  if (!summary) throw new Error('a brand without its summary');
  const [evidence, reviews] = await Promise.all([
    evidenceOf(ctx, row),
    ctx.db
      .selectFrom('brandReview')
      .selectAll()
      .where('unitId', '=', row.unitId)
      .where('brandId', '=', row.id)
      .orderBy('createdAt', 'desc')
      .execute(),
  ]);
  return {
    ...summary,
    concept: row.concept,
    serviceStandards: row.serviceStandards,
    creationMeasures: row.creationMeasures,
    effect: row.effect,
    evidence,
    reviews: reviews.map((r) => ({
      id: r.id,
      year: r.year,
      scores: r.scores as Brand['reviews'][number]['scores'],
      total: r.total,
      status: r.status as BrandStatus,
      comment: r.comment,
      rectifyBy: r.rectifyBy,
      reviewedOn: r.reviewedOn,
      reviewedByName: r.reviewedByName,
    })),
    can: {
      edit: isInScope(ctx.actor, 'fusion.project', row.orgPath),
      review: await managesOrgan(ctx, row.unitId),
    },
  };
}

export async function getBrand(ctx: Ctx, id: string): Promise<Brand> {
  return brandView(ctx, await readableBrand(ctx, id));
}

export async function createBrand(ctx: Ctx, body: CreateBrandBody): Promise<Brand> {
  const org = await orgInScope(ctx, body.partyOrgId, 'fusion.project');
  if (!BRAND_KINDS.includes(org.kind) || org.status !== 'active')
    throw invalid('fusion.brand_invalid', '品牌由党支部（党总支）创建', [
      { field: 'body.partyOrgId', message: '请选择在建的党支部或党总支' },
    ]);
  const taken = await ctx.db
    .selectFrom('brand')
    .select('id')
    .where('unitId', '=', org.unitId)
    .where('partyOrgId', '=', org.id)
    .executeTakeFirst();
  if (taken)
    throw conflict('fusion.brand_exists', `${org.name}已有品牌（一支部一品牌），请在原品牌上完善`, {
      id: taken.id,
    });
  const row = await ctx.db
    .insertInto('brand')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      name: body.name,
      concept: body.concept ?? null,
      serviceStandards: body.serviceStandards ?? null,
      creationMeasures: body.creationMeasures ?? null,
      effect: body.effect ?? null,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.brand_create',
    entityType: 'brand',
    entityId: row.id,
    after: { name: body.name, partyOrgId: org.id },
  });
  return getBrand(ctx, row.id);
}

/** One of the brand's own attachments, optionally required to be an image. */
async function ownFile(ctx: Ctx, brandId: string, fileId: string, image: boolean): Promise<boolean> {
  const files = (await attachmentsOf(ctx, BRAND_OWNER, [brandId])).get(brandId) ?? [];
  const f = files.find((x) => x.id === fileId);
  return !!f && (!image || f.mediaType.startsWith('image/'));
}

export async function bumpBrand(ctx: Ctx, row: BrandRow, version: number, set: Record<string, unknown> = {}) {
  const done = await ctx.db
    .updateTable('brand')
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where('unitId', '=', row.unitId)
    .where('id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await getBrand(ctx, row.id));
}

export async function patchBrand(ctx: Ctx, id: string, body: PatchBrandBody): Promise<Brand> {
  const row = await keptBrand(ctx, id);
  if (row.version !== body.version) throw staleVersion(await brandView(ctx, row));
  if (body.markAttachmentId && !(await ownFile(ctx, id, body.markAttachmentId, true)))
    throw invalid('fusion.brand_invalid', '品牌标识须是本品牌已上传的图片', [
      { field: 'body.markAttachmentId', message: '请先上传标识图片（PNG、JPEG 等），再选作标识' },
    ]);
  const { version, ...fields } = body;
  await bumpBrand(ctx, row, version, fields);
  await recordAudit(ctx, {
    action: 'fusion.brand_update',
    entityType: 'brand',
    entityId: id,
    before: { name: row.name, markAttachmentId: row.markAttachmentId },
    after: { name: body.name ?? row.name, markAttachmentId: body.markAttachmentId ?? row.markAttachmentId },
  });
  return getBrand(ctx, id);
}

export async function addEvidence(ctx: Ctx, id: string, body: AddEvidenceBody): Promise<Brand> {
  const row = await keptBrand(ctx, id);
  const issues: FieldIssue[] = [];
  const refId = body.refId ?? null;
  if (body.kind === 'satisfaction') {
    if (refId)
      issues.push({ field: 'body.refId', message: '满意度结果不关联记录，请在说明中写明测评名称和结果' });
    if (!body.note)
      issues.push({
        field: 'body.note',
        message: '请写明满意度测评的名称和结果（如：2026年服务对象满意度 97.2%）',
      });
  } else if (!refId) {
    issues.push({ field: 'body.refId', message: '请选择要关联的记录、项目或文件' });
  } else if (body.kind === 'record') {
    const [r] = await recordRefs(ctx, row.unitId, [refId]);
    const orgs = r ? await partyOrgRefs(ctx.db, r.heldBy) : new Map();
    if (!r || ![...orgs.values()].some((o) => o.path.startsWith(row.orgPath)))
      issues.push({ field: 'body.refId', message: '请选择本支部已召开的支部工作记录（谈心谈话不作佐证）' });
  } else if (body.kind === 'project') {
    const counts = await ctx.db
      .selectFrom('fusionProject as p')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'p.unitId').onRef('o.id', '=', 'p.leadOrgId'),
      )
      .select(['p.id'])
      .where('p.unitId', '=', row.unitId)
      .where('p.id', '=', refId)
      .where('p.stage', '=', 'accepted')
      .where((eb) =>
        eb.or([
          eb('o.path', 'like', `${row.orgPath}%`),
          eb.exists(
            eb
              .selectFrom('fusionProjectParty as j')
              .innerJoin('partyOrg as jo', (jn) =>
                jn.onRef('jo.unitId', '=', 'j.unitId').onRef('jo.id', '=', 'j.partyOrgId'),
              )
              .select('j.projectId')
              .whereRef('j.unitId', '=', 'p.unitId')
              .whereRef('j.projectId', '=', 'p.id')
              .where('jo.path', 'like', `${row.orgPath}%`),
          ),
        ]),
      )
      .executeTakeFirst();
    if (!counts) issues.push({ field: 'body.refId', message: '请选择本支部牵头或联建、已验收的融合项目' });
  } else if (!(await ownFile(ctx, id, refId, false))) {
    issues.push({ field: 'body.refId', message: '请先把文件上传到本品牌，再作为佐证' });
  }
  if (issues.length > 0)
    throw invalid('fusion.evidence_invalid', issues[0]?.message ?? '请按提示修改', issues);
  await ctx.db
    .insertInto('brandEvidence')
    .values({
      unitId: row.unitId,
      brandId: id,
      element: body.element,
      kind: body.kind,
      refId,
      note: body.note ?? null,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .execute();
  await recordAudit(ctx, {
    action: 'fusion.brand_evidence',
    entityType: 'brand',
    entityId: id,
    details: { element: body.element, kind: body.kind, refId },
  });
  return getBrand(ctx, id);
}

export async function removeEvidence(ctx: Ctx, id: string, evidenceId: string): Promise<Brand> {
  const row = await keptBrand(ctx, id);
  const gone = await ctx.db
    .deleteFrom('brandEvidence')
    .where('unitId', '=', row.unitId)
    .where('brandId', '=', id)
    .where('id', '=', evidenceId)
    .executeTakeFirst();
  if (!Number(gone.numDeletedRows)) throw notFound('fusion.evidence_not_found', '该佐证不存在');
  await recordAudit(ctx, {
    action: 'fusion.brand_evidence_remove',
    entityType: 'brand',
    entityId: id,
    details: { evidenceId },
  });
  return getBrand(ctx, id);
}
