// A work committee's rules, ladder and index formula (issue 13 points 1–3). The rules and the ladder are one row,
// edited with a version (a stale edit is a 409). The formula is versioned like an indicator system: a published
// edition never changes, so an index value always names the formula it was computed with; a change is a new
// edition drafted from the current one and published in its place. A deployment without a work committee keeps
// them per organ.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type IndexFormula,
  type IndexFormulaBody,
  IndexPartSchema,
  type LadderStep,
  LadderStepSchema,
  RULE_KINDS,
  type Rule,
  RuleSchema,
  type WarningConfig,
} from '#contracts/warning';
import type { Ctx } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { indicatorChoicesOf, measureOf } from '../assessment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import { findWorkCommitteeUnitId } from '../org/index.ts';
import { DEFAULT_LADDER } from './warning.escalation.ts';
import { DEFAULT_FORMULA_NAME, DEFAULT_PARTS } from './warning.index-formula.ts';
import { DEFAULT_RULES } from './warning.rules.ts';

const actorName = (ctx: Ctx) => ctx.actor?.displayName || ctx.actor?.username || '系统';

/** Whose rules an organ follows: its work committee's, or its own where there is none. */
export async function ownerUnitOf(ctx: Ctx, unitId: string): Promise<string> {
  return (await findWorkCommitteeUnitId(ctx.db)) ?? unitId;
}

/** The work committee, whose rules and formula the configuration routes edit (none: the defaults stand). */
async function configOwner(ctx: Ctx): Promise<string> {
  const wc = await findWorkCommitteeUnitId(ctx.db);
  if (!wc) throw conflict('warning.no_committee', '本系统未设置机关工委，预警规则和融合度公式按默认执行');
  return wc;
}

function requireConfigure(ctx: Ctx): void {
  if (!hasPermission(ctx.actor, 'warning.configure'))
    throw forbidden('warning.configure_forbidden', '只有工委工作人员可以设置预警规则和融合度公式');
}

/** Stored rules over the defaults, kind by kind (a kind added later starts from its default). */
function merged(stored: readonly Rule[]): Rule[] {
  return RULE_KINDS.map(
    (k) => stored.find((r) => r.kind === k) ?? (DEFAULT_RULES.find((r) => r.kind === k) as Rule),
  );
}

/** The rules and the ladder as the evaluation reads them. */
export type RulesAndLadder = Omit<WarningConfig, 'indicatorChoices'>;

/** The configuration as its page shows it: with the indicators a rule may name. */
export async function configView(ctx: Ctx): Promise<WarningConfig> {
  const wc = await findWorkCommitteeUnitId(ctx.db);
  const config = wc
    ? await configOf(ctx, wc)
    : { rules: merged([]), ladder: [...DEFAULT_LADDER], isDefault: true, version: 0 };
  return { ...config, indicatorChoices: wc ? await indicatorChoicesOf(ctx, wc) : [] };
}

export async function configOf(ctx: Ctx, ownerUnitId: string): Promise<RulesAndLadder> {
  const row = await ctx.db
    .selectFrom('warningConfig')
    .select(['rules', 'ladder', 'version'])
    .where('ownerUnitId', '=', ownerUnitId)
    .executeTakeFirst();
  if (!row) return { rules: merged([]), ladder: [...DEFAULT_LADDER], isDefault: true, version: 0 };
  return {
    rules: merged(z.array(RuleSchema).parse(row.rules)),
    ladder: z.array(LadderStepSchema).parse(row.ladder),
    isDefault: false,
    version: row.version,
  };
}

