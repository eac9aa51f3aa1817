import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail, ListDetail } from '#contracts/responsibility';
import type { Client, TestApp } from '../../../../test/helpers.ts';
import { buildClockedApp, type Organ, ok, personWith, seedOrgan } from '../../../../test/organ-fixtures.ts';
import {
  type HeldRecord,
  type RecordKind,
  registerRecordKinds,
  settleObligations,
  unregisterRecordKind,
} from './index.ts';

// Settling a whole organ's obligations at once after a bulk load of records: the same outcome as recordsChanged
// period by period — met by the earliest record within the period, open again when its record is gone — in a few
// statements whatever the number of periods, and with the producer's own kinds where none are registered.
let t: TestApp;
let o: Organ;
let officer: Client;
const held: HeldRecord[] = [];
const kind = (key: string): RecordKind => ({
  key,
  label: { zh: key, en: key },
  find: async (_ctx, q) =>
    held.filter(
      (r) => r.id.startsWith(key) && q.orgIds.includes(r.orgId) && r.date >= q.from && r.date <= q.to,
    ),
});
const THEME = kind('testbulk.theme_day');
const LECTURE = kind('testbulk.lecture');
const record = (k: RecordKind, id: string, orgId: string, date: string) =>
  held.push({ id: `${k.key}:${id}`, orgId, date, title: `${id} ${date}`, attendeeMemberIds: [] });

let duties: { b1: string; b2: string; lecture: string };

beforeAll(async () => {
  ({ t } = await buildClockedApp('2026-04-15'));
  o = await seedOrgan(t, 'RB');
  officer = await personWith(t, 'rb-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  registerRecordKinds([THEME, LECTURE]);
  const lists = new Map<string, string>();
  for (const org of [o.B1, o.B2])
    lists.set(
      org.id,
      (
        await ok<ListDetail>(
          officer.post('/api/responsibility/lists', {
            year: 2026,
            level: 'implementing',
            partyOrgId: org.id,
          }),
        )
      ).id,
    );
  const duty = async (orgId: string, recurrence: string, recordKind: string) =>
    (
      await ok<{ id: string }>(
        officer.post(`/api/responsibility/lists/${lists.get(orgId)}/items`, {
          domain: 'party',
          category: '组织生活',
          title: `${recordKind} ${recurrence}`,
          ownerOrgId: orgId,
          recurrence,
          recordKind,
          effectiveFrom: '2026-01-01',
        }),
      )
    ).id;
  duties = {
    b1: await duty(o.B1.id, 'monthly', THEME.key),
    b2: await duty(o.B2.id, 'monthly', THEME.key),
    lecture: await duty(o.B1.id, 'quarterly', LECTURE.key),
  };
});
afterAll(async () => {
  unregisterRecordKind(THEME.key);
  unregisterRecordKind(LECTURE.key);
  await t.close();
});

const states = async (id: string) =>
  (await ok<ItemDetail>(officer.get(`/api/responsibility/items/${id}`))).periods.map(
    (p) => `${p.periodKey}:${p.state}${p.fulfilledBy ? `:${p.fulfilledBy.id}` : ''}`,
  );

describe('settling an organ’s obligations at once', () => {
  it('meets each period by the earliest record of its owner within it, in a handful of statements', async () => {
    record(THEME, 'b1-jan-late', o.B1.id, '2026-01-20');
    record(THEME, 'b1-jan', o.B1.id, '2026-01-09');
    record(THEME, 'b1-mar', o.B1.id, '2026-03-09');
    record(THEME, 'b2-feb', o.B2.id, '2026-02-09');
    record(LECTURE, 'b1-q1', o.B1.id, '2026-02-20');
    const settled = await settleObligations(t.ctx(), {
      unitId: o.B1.unitId,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(settled).toEqual({ changed: 4, statements: 4 });
    expect(await states(duties.b1)).toEqual([
      `2026-01:done:${THEME.key}:b1-jan`,
      '2026-02:overdue',
      `2026-03:done:${THEME.key}:b1-mar`,
      '2026-04:open',
    ]);
    expect(await states(duties.b2)).toEqual([
      '2026-01:overdue',
      `2026-02:done:${THEME.key}:b2-feb`,
      '2026-03:overdue',
      '2026-04:open',
    ]);
    expect(await states(duties.lecture)).toEqual([`2026-Q1:done:${LECTURE.key}:b1-q1`, '2026-Q2:open']);
  });

  it('opens again a period whose record is gone, with the producer’s kinds where none are registered', async () => {
    held.splice(
      held.findIndex((r) => r.id.endsWith('b1-mar')),
      1,
    );
    unregisterRecordKind(THEME.key);
    // Nothing registered for the kind: the default settles nothing.
    expect(
      (await settleObligations(t.ctx(), { unitId: o.B1.unitId, from: '2026-03-01', to: '2026-03-31' }))
        .changed,
    ).toBe(0);
    const settled = await settleObligations(t.ctx(), {
      unitId: o.B1.unitId,
      from: '2026-03-01',
      to: '2026-03-31',
      kinds: [THEME],
    });
    registerRecordKinds([THEME]);
    // March of B1 reopened; B2's March was never met; the periods met by records still there are met again (same record).
    expect(settled.changed).toBe(1);
    expect(await states(duties.b1)).toEqual([
      `2026-01:done:${THEME.key}:b1-jan`,
      '2026-02:overdue',
      '2026-03:overdue',
      '2026-04:open',
    ]);
    expect(await states(duties.lecture)).toEqual([`2026-Q1:done:${LECTURE.key}:b1-q1`, '2026-Q2:open']);
  });
});
