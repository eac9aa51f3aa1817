// Typical cases (典型案例, issue 11 point 6): written by a branch from one of its projects or its brand — drafted from
// the source so nothing is typed twice (the need's problem, the project's goal and milestones, its outcome and KPI
// results) — submitted, published to the organ's showcase by the organ committee (or returned with a note), and
// selected by the work committee for the showcase of all its organs.
import type { FieldIssue } from '#contracts/errors';
import type { CreateCaseBody, PatchCaseBody, ShowcaseCase } from '#contracts/fusion-brand';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { attachmentsOf } from '../attachment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission, isInScope } from '../identity/index.ts';
import { managedOrgan, managesOrgan, orgInScope, reachesOrgan } from './fusion.access.ts';
import { kpiMet } from './fusion.projects-read.ts';

export const CASE_OWNER = 'fusion.case';
const CASE_NOT_FOUND = '该案例不存在或不在您的管辖范围内';

function selectCases(ctx: Ctx) {
  return ctx.db
    .selectFrom('showcaseCase as c')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'c.unitId').onRef('o.id', '=', 'c.partyOrgId'),
    )
    .innerJoin('unit as u', 'u.id', 'c.unitId')
    .leftJoin('fusionProject as p', (j) =>
      j.onRef('p.unitId', '=', 'c.unitId').onRef('p.id', '=', 'c.projectId'),
    )
    .leftJoin('brand as b', (j) => j.onRef('b.unitId', '=', 'c.unitId').onRef('b.id', '=', 'c.brandId'))
    .selectAll('c')
    .select([
      'o.name as partyOrgName',
      'o.path as orgPath',
      'u.name as unitName',
      'p.title as projectTitle',
      'b.name as brandName',
    ]);
}
type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirst']>>>;

async function views(ctx: Ctx, rows: readonly CaseRow[]): Promise<ShowcaseCase[]> {
  const photos = new Map<string, string[]>();
  for (const r of rows) photos.set(r.id, []);
  if (rows.length > 0) {
    const files = await attachmentsOf(
      ctx,
      CASE_OWNER,
      rows.map((r) => r.id),
    );
    for (const [id, list] of files)
      photos.set(
        id,
        list.filter((f) => f.hasThumbnail).map((f) => f.id),
      );
  }
  const manages = new Map<string, boolean>();
  for (const u of new Set(rows.map((r) => r.unitId))) manages.set(u, await managesOrgan(ctx, u));
  const selects = hasPermission(ctx.actor, 'fusion.select');
  return rows.map((r) => {
    const keeps = isInScope(ctx.actor, 'fusion.project', r.orgPath);
    const editable = r.status === 'draft' || r.status === 'returned';
    return {
      id: r.id,
      unitId: r.unitId,
      unitName: r.unitName,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.partyOrgName,
      projectId: r.projectId,
      projectTitle: r.projectTitle,
      brandId: r.brandId,
      brandName: r.brandName,
      title: r.title,
      problem: r.problem,
      actions: r.actions,
      result: r.result,
      status: r.status as ShowcaseCase['status'],
      returnNote: r.returnNote,
      publishedOn: r.publishedOn,
      committeeSelected: r.committeeSelected,
      selectedOn: r.selectedOn,
      photoIds: photos.get(r.id) ?? [],
      can: {
        edit: keeps && editable,
        submit: keeps && editable,
        publish: r.status === 'submitted' && (manages.get(r.unitId) ?? false),
        select: r.status === 'published' && selects,
      },
      version: r.version,
    };
  });
}

/** Readable: any case of an organ the caller reads; a case the work committee selected, by any fusion reader. */
export async function readableCase(ctx: Ctx, id: string): Promise<CaseRow> {
  const row = await selectCases(ctx).where('c.id', '=', id).executeTakeFirst();
  const open = row?.committeeSelected && hasPermission(ctx.actor, 'fusion.read');
  if (!row || !(open || (await reachesOrgan(ctx, row.unitId, 'fusion.read'))))
    throw notFound('fusion.case_not_found', CASE_NOT_FOUND);
  return row;
}

async function keptCase(ctx: Ctx, id: string): Promise<CaseRow> {
  const row = await selectCases(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'fusion.project', row.orgPath))
    throw notFound('fusion.case_not_found', CASE_NOT_FOUND);
  return row;
}

export async function getCase(ctx: Ctx, id: string): Promise<ShowcaseCase> {
  return (await views(ctx, [await readableCase(ctx, id)]))[0] as ShowcaseCase;
}

