// What an evaluation keeps (issue 13 points 1–2): each organisation's index for the quarter with its parts, and each
// organisation's level — the worst of its open warnings — with every change of it and the reason.
import { sql } from 'kysely';
import { LEVEL_RANK, type Level, RULE_KIND_LABELS, type RuleKind } from '#contracts/warning';
import { type Ctx, nowOf } from '../../core/context.ts';
import type { Subject, SubjectFacts } from './warning.facts.ts';

const worst = (levels: readonly string[]): Level =>
  levels.reduce<Level>((w, l) => (LEVEL_RANK[l as Level] > LEVEL_RANK[w] ? (l as Level) : w), 'green');

export async function keepIndex(
  ctx: Ctx,
  unitId: string,
  periodKey: string,
  formulaId: string,
  facts: readonly SubjectFacts[],
): Promise<void> {
  if (facts.length === 0) return;
  await ctx.db
    .insertInto('fusionIndexValue')
    .values(
      facts.map((f) => ({
        unitId,
        partyOrgId: f.subject.id,
        periodKey,
        formulaId,
        value: f.index,
        parts: JSON.stringify(f.parts),
        computedAt: nowOf(ctx),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['unitId', 'partyOrgId', 'periodKey']).doUpdateSet((eb) => ({
        formulaId: eb.ref('excluded.formulaId'),
        value: eb.ref('excluded.value'),
        parts: eb.ref('excluded.parts'),
        computedAt: eb.ref('excluded.computedAt'),
      })),
    )
    .execute();
}

/** Each organisation's level, the worst of its open warnings, kept with every change and its reason. */
export async function keepLevels(ctx: Ctx, unitId: string, subjects: readonly Subject[]): Promise<number> {
  const open = await ctx.db
    .selectFrom('warning')
    .select(['partyOrgId', 'kind', 'level'])
    .where('unitId', '=', unitId)
    .where('status', '=', 'open')
    .execute();
  const known = new Map(
    (
      await ctx.db
        .selectFrom('warningLevel')
        .select(['partyOrgId', 'level'])
        .where('unitId', '=', unitId)
        .execute()
    ).map((r) => [r.partyOrgId, r.level]),
  );
  const now = nowOf(ctx);
  let changes = 0;
  const rows = subjects.map((s) => {
    const mine = open.filter((o) => o.partyOrgId === s.id);
    const level = worst(mine.map((o) => o.level));
    return { s, level, mine };
  });
  const changed = rows.filter((r) => (known.get(r.s.id) ?? 'green') !== r.level);
  if (rows.length > 0)
    await ctx.db
      .insertInto('warningLevel')
      .values(rows.map((r) => ({ unitId, partyOrgId: r.s.id, level: r.level, since: now, evaluatedAt: now })))
      .onConflict((oc) =>
        oc.columns(['unitId', 'partyOrgId']).doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          evaluatedAt: eb.ref('excluded.evaluatedAt'),
          since: sql`case when warning_level.level = excluded.level then warning_level.since else excluded.since end`,
        })),
      )
      .execute();
  if (changed.length > 0) {
    await ctx.db
      .insertInto('warningLevelChange')
      .values(
        changed.map((r) => ({
          unitId,
          partyOrgId: r.s.id,
          at: now,
          fromLevel: known.get(r.s.id) ?? 'green',
          toLevel: r.level,
          reason:
            r.mine.length === 0
              ? '没有未解除的预警'
              : r.mine
                  .filter((m) => m.level === r.level)
                  .map((m) => RULE_KIND_LABELS[m.kind as RuleKind]?.zh ?? m.kind)
                  .join('、'),
        })),
      )
      .execute();
    changes = changed.length;
  }
  return changes;
}
