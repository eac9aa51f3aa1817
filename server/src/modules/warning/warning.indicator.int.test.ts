// A rule on chosen indicators (issue 13 point 2, "thresholds on indicators"): the work committee picks indicators of
// its systems (a key it does not have is refused at the field), and an evaluation warns an organisation whose score
// on one of them is under a threshold — the same score its result page shows, with that page as the way back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorSystem, ResultDetail, ScoredIndicator } from '#contracts/assessment';
import type { Rule, Warning, WarningConfig } from '#contracts/warning';
import type { Client } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';

let w: FusionWorld;
let wc: Client;
let cycle: Cycle;

const find = (nodes: readonly ScoredIndicator[], key: string): ScoredIndicator | undefined => {
  for (const n of nodes) {
    if (n.key === key) return n;
    const below = find(n.children, key);
    if (below) return below;
  }
  return undefined;
};

beforeAll(async () => {
  w = await fusionWorld('2026-11-20');
  wc = await personWith(w.t, 'warning-ind-wc', null, [
    { role: 'work_committee_officer', partyOrgId: w.WC.id },
  ]);
  // The organ's branches are assessed for the quarter with the default system.
  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', { ownerUnitId: w.unitId, name: '党支部考核（默认）' }),
  );
  const system = await ok<IndicatorSystem>(
    w.officer.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
  );
  cycle = await ok<Cycle>(
    w.officer.post('/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: system.id,
      level: 'branch',
      periodKind: 'quarter',
      periodKey: '2026-Q4',
    }),
  );
  cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
});
afterAll(async () => w.t.close());

describe('thresholds on chosen indicators', () => {
  it('offers the indicators of the systems and refuses one it does not have, naming the field', async () => {
    const config = await ok<WarningConfig>(wc.get('/api/warnings/config'));
    expect(config.indicatorChoices).toContainEqual({
      key: 'party_function.life',
      name: '组织生活（三会一课、主题党日）',
      path: '党组织功能是否增强',
    });
    const at = config.rules.findIndex((r) => r.kind === 'indicator_below');
    const rules = config.rules.map((r) =>
      r.kind === 'indicator_below' ? { ...r, enabled: true, indicators: ['no.such'] } : r,
    );
    const res = await wc.put('/api/warnings/config', {
      rules,
      ladder: config.ladder,
      version: config.version,
    });
    expectError(res, 400, 'warning.indicator_unknown');
    expect(res.json().error.issues[0].field).toBe(`body.rules.${at}.indicators`);
    // Enabled with no indicator at all: refused by the contract, at the same field.
    const none = config.rules.map((r) =>
      r.kind === 'indicator_below' ? { ...r, enabled: true, indicators: [] } : r,
    );
    const empty = await wc.put('/api/warnings/config', {
      rules: none,
      ladder: config.ladder,
      version: config.version,
    });
    expectError(empty, 400, 'common.invalid_input');
    expect(empty.json().error.issues.map((i: { field: string }) => i.field)).toContain(
      `body.rules.${at}.indicators`,
    );
  });

  it('warns a branch whose score on a chosen indicator is under the line, with the score its result page shows', async () => {
    // The first branch's result page: the indicator chosen is the first macro group with a score.
    const page = await ok<ResultDetail>(
      w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.B1.id}`),
    );
    const chosen = page.tree.find((n) => n.score !== null) as ScoredIndicator;
    expect(chosen).toBeDefined();
    const score = chosen.score as number;
    // A line just above that score: yellow only.
    const config = await ok<WarningConfig>(wc.get('/api/warnings/config'));
    const line = Math.floor(score) + 1;
    const rules: Rule[] = config.rules.map((r) =>
      r.kind === 'indicator_below'
        ? { ...r, enabled: true, indicators: [chosen.key], yellow: line, orange: null, red: null }
        : { ...r, enabled: false },
    );
    const saved = await ok<WarningConfig>(
      wc.put('/api/warnings/config', { rules, ladder: config.ladder, version: config.version }),
    );
    expect(saved.rules.find((r) => r.kind === 'indicator_below')?.indicators).toEqual([chosen.key]);

    await ok(w.officer.post('/api/warnings/evaluate', { unitId: w.unitId }));
    const all = await ok<Warning[]>(w.officer.get(`/api/warnings?unitId=${w.unitId}&status=active`));
    const mine = all.find((x) => x.partyOrgId === w.B1.id && x.kind === 'indicator_below') as Warning;
    expect(mine).toMatchObject({ level: 'yellow', status: 'open' });
    const shown = String(Math.round(score * 100) / 100);
    expect(mine.data).toBe(`2026年第四季度重点指标得分：${chosen.name} ${shown} 分`);
    expect(mine.returns).toEqual([
      {
        text: `「${chosen.name}」得分达到 ${line} 分（现为 ${shown} 分）：查看该指标的失分依据，逐项补齐`,
        href: `/assessment/cycles/${cycle.id}/results/${w.B1.id}`,
      },
    ]);
    // Every other rule is off: nothing else was raised for the branch.
    expect(all.filter((x) => x.partyOrgId === w.B1.id).map((x) => x.kind)).toEqual(['indicator_below']);

    // The line lowered to the score itself: no longer under it, and the next evaluation clears the warning.
    const again = await ok<WarningConfig>(wc.get('/api/warnings/config'));
    await ok(
      wc.put('/api/warnings/config', {
        rules: again.rules.map((r) => (r.kind === 'indicator_below' ? { ...r, yellow: score } : r)),
        ladder: again.ladder,
        version: again.version,
      }),
    );
    const evaluated = await ok<{ cleared: number }>(
      w.officer.post('/api/warnings/evaluate', { unitId: w.unitId }),
    );
    expect(evaluated.cleared).toBeGreaterThanOrEqual(1);
    const after = await ok<Warning[]>(w.officer.get(`/api/warnings?unitId=${w.unitId}&status=active`));
    expect(after.find((x) => x.partyOrgId === w.B1.id && x.kind === 'indicator_below')).toBeUndefined();
    // A score missing (no result for the quarter) is not a warning: the organ's root has no branch result.
    expect(after.find((x) => x.partyOrgId === w.B1.id)).toBeUndefined();
    expect(find(page.tree, chosen.key)?.score).toBe(score);
  });
});
