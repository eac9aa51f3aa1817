// Writing business KPI values (issue 12 point 2): one set-based upsert per batch, where a newer import or push of the
// same department, KPI and period replaces the value (its version goes up, and who brought it is kept), then exactly
// the subjects that depend on it are scored again: in the open, computed cycles whose window holds the period and
// whose edition has an imported leaf of that code, the branches serving the departments (or the organ itself).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { KpiSource } from '#contracts/assessment-kpi';
import type { Ctx } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { branchesServing } from '../org/index.ts';
import { subjectsOf } from './assessment.cycles.ts';
import { periodOfKey } from './assessment.kpi-rollup.ts';
import { membersOfDepartments } from './assessment.member-subjects.ts';
import { openCyclesCovering } from './assessment.recompute.ts';
import { rescoreSubjects } from './assessment.rescore.ts';
import { leavesOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

export type NewKpiValue = { departmentId: string; kpiCode: string; periodKey: string; value: number };
export type Provenance =
  | { source: 'import'; byName: string }
  | { source: 'push'; tokenId: string; systemName: string };
export type Rescored = { cycles: number; subjects: number };
export type WriteResult = { created: number; updated: number; rescored: Rescored };

/** Writes the values (already checked: departments and KPIs of the organ, valid periods) and rescores. */
export async function writeKpiValues(
  ctx: Ctx,
  unitId: string,
  values: readonly NewKpiValue[],
  from: Provenance,
): Promise<WriteResult> {
  const batch = from.source === 'import' ? randomUUID() : null;
  const now = new Date();
  let created = 0;
  let updated = 0;
  const replaced: {
    departmentId: string;
    kpiCode: string;
    periodKey: string;
    before: number;
    after: number;
  }[] = [];
  const changed: Pick<NewKpiValue, 'departmentId' | 'kpiCode' | 'periodKey'>[] = [];
  // One order for every writer: two concurrent pushes then lock their common rows in the same order, never crosswise.
  const sorted = [...values].sort(
    (a, b) =>
      a.departmentId.localeCompare(b.departmentId) ||
      a.kpiCode.localeCompare(b.kpiCode) ||
      a.periodKey.localeCompare(b.periodKey),
  );
  for (let i = 0; i < sorted.length; i += 500) {
    const rows = sorted.slice(i, i + 500).map((v) => {
      const p = periodOfKey(v.periodKey);
      if (!p) throw new Error(`unchecked period ${v.periodKey}`);
      return {
        unitId,
        departmentId: v.departmentId,
        kpiCode: v.kpiCode,
        periodKey: v.periodKey,
        periodFrom: p.from,
        periodTo: p.to,
        value: v.value,
        source: from.source satisfies KpiSource,
        importBatchId: batch,
        pushTokenId: from.source === 'push' ? from.tokenId : null,
        recordedByName: from.source === 'push' ? from.systemName : from.byName,
        recordedAt: now,
      };
    });
    const written = await ctx.db
      .insertInto('businessKpiValue')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['unitId', 'departmentId', 'kpiCode', 'periodKey'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            source: eb.ref('excluded.source'),
            importBatchId: eb.ref('excluded.importBatchId'),
            pushTokenId: eb.ref('excluded.pushTokenId'),
            recordedByName: eb.ref('excluded.recordedByName'),
            recordedAt: eb.ref('excluded.recordedAt'),
            version: sql<number>`business_kpi_value.version + 1`,
          }))
          // The same value again (a file imported twice) is no change: its version, source and time stay as they were.
          .where(sql<boolean>`business_kpi_value.value is distinct from excluded.value`),
      )
      .returning([
        'departmentId',
        'kpiCode',
        'periodKey',
        'value',
        // xmax is 0 on a row this statement inserted, and set on one it updated.
        sql<boolean>`(xmax = 0)`.as('inserted'),
        // A subquery in RETURNING reads the snapshot from before the statement: the value this row replaced.
        sql<string | null>`(select o.value from business_kpi_value o
          where o.unit_id = business_kpi_value.unit_id and o.id = business_kpi_value.id)`.as('before'),
      ])
      .execute();
    for (const w of written) {
      changed.push(w);
      if (w.inserted) created++;
      else {
        updated++;
        replaced.push({
          departmentId: w.departmentId,
          kpiCode: w.kpiCode,
          periodKey: w.periodKey,
          before: Number(w.before),
          after: Number(w.value),
        });
      }
    }
  }
  // Rows the upsert left as they were change no score.
  const rescored = await kpiChanged(ctx, unitId, changed);
  await recordAudit(ctx, {
    action: from.source === 'push' ? 'assessment.kpi_push' : 'assessment.kpi_import',
    entityType: 'unit',
    entityId: unitId,
    // A push has no signed-in actor: the trail names the business system its token belongs to.
    ...(from.source === 'push' ? { username: `push:${from.systemName}` } : {}),
    details: {
      ...(from.source === 'push' ? { system: from.systemName, tokenId: from.tokenId } : { batch }),
      created,
      replaced: updated,
      ...(await replacedValues(ctx, unitId, replaced)),
      codes: [...new Set(values.map((v) => v.kpiCode))].sort(),
      periods: [...new Set(values.map((v) => v.periodKey))].sort(),
      rescored,
    },
  });
  return { created, updated, rescored };
}