export async function putConfig(
  ctx: Ctx,
  body: { rules: Rule[]; ladder: LadderStep[]; version: number },
): Promise<WarningConfig> {
  requireConfigure(ctx);
  const owner = await configOwner(ctx);
  const before = await configOf(ctx, owner);
  if (before.version !== body.version) throw staleVersion(before);
  const choices = new Set((await indicatorChoicesOf(ctx, owner)).map((c) => c.key));
  body.rules.forEach((r, i) => {
    const unknown = (r.indicators ?? []).filter((k) => !choices.has(k));
    if (unknown.length > 0)
      throw invalid('warning.indicator_unknown', '所选重点指标不在指标体系中', [
        {
          field: `body.rules.${i}.indicators`,
          message: `指标「${unknown.join('、')}」不在工委发布的指标体系中，请从列表中选择`,
        },
      ]);
  });
  const rules = JSON.stringify(merged(body.rules));
  const ladder = JSON.stringify(body.ladder);
  const written =
    before.version === 0
      ? await ctx.db
          .insertInto('warningConfig')
          .values({ ownerUnitId: owner, rules, ladder, updatedByName: actorName(ctx) })
          .onConflict((oc) => oc.doNothing())
          .returning('version')
          .executeTakeFirst()
      : await ctx.db
          .updateTable('warningConfig')
          .set({
            rules,
            ladder,
            version: before.version + 1,
            updatedByName: actorName(ctx),
            updatedAt: new Date(),
          })
          .where('ownerUnitId', '=', owner)
          .where('version', '=', before.version)
          .returning('version')
          .executeTakeFirst();
  if (!written) throw staleVersion(await configOf(ctx, owner));
  const after = await configOf(ctx, owner);
  await recordAudit(ctx, {
    action: 'warning.config_update',
    entityType: 'warning_config',
    entityId: owner,
    before: { rules: before.rules, ladder: before.ladder },
    after: { rules: after.rules, ladder: after.ladder },
  });
  return { ...after, indicatorChoices: await indicatorChoicesOf(ctx, owner) };
}

// ——— The index formula ———

type FormulaRow = {
  id: string;
  familyId: string;
  edition: number;
  name: string;
  status: string;
  parts: unknown;
  note: string | null;
  ownerUnitId: string;
  publishedAt: Date | null;
  version: number;
};

const toFormula = (r: FormulaRow): IndexFormula => ({
  id: r.id,
  familyId: r.familyId,
  edition: r.edition,
  name: r.name,
  status: r.status as IndexFormula['status'],
  parts: z.array(IndexPartSchema).parse(r.parts),
  note: r.note,
  ownerUnitId: r.ownerUnitId,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  version: r.version,
});

const selectFormulas = (ctx: Ctx) =>
  ctx.db
    .selectFrom('fusionIndexFormula')
    .select([
      'id',
      'familyId',
      'edition',
      'name',
      'status',
      'parts',
      'note',
      'ownerUnitId',
      'publishedAt',
      'version',
    ]);

/** The measures a formula names must exist (a removed module's measure would silently drop a part). */
function checkParts(body: IndexFormulaBody): void {
  const issues = body.parts.flatMap((p, i) =>
    p.source.kind === 'measure' && !measureOf(p.source.measureKey)
      ? [{ field: `parts.${i}.source.measureKey`, message: `没有名为“${p.source.measureKey}”的计算指标` }]
      : p.source.kind === 'measure' && measureOf(p.source.measureKey)?.subject !== 'org'
        ? [{ field: `parts.${i}.source.measureKey`, message: '融合度只能使用组织的计算指标' }]
        : [],
  );
  if (issues.length > 0) throw invalid('warning.formula_invalid', '融合度公式有误，请按提示修改', issues);
}

/**
 * The published formula an owner's organs are measured with; the default is published on first use (by the system,
 * in the owner's name), so an index is never computed with a formula that is not kept.
 */
export async function currentFormula(ctx: Ctx, ownerUnitId: string): Promise<IndexFormula> {
  const find = () =>
    selectFormulas(ctx)
      .where('ownerUnitId', '=', ownerUnitId)
      .where('status', '=', 'published')
      .orderBy('edition', 'desc')
      .executeTakeFirst();
  const known = await find();
  if (known) return toFormula(known);
  const familyId = randomUUID();
  await ctx.db
    .insertInto('fusionIndexFormula')
    .values({
      ownerUnitId,
      familyId,
      edition: 1,
      name: DEFAULT_FORMULA_NAME,
      status: 'published',
      parts: JSON.stringify(DEFAULT_PARTS),
      note: '系统默认公式：党建活动与业务挂钩率 30%，学用融合 20%，党建与业务得分差距 30%，融合项目成效 20%。',
      publishedAt: new Date(),
      publishedByName: '系统',
      createdByName: '系统',
    })
    .execute();
  return toFormula((await find()) as FormulaRow);
}