export async function listCases(ctx: Ctx, q: { unitId: string; status?: string | undefined }) {
  if (!(await reachesOrgan(ctx, q.unitId, 'fusion.read')))
    throw notFound('fusion.unit_not_found', '该单位不存在或不在您的管辖范围内');
  let query = selectCases(ctx).where('c.unitId', '=', q.unitId);
  if (q.status) query = query.where('c.status', '=', q.status);
  return views(ctx, await query.orderBy('c.updatedAt', 'desc').orderBy('c.id').execute());
}

/** The showcase: the organ's published cases and the cases the work committee selected from every organ. */
export async function showcase(ctx: Ctx, unitId: string): Promise<ShowcaseCase[]> {
  if (!(await reachesOrgan(ctx, unitId, 'fusion.read')))
    throw notFound('fusion.unit_not_found', '该单位不存在或不在您的管辖范围内');
  const rows = await selectCases(ctx)
    .where('c.status', '=', 'published')
    .where((eb) => eb.or([eb('c.unitId', '=', unitId), eb('c.committeeSelected', '=', true)]))
    .orderBy('c.committeeSelected', 'desc')
    .orderBy('c.publishedOn', 'desc')
    .orderBy('c.id')
    .limit(200)
    .execute();
  return views(ctx, rows);
}

const num = (n: number) => String(Number(n.toFixed(2)));

/** The draft of a case from its source, for the fields the author left out. */
async function drafted(
  ctx: Ctx,
  unitId: string,
  orgPath: string,
  body: CreateCaseBody,
  issues: FieldIssue[],
) {
  const out = { title: '', problem: '', actions: '', result: '' };
  if (body.projectId) {
    const p = await ctx.db
      .selectFrom('fusionProject as p')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'p.unitId').onRef('o.id', '=', 'p.leadOrgId'),
      )
      .leftJoin('fusionNeed as n', (j) => j.onRef('n.unitId', '=', 'p.unitId').onRef('n.id', '=', 'p.needId'))
      .select(['p.id', 'p.title', 'p.goal', 'p.outcome', 'p.stage', 'o.path', 'n.problem'])
      .where('p.unitId', '=', unitId)
      .where('p.id', '=', body.projectId)
      .executeTakeFirst();
    if (!p?.path.startsWith(orgPath) || p.stage !== 'accepted')
      issues.push({ field: 'body.projectId', message: '请选择本支部牵头、已验收的融合项目' });
    else {
      const [milestones, kpis] = await Promise.all([
        ctx.db
          .selectFrom('fusionMilestone')
          .select('title')
          .where('unitId', '=', unitId)
          .where('projectId', '=', p.id)
          .orderBy('dueOn')
          .execute(),
        ctx.db
          .selectFrom('fusionKpi')
          .selectAll()
          .where('unitId', '=', unitId)
          .where('projectId', '=', p.id)
          .orderBy('createdAt')
          .execute(),
      ]);
      out.title = p.title;
      out.problem = p.problem ?? p.goal ?? p.title;
      out.actions = [p.goal, ...milestones.map((m, i) => `${i + 1}. ${m.title}`)].filter(Boolean).join('\n');
      out.result = [
        p.outcome,
        ...kpis.map(
          (k) =>
            `${k.name}：由 ${num(k.baseline)} 到 ${k.result === null ? '—' : num(k.result)}${k.measureUnit ?? ''}（目标 ${num(k.target)}${k.measureUnit ?? ''}，${kpiMet(k) ? '达标' : '未达标'}）`,
        ),
      ]
        .filter(Boolean)
        .join('\n');
    }
  }
  if (body.brandId) {
    const b = await ctx.db
      .selectFrom('brand as b')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'b.unitId').onRef('o.id', '=', 'b.partyOrgId'),
      )
      .select(['b.name', 'b.concept', 'b.creationMeasures', 'b.effect', 'o.path'])
      .where('b.unitId', '=', unitId)
      .where('b.id', '=', body.brandId)
      .executeTakeFirst();
    if (!b?.path.startsWith(orgPath)) issues.push({ field: 'body.brandId', message: '请选择本支部的品牌' });
    else {
      out.title ||= `“${b.name}”品牌创建`;
      out.problem ||= b.concept ?? b.name;
      out.actions ||= b.creationMeasures ?? '';
      out.result ||= b.effect ?? '';
    }
  }
  if (!body.projectId && !body.brandId)
    issues.push({ field: 'body.projectId', message: '典型案例须从一个已验收的融合项目或本支部品牌写起' });
  return {
    title: body.title ?? out.title,
    problem: body.problem ?? out.problem,
    actions: body.actions ?? out.actions,
    result: body.result ?? out.result,
  };
}

