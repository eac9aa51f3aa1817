// The work committee's standard list template (versioned) and its annual work points. Both are reference data: one
// work committee per deployment publishes them, every organ below it reads them.

import type { z } from 'zod';
import type {
  PublishTemplateBody,
  Template,
  TemplateItem,
  WorkPoint,
  WorkPointBodySchema,
  WorkPointPatchSchema,
} from '#contracts/responsibility';
import type { Ctx } from '../../core/context.ts';
import { conflict, forbidden, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { findWorkCommitteeUnitId } from '../org/index.ts';
import { requireActor } from './responsibility.access.ts';
import { DEFAULT_TEMPLATE } from './responsibility.default-template.ts';

const COMPARED: (keyof TemplateItem)[] = [
  'level',
  'domain',
  'category',
  'title',
  'detail',
  'recurrence',
  'recordKind',
];

/** What changed from one version's items to the next, by key. */
export function templateChanges(
  before: readonly TemplateItem[],
  after: readonly TemplateItem[],
): Template['changes'] {
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Map(after.map((i) => [i.key, i]));
  const changes: Template['changes'] = [];
  for (const item of after) {
    const prev = old.get(item.key);
    if (!prev) changes.push({ key: item.key, change: 'added', title: item.title, fields: [] });
    else {
      const fields = COMPARED.filter((f) => (prev[f] ?? null) !== (item[f] ?? null));
      if (fields.length) changes.push({ key: item.key, change: 'changed', title: item.title, fields });
    }
  }
  for (const item of before)
    if (!now.has(item.key)) changes.push({ key: item.key, change: 'removed', title: item.title, fields: [] });
  return changes;
}

/**
 * The work committee's unit, for writing its template and work points — only by someone who holds the permission on
 * the work committee itself (a work committee officer's role placed lower down publishes nothing deployment-wide).
 */
async function wcUnit(ctx: Ctx): Promise<string> {
  const id = await findWorkCommitteeUnitId(ctx.db);
  if (!id) throw conflict('responsibility.no_work_committee', '尚未建立机关工委，无法发布模板或工作要点');
  const roots = await ctx.db
    .selectFrom('partyOrg')
    .select('path')
    .where('unitId', '=', id)
    .where('kind', '=', 'work_committee')
    .where('status', '=', 'active')
    .execute();
  if (!roots.some((r) => isInScope(ctx.actor, 'responsibility.template', r.path)))
    throw forbidden(
      'responsibility.not_work_committee',
      '责任清单模板和工作要点由机关工委发布，请联系工委工作人员',
    );
  return id;
}

type TemplateRow = {
  id: string;
  version: number;
  title: string;
  changeNote: string | null;
  items: unknown;
  publishedByName: string;
  publishedAt: Date;
};

function templateOf(row: TemplateRow, previous: TemplateRow | undefined): Template {
  const items = row.items as TemplateItem[];
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    changeNote: row.changeNote,
    items,
    publishedByName: row.publishedByName,
    publishedAt: row.publishedAt.toISOString(),
    changes: previous ? templateChanges(previous.items as TemplateItem[], items) : [],
  };
}

async function templateRows(ctx: Ctx): Promise<TemplateRow[]> {
  const unitId = await findWorkCommitteeUnitId(ctx.db);
  if (!unitId) return [];
  const read = () =>
    ctx.db
      .selectFrom('responsibilityTemplate')
      .select(['id', 'version', 'title', 'changeNote', 'items', 'publishedByName', 'publishedAt'])
      .where('workCommitteeUnitId', '=', unitId)
      .orderBy('version', 'desc')
      .execute();
  const rows = await read();
  if (rows.length > 0) return rows;
  // A work committee imported after the server started has no template yet: the standard one is published the
  // first time anyone looks (once: the version key makes a second insert do nothing).
  await ensureDefaultTemplate(ctx);
  return read();
}

export async function listTemplates(ctx: Ctx) {
  const rows = await templateRows(ctx);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    changeNote: r.changeNote,
    publishedByName: r.publishedByName,
    publishedAt: r.publishedAt.toISOString(),
    itemCount: (r.items as unknown[]).length,
  }));
}

export async function getTemplate(ctx: Ctx, id: string): Promise<Template> {
  const rows = await templateRows(ctx);
  const index = rows.findIndex((r) => r.id === id);
  const row = rows[index];
  if (!row) throw notFound('responsibility.template_not_found', '模板不存在');
  return templateOf(row, rows[index + 1]);
}

/** The newest version, or null before any is published. */
export async function latestTemplate(ctx: Ctx): Promise<Template | null> {
  const [latest, previous] = await templateRows(ctx);
  return latest ? templateOf(latest, previous) : null;
}