const IN_AUDIT = 200;

/** What an overwritten value was and became, so the trail can answer "who changed 96.5 to 99"; capped, with the rest counted. */
async function replacedValues(
  ctx: Ctx,
  unitId: string,
  replaced: readonly {
    departmentId: string;
    kpiCode: string;
    periodKey: string;
    before: number;
    after: number;
  }[],
) {
  if (replaced.length === 0) return {};
  const shown = replaced.slice(0, IN_AUDIT);
  const codes = new Map(
    (
      await ctx.db
        .selectFrom('department')
        .select(['id', 'code'])
        .where('unitId', '=', unitId)
        .where('id', 'in', [...new Set(shown.map((r) => r.departmentId))])
        .execute()
    ).map((d) => [d.id, d.code]),
  );
  return {
    changes: shown.map((r) => ({
      department: codes.get(r.departmentId) ?? r.departmentId,
      kpiCode: r.kpiCode,
      periodKey: r.periodKey,
      before: r.before,
      after: r.after,
    })),
    ...(replaced.length > IN_AUDIT ? { moreChanges: replaced.length - IN_AUDIT } : {}),
  };
}

/** Scores again exactly the subjects whose imported leaves the values feed; nothing else is asked again. */
export async function kpiChanged(
  ctx: Ctx,
  unitId: string,
  values: readonly Pick<NewKpiValue, 'departmentId' | 'kpiCode' | 'periodKey'>[],
): Promise<Rescored> {
  const dated = values.flatMap((v) => {
    const p = periodOfKey(v.periodKey);
    return p ? [{ ...v, from: p.from, to: p.to }] : [];
  });
  if (dated.length === 0) return { cycles: 0, subjects: 0 };
  // Dates as YYYY-MM-DD text sort as they fall.
  const from = dated.map((v) => v.from).sort()[0] ?? '';
  const to = dated.map((v) => v.to).sort()[dated.length - 1] ?? '';
  let cycles = 0;
  let subjects = 0;
  for (const c of await openCyclesCovering(ctx, { unitId, from, to })) {
    // A value counts in a cycle only when its whole period lies inside the cycle's window.
    const inside = dated.filter((v) => v.from >= c.startsOn && v.to <= c.endsOn);
    const codes = new Set(inside.map((v) => v.kpiCode));
    const depends = leavesOf(treeOf(c)).some(
      (l) => l.source === 'imported' && !!l.kpiCode && codes.has(l.kpiCode),
    );
    if (!depends) continue;
    const who =
      c.level === 'organ'
        ? (await subjectsOf(ctx, c)).filter((s) => s.unitId === unitId)
        : c.level === 'member'
          ? await membersOfDepartments(
              ctx,
              unitId,
              inside.map((v) => v.departmentId),
            )
          : await branchesServing(
              ctx.db,
              unitId,
              inside.map((v) => v.departmentId),
            );
    if (who.length === 0) continue;
    await rescoreSubjects(
      ctx,
      c,
      unitId,
      who,
      (leaf) => leaf.source === 'imported' && !!leaf.kpiCode && codes.has(leaf.kpiCode),
    );
    cycles++;
    subjects += who.length;
  }
  return { cycles, subjects };
}

/**
 * Scores again, for all the organ's subjects, the open computed cycles whose edition has an imported leaf of `code`:
 * a change of the KPI's unit or rules changes every figure it gives, whichever period or department it came from.
 */
export async function kpiRuleChanged(ctx: Ctx, unitId: string, code: string): Promise<Rescored> {
  const touches = (leaf: { source: string; kpiCode?: string | null }) =>
    leaf.source === 'imported' && leaf.kpiCode === code;
  let cycles = 0;
  let subjects = 0;
  for (const c of await openCyclesCovering(ctx, { unitId, from: '0001-01-01', to: '9999-12-31' })) {
    if (!leavesOf(treeOf(c)).some(touches)) continue;
    const who = (await subjectsOf(ctx, c)).filter((s) => s.unitId === unitId);
    if (who.length === 0) continue;
    await rescoreSubjects(ctx, c, unitId, who, touches);
    cycles++;
    subjects += who.length;
  }
  return { cycles, subjects };
}