export async function createCase(ctx: Ctx, body: CreateCaseBody): Promise<ShowcaseCase> {
  const org = await orgInScope(ctx, body.partyOrgId, 'fusion.project');
  const issues: FieldIssue[] = [];
  const text = await drafted(ctx, org.unitId, org.path, body, issues);
  for (const [field, label] of [
    ['problem', '面临的问题'],
    ['actions', '主要做法'],
    ['result', '取得的成效'],
  ] as const)
    if (
      !text[field] &&
      !issues.some((i) => i.field.startsWith('body.projectId') || i.field.startsWith('body.brandId'))
    )
      issues.push({ field: `body.${field}`, message: `请写明${label}` });
  if (issues.length > 0) throw invalid('fusion.case_invalid', issues[0]?.message ?? '请按提示修改', issues);
  const row = await ctx.db
    .insertInto('showcaseCase')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      projectId: body.projectId ?? null,
      brandId: body.brandId ?? null,
      title: text.title.slice(0, 100),
      problem: text.problem,
      actions: text.actions,
      result: text.result,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.case_create',
    entityType: 'showcase_case',
    entityId: row.id,
    after: { title: text.title },
  });
  return getCase(ctx, row.id);
}

async function move(ctx: Ctx, row: CaseRow, version: number, set: Record<string, unknown>, action: string) {
  if (row.version !== version) throw staleVersion((await views(ctx, [row]))[0]);
  const done = await ctx.db
    .updateTable('showcaseCase')
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where('unitId', '=', row.unitId)
    .where('id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await getCase(ctx, row.id));
  await recordAudit(ctx, {
    action,
    entityType: 'showcase_case',
    entityId: row.id,
    before: { status: row.status },
    after: set,
  });
  return getCase(ctx, row.id);
}

const editable = (row: CaseRow) => {
  if (row.status !== 'draft' && row.status !== 'returned')
    throw conflict(
      'fusion.case_locked',
      row.status === 'published' ? '案例已发布，不能再修改' : '案例正在审核，审核退回后可修改',
    );
};

export async function patchCase(ctx: Ctx, id: string, body: PatchCaseBody): Promise<ShowcaseCase> {
  const row = await keptCase(ctx, id);
  editable(row);
  const { version, ...fields } = body;
  return move(ctx, row, version, fields, 'fusion.case_update');
}

export async function submitCase(ctx: Ctx, id: string, version: number): Promise<ShowcaseCase> {
  const row = await keptCase(ctx, id);
  editable(row);
  return move(ctx, row, version, { status: 'submitted', returnNote: null }, 'fusion.case_submit');
}

async function reviewable(ctx: Ctx, id: string): Promise<CaseRow> {
  const row = await readableCase(ctx, id);
  await managedOrgan(ctx, row.unitId);
  if (row.status !== 'submitted') throw conflict('fusion.case_not_submitted', '案例尚未提交审核');
  return row;
}

export async function publishCase(ctx: Ctx, id: string, version: number): Promise<ShowcaseCase> {
  const row = await reviewable(ctx, id);
  return move(ctx, row, version, { status: 'published', publishedOn: todayOf(ctx) }, 'fusion.case_publish');
}

export async function returnCase(ctx: Ctx, id: string, version: number, note: string): Promise<ShowcaseCase> {
  const row = await reviewable(ctx, id);
  return move(ctx, row, version, { status: 'returned', returnNote: note }, 'fusion.case_return');
}

/** The work committee selects a published case for the showcase of all its organs (or takes it back). */
export async function selectCase(
  ctx: Ctx,
  id: string,
  version: number,
  selected: boolean,
): Promise<ShowcaseCase> {
  const row = await readableCase(ctx, id);
  if (!(await reachesOrgan(ctx, row.unitId, 'fusion.select')))
    throw notFound('fusion.case_not_found', CASE_NOT_FOUND);
  if (row.status !== 'published') throw conflict('fusion.case_not_published', '只能推选已发布的案例');
  return move(
    ctx,
    row,
    version,
    { committeeSelected: selected, selectedOn: selected ? todayOf(ctx) : null },
    selected ? 'fusion.case_select' : 'fusion.case_unselect',
  );
}
