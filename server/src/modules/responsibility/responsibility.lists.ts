// Responsibility lists: the organisation's list at each level (党组 主体责任, 机关党委 直接责任, 支部 落实责任) and a
// person's own list (三级书记, a leader's 一岗双责 list — Party and business duties on one list). A list may adopt the
// work committee's template and later see what a newer version changed.

import { sql } from 'kysely';
import type { z } from 'zod';
import type { AdoptTemplateBodySchema, PatchListBodySchema } from '#contracts/responsibility';
import {
  type CreateListBody,
  LEVEL_HOLDERS,
  LEVEL_LABELS,
  type Level,
  type ListDetail,
  type ResponsibilityList,
  type TemplateItem,
} from '#contracts/responsibility';
import type { Ctx } from '../../core/context.ts';
import { todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { findPartyOrgById } from '../org/index.ts';
import { LIST_NOT_FOUND, type ListRow, listInScope, requireActor } from './responsibility.access.ts';
import { itemRowsOfLists } from './responsibility.items.repository.ts';
import { ensurePeriods } from './responsibility.periods.repository.ts';
import { latestTemplate, templateById, templateChanges } from './responsibility.templates.ts';
import { itemViews } from './responsibility.view.ts';

/** Which organisations keep a list of each level. */
const LEVEL_ORG_KINDS: Record<Level, readonly string[]> = {
  principal: ['organ_committee'],
  direct: ['organ_committee', 'sub_committee', 'general_branch'],
  implementing: ['branch', 'general_branch'],
};

export async function listLists(
  ctx: Ctx,
  q: { year: number; partyOrgId?: string | undefined; level?: Level | undefined },
): Promise<ResponsibilityList[]> {
  let query = ctx.db
    .selectFrom('responsibilityList as l')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.partyOrgId'),
    )
    .selectAll('l')
    .select(['o.path as orgPath', 'o.name as orgName'])
    .where('l.year', '=', q.year)
    .where(scopeSql(ctx.actor, 'responsibility.read', 'o.path'))
    .orderBy('o.path')
    .orderBy('l.level')
    .orderBy('l.createdAt');
  if (q.partyOrgId) query = query.where('l.partyOrgId', '=', q.partyOrgId);
  if (q.level) query = query.where('l.level', '=', q.level);
  return listViews(ctx, await query.execute());
}

type ListCounts = ResponsibilityList['counts'];

/** Each list's counts in one grouped query per chunk of lists: a work committee reads thousands of lists. */
async function countsOfLists(ctx: Ctx, ids: readonly string[]): Promise<Map<string, ListCounts>> {
  const today = todayOf(ctx);
  const out = new Map<string, ListCounts>();
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = await ctx.db
      .selectFrom('responsibilityItem as i')
      .select([
        'i.listId',
        sql<number>`count(*)`.as('items'),
        sql<number>`count(*) filter (where i.domain = 'party')`.as('party'),
        sql<number>`count(*) filter (where i.domain = 'business')`.as('business'),
        sql<number>`count(*) filter (where i.domain = 'fusion')`.as('fusion'),
        sql<number>`count(*) filter (where exists (
          select 1 from responsibility_period p
          where p.unit_id = i.unit_id and p.item_id = i.id and p.status = 'open' and p.due_on < ${today}))`.as(
          'overdue',
        ),
      ])
      .where('i.listId', 'in', ids.slice(i, i + 2000))
      .where('i.status', '=', 'active')
      .groupBy('i.listId')
      .execute();
    for (const r of rows)
      out.set(r.listId, {
        items: Number(r.items),
        party: Number(r.party),
        business: Number(r.business),
        fusion: Number(r.fusion),
        overdue: Number(r.overdue),
      });
  }
  return out;
}

async function listViews(ctx: Ctx, rows: ListRow[]): Promise<ResponsibilityList[]> {
  const [holders, latest, counts] = await Promise.all([
    memberRefs(
      ctx.db,
      rows.flatMap((r) => (r.holderMemberId ? [r.holderMemberId] : [])),
    ),
    latestTemplate(ctx),
    countsOfLists(
      ctx,
      rows.map((r) => r.id),
    ),
  ]);
  const versions = new Map<string, number>();
  for (const r of rows)
    if (r.templateId && !versions.has(r.templateId)) {
      const t = await templateById(ctx, r.templateId);
      if (t) versions.set(r.templateId, t.version);
    }
  return rows.map((r) => {
    const templateVersion = r.templateId ? (versions.get(r.templateId) ?? null) : null;
    return {
      id: r.id,
      year: r.year,
      level: r.level as Level,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.orgName,
      holderMemberId: r.holderMemberId,
      holderMemberName: r.holderMemberId ? (holders.get(r.holderMemberId)?.name ?? null) : null,
      title: r.title,
      templateId: r.templateId,
      templateVersion,
      templateUpdate:
        latest && templateVersion !== null && latest.version > templateVersion
          ? { id: latest.id, version: latest.version }
          : null,
      status: r.status as 'draft' | 'published',
      version: r.version,
      counts: counts.get(r.id) ?? { items: 0, party: 0, business: 0, fusion: 0, overdue: 0 },
    };
  });
}