export async function templateById(ctx: Ctx, id: string): Promise<Template | null> {
  try {
    return await getTemplate(ctx, id);
  } catch {
    return null;
  }
}

export async function publishTemplate(ctx: Ctx, body: PublishTemplateBody): Promise<Template> {
  const actor = requireActor(ctx).actor;
  const unitId = await wcUnit(ctx);
  const keys = new Set<string>();
  for (const item of body.items) {
    if (keys.has(item.key))
      throw conflict(
        'responsibility.template_duplicate_key',
        `条目编号 ${item.key} 重复，每条职责的编号须唯一`,
      );
    keys.add(item.key);
  }
  const latest = await ctx.db
    .selectFrom('responsibilityTemplate')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('workCommitteeUnitId', '=', unitId)
    .executeTakeFirst();
  const version = (latest?.version ?? 0) + 1;
  const inserted = await ctx.db
    .insertInto('responsibilityTemplate')
    .values({
      workCommitteeUnitId: unitId,
      version,
      title: body.title,
      changeNote: body.changeNote ?? null,
      items: JSON.stringify(body.items),
      publishedByName: actor.displayName,
    })
    .onConflict((oc) => oc.columns(['workCommitteeUnitId', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw conflict('responsibility.template_raced', '另一版本刚刚发布，请刷新后再发布');
  await recordAudit(ctx, {
    action: 'responsibility.template_publish',
    entityType: 'responsibility_template',
    entityId: inserted.id,
    after: { version, title: body.title, items: body.items.length },
  });
  return getTemplate(ctx, inserted.id);
}

/** Publishes the built-in standard template as version 1 when the work committee has none (at start and in the demo). */
export async function ensureDefaultTemplate(ctx: Ctx): Promise<void> {
  const unitId = await findWorkCommitteeUnitId(ctx.db);
  if (!unitId) return;
  await ctx.db
    .insertInto('responsibilityTemplate')
    .values({
      workCommitteeUnitId: unitId,
      version: 1,
      title: DEFAULT_TEMPLATE.title,
      changeNote: DEFAULT_TEMPLATE.changeNote,
      items: JSON.stringify(DEFAULT_TEMPLATE.items),
      publishedByName: '系统内置',
    })
    .onConflict((oc) => oc.columns(['workCommitteeUnitId', 'version']).doNothing())
    .execute();
}

// Work points ------------------------------------------------------------------------------------------------------

const WP_COLUMNS = [
  'id',
  'year',
  'seq',
  'domain',
  'category',
  'title',
  'detail',
  'weight',
  'version',
] as const;
const wp = (r: { domain: string } & Omit<WorkPoint, 'domain'>): WorkPoint => ({
  ...r,
  domain: r.domain as WorkPoint['domain'],
});

export async function listWorkPoints(ctx: Ctx, year: number): Promise<WorkPoint[]> {
  const unitId = await findWorkCommitteeUnitId(ctx.db);
  if (!unitId) return [];
  const rows = await ctx.db
    .selectFrom('workPoint')
    .select(WP_COLUMNS)
    .where('workCommitteeUnitId', '=', unitId)
    .where('year', '=', year)
    .orderBy('seq')
    .execute();
  return rows.map(wp);
}

export async function createWorkPoint(
  ctx: Ctx,
  body: z.output<typeof WorkPointBodySchema>,
): Promise<WorkPoint> {
  requireActor(ctx);
  const unitId = await wcUnit(ctx);
  const last = await ctx.db
    .selectFrom('workPoint')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('workCommitteeUnitId', '=', unitId)
    .where('year', '=', body.year)
    .executeTakeFirst();
  const row = await ctx.db
    .insertInto('workPoint')
    .values({ workCommitteeUnitId: unitId, ...body, detail: body.detail ?? null, seq: (last?.seq ?? 0) + 1 })
    .returning(WP_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'responsibility.work_point_create',
    entityType: 'work_point',
    entityId: row.id,
    after: body,
  });
  return wp(row);
}

export async function updateWorkPoint(
  ctx: Ctx,
  id: string,
  body: z.output<typeof WorkPointPatchSchema>,
): Promise<WorkPoint> {
  requireActor(ctx);
  await wcUnit(ctx);
  const current = await ctx.db
    .selectFrom('workPoint')
    .select(WP_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('responsibility.work_point_not_found', '工作要点不存在');
  const { version, ...patch } = body;
  if (current.version !== version) throw staleVersion(wp(current));
  const row = await ctx.db
    .updateTable('workPoint')
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(WP_COLUMNS)
    .executeTakeFirst();
  if (!row) throw staleVersion(wp(current));
  await recordAudit(ctx, {
    action: 'responsibility.work_point_update',
    entityType: 'work_point',
    entityId: id,
    before: current,
    after: patch,
  });
  return wp(row);
}
