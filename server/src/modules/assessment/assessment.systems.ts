// Indicator systems (issue 12 point 1): drafted in the designer (the tree saved whole, checked live), published as a
// frozen edition, derived into a new edition — by the same owner, or by an organ adopting the work committee's
// system with its own variant (the committee's Party/business split stays fixed). An edition a cycle has used is
// locked for good; a draft is the only thing that ever changes.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreateSystemBodySchema,
  IndicatorBody,
  IndicatorSystem,
  SaveSystemBodySchema,
  SystemSummary,
} from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import {
  holdsAtTop,
  keptUnit,
  reachesUnit,
  readableUnit,
  requireActor,
  workCommitteeUnitId,
} from './assessment.access.ts';
import { DEFAULT_PARTY_WEIGHT, defaultTree } from './assessment.default-system.ts';
import { defaultMemberTree } from './assessment.member-default.ts';
import { sharesOf, systemIssues } from './assessment.system-check.ts';

export const SYSTEM_NOT_FOUND = '该指标体系不存在或不在您的管辖范围内';

type SystemRow = Awaited<ReturnType<typeof loadRow>>;

async function loadRow(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('indicatorSystem as s')
    .innerJoin('unit as u', 'u.id', 's.ownerUnitId')
    .selectAll('s')
    .select(['u.name as ownerUnitName', 'u.kind as ownerKind'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

const actorName = (ctx: Ctx) => ctx.actor?.displayName || ctx.actor?.username || '系统';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(r: NonNullable<SystemRow>): SystemSummary {
  return {
    id: r.id,
    familyId: r.familyId,
    ownerUnitId: r.ownerUnitId,
    ownerUnitName: r.ownerUnitName,
    fromWorkCommittee: r.ownerKind === 'work_committee',
    edition: r.edition,
    name: r.name,
    subject: r.subject as SystemSummary['subject'],
    status: r.status as SystemSummary['status'],
    normalise: r.normalise,
    partyWeight: r.partyWeight,
    locked: r.lockedAt !== null,
    publishedAt: iso(r.publishedAt),
    derivedFromId: r.derivedFromId,
    version: r.version,
  };
}

/** Whether the actor reads the system: its owner's readers, and for the committee's published ones, every reader. */
async function mayRead(ctx: Ctx, r: NonNullable<SystemRow>): Promise<boolean> {
  if (await reachesUnit(ctx, r.ownerUnitId, 'assessment.read')) return true;
  if (r.ownerKind !== 'work_committee' || r.status === 'draft') return false;
  return hasPermission(ctx.actor, 'assessment.read');
}

export async function readableSystem(ctx: Ctx, id: string): Promise<NonNullable<SystemRow>> {
  requireActor(ctx);
  const r = await loadRow(ctx, id);
  if (!r || !(await mayRead(ctx, r))) throw notFound('assessment.system_not_found', SYSTEM_NOT_FOUND);
  return r;
}

export const treeOf = (r: { tree: unknown }) => r.tree as IndicatorBody[];

export async function systemView(ctx: Ctx, r: NonNullable<SystemRow>): Promise<IndicatorSystem> {
  const tree = treeOf(r);
  const designs = await holdsAtTop(ctx, r.ownerUnitId, 'assessment.design');
  const issues = systemIssues(tree, {
    normalise: r.normalise,
    partyWeight: r.partyWeight,
    subject: r.subject as IndicatorSystem['subject'],
  });
  return {
    ...summary(r),
    tree,
    note: r.note,
    issues,
    shares: sharesOf(tree),
    can: {
      edit: designs && r.status === 'draft',
      publish: designs && r.status === 'draft' && issues.length === 0,
      derive: r.status !== 'draft',
    },
  };
}

export async function getSystem(ctx: Ctx, id: string): Promise<IndicatorSystem> {
  return systemView(ctx, await readableSystem(ctx, id));
}

/** The organ's own systems (every edition) and the work committee's published ones. */
export async function listSystems(ctx: Ctx, unitId: string): Promise<SystemSummary[]> {
  await readableUnit(ctx, unitId);
  const wc = await workCommitteeUnitId(ctx);
  const rows = await ctx.db
    .selectFrom('indicatorSystem as s')
    .innerJoin('unit as u', 'u.id', 's.ownerUnitId')
    .selectAll('s')
    .select(['u.name as ownerUnitName', 'u.kind as ownerKind'])
    .where((eb) =>
      eb.or([
        eb('s.ownerUnitId', '=', unitId),
        ...(wc && wc !== unitId
          ? [eb.and([eb('s.ownerUnitId', '=', wc), eb('s.status', '<>', 'draft')])]
          : []),
      ]),
    )
    .orderBy('u.kind', 'desc')
    .orderBy('s.name')
    .orderBy('s.edition', 'desc')
    .execute();
  return rows.map(summary);
}

/** The work committee's split binds every system derived from one of its systems (同权重). */
async function fixedSplit(ctx: Ctx, derivedFromId: string | null): Promise<number | null> {
  let id = derivedFromId;
  while (id) {
    const r = await loadRow(ctx, id);
    if (!r) return null;
    if (r.ownerKind === 'work_committee' && r.partyWeight !== null) return r.partyWeight;
    id = r.derivedFromId;
  }
  return null;
}

export async function createSystem(
  ctx: Ctx,
  body: z.output<typeof CreateSystemBodySchema>,
): Promise<IndicatorSystem> {
  await keptUnit(ctx, body.ownerUnitId, 'assessment.design');
  const tree = body.fromDefault ? (body.subject === 'member' ? defaultMemberTree() : defaultTree()) : [];
  const row = await ctx.db
    .insertInto('indicatorSystem')
    .values({
      ownerUnitId: body.ownerUnitId,
      familyId: randomUUID(),
      edition: 1,
      name: body.name,
      subject: body.subject,
      normalise: body.normalise,
      partyWeight: body.partyWeight ?? (body.fromDefault ? DEFAULT_PARTY_WEIGHT : null),
      tree: JSON.stringify(tree),
      createdByName: actorName(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'assessment.system_create',
    entityType: 'indicator_system',
    entityId: row.id,
    details: { name: body.name, ownerUnitId: body.ownerUnitId, fromDefault: body.fromDefault },
  });
  return getSystem(ctx, row.id);
}

async function draftOf(ctx: Ctx, id: string, version: number): Promise<NonNullable<SystemRow>> {
  const r = await readableSystem(ctx, id);
  await keptUnit(ctx, r.ownerUnitId, 'assessment.design');
  if (r.status !== 'draft' || r.lockedAt)
    throw conflict(
      'assessment.system_frozen',
      `“${r.name}”第 ${r.edition} 版已发布，不能再修改；请以它为基础生成新版本`,
    );
  if (r.version !== version) throw staleVersion(await systemView(ctx, r));
  return r;
}

export async function saveSystem(
  ctx: Ctx,
  id: string,
  body: z.output<typeof SaveSystemBodySchema>,
): Promise<IndicatorSystem> {
  const r = await draftOf(ctx, id, body.version);
  const fixed = await fixedSplit(ctx, r.derivedFromId);
  if (fixed !== null && body.partyWeight !== undefined && body.partyWeight !== fixed)
    throw invalid('assessment.split_fixed', '机关工委已确定党建与业务的权重，本单位不能改变', [
      { field: 'body.partyWeight', message: `党建与业务的权重由机关工委确定为 ${fixed} : ${100 - fixed}` },
    ]);
  const done = await ctx.db
    .updateTable('indicatorSystem')
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.normalise !== undefined ? { normalise: body.normalise } : {}),
      ...(body.partyWeight !== undefined ? { partyWeight: body.partyWeight } : {}),
      ...(body.tree !== undefined ? { tree: JSON.stringify(body.tree) } : {}),
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', body.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await getSystem(ctx, id));
  await recordAudit(ctx, {
    action: 'assessment.system_save',
    entityType: 'indicator_system',
    entityId: id,
    details: { version: r.version + 1, treeSaved: body.tree !== undefined },
  });
  return getSystem(ctx, id);
}

export async function publishSystem(ctx: Ctx, id: string, version: number): Promise<IndicatorSystem> {
  const r = await draftOf(ctx, id, version);
  const issues = systemIssues(treeOf(r), {
    normalise: r.normalise,
    partyWeight: r.partyWeight,
    subject: r.subject as IndicatorSystem['subject'],
  });
  if (issues.length)
    throw invalid(
      'assessment.system_invalid',
      `还有 ${issues.length} 处需要修改才能发布`,
      issues.map((i) => ({ field: i.key ? `tree.${i.key}` : 'tree', message: i.message })),
    );
  const now = new Date();
  // The family's earlier editions are retired: new cycles take the newest, the cycles that used them keep theirs.
  await ctx.db
    .updateTable('indicatorSystem')
    .set({ status: 'retired', updatedAt: now })
    .where('familyId', '=', r.familyId)
    .where('status', '=', 'published')
    .execute();
  await ctx.db
    .updateTable('indicatorSystem')
    .set({
      status: 'published',
      publishedAt: now,
      publishedByName: actorName(ctx),
      version: r.version + 1,
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, {
    action: 'assessment.system_publish',
    entityType: 'indicator_system',
    entityId: id,
    details: { name: r.name, edition: r.edition },
  });
  return getSystem(ctx, id);
}

/**
 * A new draft edition from a published one: the next edition of the same family for the same owner, or a new
 * family for an organ adopting the work committee's system (edition 1, its split fixed).
 */
export async function deriveSystem(ctx: Ctx, id: string, ownerUnitId?: string): Promise<IndicatorSystem> {
  const r = await readableSystem(ctx, id);
  const owner = ownerUnitId ?? r.ownerUnitId;
  await keptUnit(ctx, owner, 'assessment.design');
  if (r.status === 'draft')
    throw conflict('assessment.system_draft', '草稿可以直接修改；请先发布，再以发布的版本为基础生成新版本');
  const sameFamily = owner === r.ownerUnitId;
  if (!sameFamily && r.ownerKind !== 'work_committee')
    throw invalid('assessment.derive_owner', '只能以本单位或机关工委的指标体系为基础', [
      { field: 'body.ownerUnitId', message: '请选择本单位' },
    ]);
  if (sameFamily) {
    const draft = await ctx.db
      .selectFrom('indicatorSystem')
      .select(['id', 'edition'])
      .where('familyId', '=', r.familyId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (draft)
      throw conflict('assessment.draft_exists', `第 ${draft.edition} 版草稿已在修改中，请在草稿上继续`, {
        draftId: draft.id,
      });
  }
  const last = sameFamily
    ? await ctx.db
        .selectFrom('indicatorSystem')
        .select((eb) => eb.fn.max('edition').as('edition'))
        .where('familyId', '=', r.familyId)
        .executeTakeFirst()
    : null;
  const row = await ctx.db
    .insertInto('indicatorSystem')
    .values({
      ownerUnitId: owner,
      familyId: sameFamily ? r.familyId : randomUUID(),
      edition: sameFamily ? Number(last?.edition ?? r.edition) + 1 : 1,
      name: r.name,
      subject: r.subject,
      normalise: r.normalise,
      partyWeight: r.partyWeight,
      tree: JSON.stringify(r.tree),
      note: r.note,
      derivedFromId: r.id,
      createdByName: actorName(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'assessment.system_derive',
    entityType: 'indicator_system',
    entityId: row.id,
    details: { from: r.id, fromEdition: r.edition, ownerUnitId: owner },
  });
  return getSystem(ctx, row.id);
}

/** A cycle took this edition: it never changes again. */
export async function lockSystem(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .updateTable('indicatorSystem')
    .set({ lockedAt: new Date() })
    .where('id', '=', id)
    .where('lockedAt', 'is', null)
    .execute();
}

export type { SystemRow };