export async function getList(ctx: Ctx, id: string): Promise<ListDetail> {
  const list = await listInScope(ctx, id, 'responsibility.read');
  const [view] = await listViews(ctx, [list]);
  const rows = await itemRowsOfLists(ctx, [id]);
  return { ...(view as ResponsibilityList), items: await itemViews(ctx, rows) };
}

function defaultTitle(year: number, level: Level, orgName: string, holderName: string | null): string {
  if (holderName) return `${year}年度${holderName}同志“一岗双责”责任清单`;
  return `${year}年度${orgName}${LEVEL_HOLDERS[level].zh === '党组' ? '党组' : ''}${LEVEL_LABELS[level].zh}清单`;
}

export async function createList(ctx: Ctx, body: CreateListBody): Promise<ListDetail> {
  requireActor(ctx);
  const org = await findPartyOrgById(ctx.db, body.partyOrgId);
  if (!org || !isInScope(ctx.actor, 'responsibility.manage', org.path))
    throw notFound('responsibility.org_not_found', '党组织不存在或不在您的管辖范围内');
  if (org.status !== 'active')
    throw invalid('responsibility.org_closed', '该党组织已撤销', [
      { field: 'body.partyOrgId', message: '该党组织已撤销，不能再建立责任清单' },
    ]);
  if (!LEVEL_ORG_KINDS[body.level].includes(org.kind))
    throw invalid('responsibility.level_mismatch', '责任层级与党组织类别不符', [
      {
        field: 'body.level',
        message: `${LEVEL_LABELS[body.level].zh}清单应建在${body.level === 'implementing' ? '党支部' : body.level === 'principal' ? '机关党委（代党组）' : '机关党委、二级机关党委或党总支'}上`,
      },
    ]);
  let holderName: string | null = null;
  if (body.holderMemberId) {
    const holder = (await memberRefs(ctx.db, [body.holderMemberId])).get(body.holderMemberId);
    if (!holder || holder.unitId !== org.unitId || holder.status !== 'active')
      throw invalid('responsibility.holder_invalid', '清单责任人无效', [
        { field: 'body.holderMemberId', message: '责任人须为本单位在册党员，请重新选择' },
      ]);
    holderName = holder.name;
  }
  const template = body.templateId ? await templateById(ctx, body.templateId) : null;
  if (body.templateId && !template)
    throw invalid('responsibility.template_not_found', '模板不存在', [
      { field: 'body.templateId', message: '所选模板不存在，请刷新后重新选择' },
    ]);
  const inserted = await ctx.db
    .insertInto('responsibilityList')
    .values({
      unitId: org.unitId,
      year: body.year,
      level: body.level,
      partyOrgId: org.id,
      holderMemberId: body.holderMemberId ?? null,
      title: body.title ?? defaultTitle(body.year, body.level, org.name, holderName),
      templateId: template?.id ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw conflict('responsibility.list_exists', '该党组织本年度的此类责任清单已存在，请直接打开编辑');
  if (template) {
    const items = template.items.filter((i) => i.level === body.level);
    await insertTemplateItems(
      ctx,
      {
        unitId: org.unitId,
        id: inserted.id,
        year: body.year,
        partyOrgId: org.id,
        holderMemberId: body.holderMemberId ?? null,
      },
      items,
      1,
    );
  }
  await recordAudit(ctx, {
    action: 'responsibility.list_create',
    entityType: 'responsibility_list',
    entityId: inserted.id,
    after: {
      year: body.year,
      level: body.level,
      partyOrgId: org.id,
      templateVersion: template?.version ?? null,
    },
  });
  return getList(ctx, inserted.id);
}

async function insertTemplateItems(
  ctx: Ctx,
  list: { unitId: string; id: string; year: number; partyOrgId: string; holderMemberId: string | null },
  items: readonly TemplateItem[],
  firstSeq: number,
): Promise<void> {
  if (items.length === 0) return;
  const inserted = await ctx.db
    .insertInto('responsibilityItem')
    .values(
      items.map((t, i) => ({
        unitId: list.unitId,
        listId: list.id,
        templateKey: t.key,
        seq: firstSeq + i,
        domain: t.domain,
        category: t.category,
        title: t.title,
        detail: t.detail ?? null,
        ownerOrgId: list.partyOrgId,
        ownerMemberId: list.holderMemberId,
        recurrence: t.recurrence,
        recordKind: t.recurrence === 'none' ? null : (t.recordKind ?? null),
        deadline: t.recurrence === 'none' ? `${list.year}-12-31` : null,
        effectiveFrom: `${list.year}-01-01`,
      })),
    )
    .returning('id')
    .execute();
  await ensurePeriods(ctx, { itemIds: inserted.map((r) => r.id) });
}

export async function patchList(
  ctx: Ctx,
  id: string,
  body: z.output<typeof PatchListBodySchema>,
): Promise<ListDetail> {
  const list = await listInScope(ctx, id, 'responsibility.manage');
  const { version, ...patch } = body;
  if (list.version !== version) throw staleVersion(await getList(ctx, id));
  const updated = await ctx.db
    .updateTable('responsibilityList')
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where('unitId', '=', list.unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw staleVersion(await getList(ctx, id));
  await recordAudit(ctx, {
    action: 'responsibility.list_update',
    entityType: 'responsibility_list',
    entityId: id,
    before: { title: list.title, status: list.status },
    after: patch,
  });
  return getList(ctx, id);
}

/** What a newer template version changed, for the items of this list's level. */
export async function listTemplateChanges(ctx: Ctx, id: string) {
  const list = await listInScope(ctx, id, 'responsibility.read');
  const latest = await latestTemplate(ctx);
  if (!latest) throw notFound('responsibility.template_not_found', '工委尚未发布责任清单模板');
  const adopted = list.templateId ? await templateById(ctx, list.templateId) : null;
  const level = (i: TemplateItem) => i.level === list.level;
  return {
    from: adopted?.version ?? null,
    to: latest.version,
    changes: templateChanges((adopted?.items ?? []).filter(level), latest.items.filter(level)),
  };
}

/**
 * Moves the list to the newest template version: the chosen added items are brought in, the chosen changed items
 * take the template's wording (owners, deadlines and progress stay), items removed from the template stay as the
 * organ's own until it closes them.
 */
export async function adoptTemplate(
  ctx: Ctx,
  id: string,
  body: z.output<typeof AdoptTemplateBodySchema>,
): Promise<ListDetail> {
  const list = await listInScope(ctx, id, 'responsibility.manage');
  if (list.version !== body.version) throw staleVersion(await getList(ctx, id));
  const template = await templateById(ctx, body.templateId);
  if (!template) throw notFound('responsibility.template_not_found', '模板不存在');
  // The list moves to the new version first, guarded by its version: of two adoptions at once, the second stops here
  // instead of adding the same duties again.
  const moved = await ctx.db
    .updateTable('responsibilityList')
    .set({ templateId: template.id, version: list.version + 1, updatedAt: new Date() })
    .where('unitId', '=', list.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (!Number(moved.numUpdatedRows)) throw staleVersion(await getList(ctx, id));
  const chosen = new Set(body.keys);
  const existing = await ctx.db
    .selectFrom('responsibilityItem')
    .select(['id', 'templateKey', 'seq'])
    .where('unitId', '=', list.unitId)
    .where('listId', '=', id)
    .execute();
  const byKey = new Map(existing.filter((e) => e.templateKey).map((e) => [e.templateKey as string, e]));
  const items = template.items.filter((i) => i.level === list.level && chosen.has(i.key));
  const added = items.filter((i) => !byKey.has(i.key));
  for (const item of items.filter((i) => byKey.has(i.key))) {
    await ctx.db
      .updateTable('responsibilityItem')
      .set({
        title: item.title,
        detail: item.detail ?? null,
        category: item.category,
        domain: item.domain,
        updatedAt: new Date(),
      })
      .where('unitId', '=', list.unitId)
      .where('id', '=', (byKey.get(item.key) as { id: string }).id)
      .execute();
  }
  const maxSeq = existing.reduce((m, e) => Math.max(m, e.seq), 0);
  await insertTemplateItems(ctx, list, added, maxSeq + 1);

  await recordAudit(ctx, {
    action: 'responsibility.template_adopt',
    entityType: 'responsibility_list',
    entityId: id,
    after: { version: template.version, keys: [...chosen] },
  });
  return getList(ctx, id);
}

export { LIST_NOT_FOUND };