export async function listFormulas(ctx: Ctx): Promise<IndexFormula[]> {
  const owner = await configOwner(ctx);
  await currentFormula(ctx, owner);
  const rows = await selectFormulas(ctx)
    .where('ownerUnitId', '=', owner)
    .orderBy('edition', 'desc')
    .execute();
  return rows.map(toFormula);
}

async function ownFormula(ctx: Ctx, id: string): Promise<FormulaRow> {
  const owner = await configOwner(ctx);
  const row = await selectFormulas(ctx)
    .where('id', '=', id)
    .where('ownerUnitId', '=', owner)
    .executeTakeFirst();
  if (!row) throw notFound('warning.formula_not_found', '该融合度公式不存在');
  return row;
}

/** A new draft edition from the current published one (or the draft already open, if there is one). */
export async function draftFormula(ctx: Ctx): Promise<IndexFormula> {
  requireConfigure(ctx);
  const owner = await configOwner(ctx);
  const current = await currentFormula(ctx, owner);
  const open = await selectFormulas(ctx)
    .where('ownerUnitId', '=', owner)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (open) return toFormula(open);
  const last = await ctx.db
    .selectFrom('fusionIndexFormula')
    .select((eb) => eb.fn.max('edition').as('edition'))
    .where('familyId', '=', current.familyId)
    .executeTakeFirstOrThrow();
  const inserted = await ctx.db
    .insertInto('fusionIndexFormula')
    .values({
      ownerUnitId: owner,
      familyId: current.familyId,
      edition: Number(last.edition) + 1,
      name: current.name,
      parts: JSON.stringify(current.parts),
      note: current.note,
      createdByName: actorName(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const made = toFormula(await ownFormula(ctx, inserted.id));
  await recordAudit(ctx, {
    action: 'warning.formula_draft',
    entityType: 'fusion_index_formula',
    entityId: made.id,
    after: { edition: made.edition, from: current.edition },
  });
  return made;
}

export async function putFormula(
  ctx: Ctx,
  id: string,
  body: { formula: IndexFormulaBody; version: number },
): Promise<IndexFormula> {
  requireConfigure(ctx);
  const before = await ownFormula(ctx, id);
  if (before.status !== 'draft')
    throw conflict('warning.formula_published', '已发布的融合度公式不能修改，请先起草新版本');
  if (before.version !== body.version) throw staleVersion(toFormula(before));
  checkParts(body.formula);
  const updated = await ctx.db
    .updateTable('fusionIndexFormula')
    .set({
      name: body.formula.name,
      parts: JSON.stringify(body.formula.parts),
      note: body.formula.note ?? null,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw staleVersion(toFormula(await ownFormula(ctx, id)));
  const after = toFormula(await ownFormula(ctx, id));
  await recordAudit(ctx, {
    action: 'warning.formula_update',
    entityType: 'fusion_index_formula',
    entityId: id,
    before: { name: before.name, parts: before.parts },
    after: { name: after.name, parts: after.parts },
  });
  return after;
}

/** Publishes a draft: it measures every organ from now on; the edition it replaces is retired, kept for its values. */
export async function publishFormula(ctx: Ctx, id: string, version: number): Promise<IndexFormula> {
  requireConfigure(ctx);
  const before = await ownFormula(ctx, id);
  if (before.status !== 'draft') throw conflict('warning.formula_published', '该版本已发布');
  if (before.version !== version) throw staleVersion(toFormula(before));
  checkParts({ name: before.name, parts: toFormula(before).parts, note: before.note });
  await ctx.db
    .updateTable('fusionIndexFormula')
    .set({ status: 'retired', updatedAt: new Date() })
    .where('ownerUnitId', '=', before.ownerUnitId)
    .where('status', '=', 'published')
    .execute();
  await ctx.db
    .updateTable('fusionIndexFormula')
    .set({
      status: 'published',
      publishedAt: new Date(),
      publishedByName: actorName(ctx),
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .execute();
  const after = toFormula(await ownFormula(ctx, id));
  await recordAudit(ctx, {
    action: 'warning.formula_publish',
    entityType: 'fusion_index_formula',
    entityId: id,
    after: { edition: after.edition, name: after.name, parts: after.parts },
  });
  return after;
}
