// What an organ's evaluation writes of its warnings (issue 13 point 6), set-based: the cleared ones in one update, the
// new ones in one insert, the changed ones in one update from a list of values, the history in one insert — a few
// statements per thousand warnings, where an organ's first evaluation at W2 raises hundreds.
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { ReturnStep } from '#contracts/warning';
import { chunked } from '../../core/chunked.ts';
import type { Ctx } from '../../core/context.ts';
import type { WarningTable } from '../../core/db-types-warning.ts';
import { EVENTS_PER_INSERT } from './warning.tell.ts';

/** 13 parameters a row: 1,000 rows stay well below PostgreSQL's 65,535. */
const ROWS = 1000;

export type NewEvent = { warningId: string; kind: string; level: string | null; text: string };

/** What a kept warning becomes: every column the evaluation may change. */
export type Update = {
  id: string;
  level: string;
  status: string;
  ruleText: string;
  dataText: string;
  returns: readonly ReturnStep[];
  raisedOn: string | null;
  deadline: string | null;
};

export type KeptWarning = {
  level: string;
  status: string;
  ruleText: string;
  dataText: string;
  returns: unknown;
  raisedOn: string | null;
  deadline: string | null;
};

/** Compared step by step: jsonb hands the steps back with their keys in its own order. */
const sameReturns = (kept: unknown, next: readonly ReturnStep[]) =>
  Array.isArray(kept) &&
  kept.length === next.length &&
  next.every((s, i) => {
    const k = kept[i] as Partial<ReturnStep> | undefined;
    return k?.text === s.text && (k?.href ?? null) === s.href;
  });

export const changed = (w: KeptWarning, next: Update) =>
  w.level !== next.level ||
  w.status !== next.status ||
  w.ruleText !== next.ruleText ||
  w.dataText !== next.dataText ||
  w.raisedOn !== next.raisedOn ||
  w.deadline !== next.deadline ||
  !sameReturns(w.returns, next.returns);

export async function writeWarnings(
  ctx: Ctx,
  unitId: string,
  now: Date,
  today: string,
  w: {
    toClear: readonly string[];
    toInsert: readonly Insertable<WarningTable>[];
    toUpdate: readonly Update[];
    events: readonly NewEvent[];
  },
): Promise<void> {
  for (const ids of chunked(w.toClear, ROWS))
    await ctx.db
      .updateTable('warning')
      .set({ status: 'cleared', clearedOn: today, version: sql`version + 1`, updatedAt: now })
      .where('unitId', '=', unitId)
      .where('id', 'in', ids)
      .execute();
  for (const rows of chunked(w.toInsert, ROWS)) await ctx.db.insertInto('warning').values(rows).execute();
  for (const rows of chunked(w.toUpdate, ROWS)) {
    const values = rows.map(
      (u) =>
        sql`(${u.id}::uuid, ${u.level}::text, ${u.status}::text, ${u.ruleText}::text, ${u.dataText}::text, ${JSON.stringify(u.returns)}::jsonb, ${u.raisedOn}::date, ${u.deadline}::date)`,
    );
    await sql`
      update warning as w
      set level = v.level, status = v.status, rule_text = v.rule_text, data_text = v.data_text, returns = v.returns,
        raised_on = v.raised_on, deadline = v.deadline, version = w.version + 1, updated_at = ${now}
      from (values ${sql.join(values)}) as v(id, level, status, rule_text, data_text, returns, raised_on, deadline)
      where w.unit_id = ${unitId} and w.id = v.id`.execute(ctx.db);
  }
  for (const rows of chunked(w.events, EVENTS_PER_INSERT))
    await ctx.db
      .insertInto('warningEvent')
      .values(
        rows.map((e) => ({
          unitId,
          warningId: e.warningId,
          at: now,
          kind: e.kind,
          level: e.level,
          step: null,
          text: e.text,
        })),
      )
      .execute();
}
