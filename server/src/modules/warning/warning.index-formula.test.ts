import { describe, expect, it } from 'vitest';
import type { IndexPart } from '#contracts/warning';
import { composeIndex, partScore, valuePart } from './warning.index-formula.ts';
import { type Lever, raiseIndex } from './warning.levers.ts';

const linked: IndexPart = {
  key: 'linked',
  label: '挂钩率',
  source: { kind: 'measure', measureKey: 'fusion.records_linked' },
  floor: 0,
  target: 0.5,
  weight: 30,
};
const study: IndexPart = {
  key: 'study',
  label: '学用融合',
  source: { kind: 'measure', measureKey: 'branch.study_applied' },
  floor: 0,
  target: 3,
  weight: 20,
};
const gap: IndexPart = {
  key: 'gap',
  label: '差距',
  source: { kind: 'gap' },
  floor: 5,
  target: 40,
  weight: 30,
};
const projects: IndexPart = {
  key: 'projects',
  label: '项目',
  source: { kind: 'measure', measureKey: 'fusion.kpis_met' },
  floor: 0,
  target: 1,
  weight: 20,
};

describe('the parts of the fusion index', () => {
  it('scores a measure linearly from its floor to its target, clamped', () => {
    expect(partScore(linked, 0)).toBe(0);
    expect(partScore(linked, 0.25)).toBe(50); // 0.25 / 0.5
    expect(partScore(linked, 0.5)).toBe(100);
    expect(partScore(linked, 0.9)).toBe(100);
    expect(partScore(study, 1)).toBe(33.3); // 1 / 3 = 33.33…, one decimal
    expect(partScore(linked, null)).toBeNull();
  });

  it('scores lower-is-better when the floor is above the target', () => {
    const late: IndexPart = { ...linked, floor: 10, target: 0 };
    expect(partScore(late, 10)).toBe(0);
    expect(partScore(late, 4)).toBe(60); // (4 − 10) / (0 − 10) = 0.6
    expect(partScore(late, 0)).toBe(100);
  });

  it('scores the Party/business gap: full up to the floor, nothing from the target', () => {
    expect(partScore(gap, 0)).toBe(100);
    expect(partScore(gap, 5)).toBe(100);
    expect(partScore(gap, 22.5)).toBe(50); // (40 − 22.5) / (40 − 5) = 0.5
    expect(partScore(gap, 40)).toBe(0);
    expect(partScore(gap, 60)).toBe(0);
  });

  it('averages the parts with data by weight, and a part without data drops out and says so', () => {
    // 30 × 50 + 20 × 100 + 30 × 0 = 3500 over 80 → 43.75 → 43.8
    const parts = [
      valuePart(linked, 0.25, '召开 8 次，关联 2 次', null),
      valuePart(study, 3, '3 次', null),
      valuePart(gap, 40, '相差 40 分', null),
      valuePart(projects, null, '没有项目', null),
    ];
    expect(composeIndex(parts)).toBe(43.8);
    expect(parts[3]?.detail).toBe('没有项目（无数据，不计入融合度）');
    expect(composeIndex([valuePart(projects, null, '无', null)])).toBeNull();
  });
});

describe('what raises the index', () => {
  it('names the fewest unlinked records that bring the index to the line, and linking them gets there', () => {
    // linked 1 of 10 records: 0.1 → 20; study 0 → 0; gap 10 → (40 − 10) / 35 = 85.7;
    // index = (30 × 20 + 20 × 0 + 30 × 85.7) / 80 = (600 + 2571) / 80 = 39.6.
    const values = [
      valuePart(linked, 0.1, '', null),
      valuePart(study, 0, '', null),
      valuePart(gap, 10, '', null),
    ];
    expect(composeIndex(values)).toBe(39.6);
    const candidates = Array.from({ length: 9 }, (_, i) => ({
      text: `记录${i + 1}`,
      href: `/branch/records/${i + 1}`,
    }));
    const levers = new Map<string, Lever>([
      ['linked', { kind: 'share', counted: 1, of: 10, candidates, verb: '关联' }],
      ['study', { kind: 'count', counted: 0, unit: '召开 {n} 次学习', href: '/branch/records' }],
    ]);
    // To 50: linked needs 30 × s ≥ 50 × 80 − 2571 = 1429 → s ≥ 47.6 → ratio ≥ 0.238 → 3 of 10 (0.3 → 60):
    // (1800 + 2571) / 80 = 54.6. Two more records. Study: 20 × s ≥ 4000 − 600 − 2571 = 829 → s ≥ 41.5 → 2 sessions
    // (66.7): (600 + 1334 + 2571) / 80 = 56.3; one session (33.3) gives 48.0, short.
    const steps = raiseIndex([linked, study, gap], values, levers, 50);
    expect(steps.map((s) => s.text)).toEqual([
      '关联 2 条（挂钩率）：',
      '记录1',
      '记录2',
      '或者：',
      '再召开 2 次学习（学用融合）',
    ]);
    // Doing the first: 3 of 10 linked.
    const after = values.map((v) => (v.key === 'linked' ? valuePart(linked, 0.3, '', null) : v));
    expect(composeIndex(after)).toBeGreaterThanOrEqual(50);
    const short = values.map((v) => (v.key === 'linked' ? valuePart(linked, 0.2, '', null) : v));
    expect(composeIndex(short)).toBeLessThan(50);
  });

  it('offers nothing when no lever can reach the line', () => {
    const values = [valuePart(linked, 0, '', null), valuePart(gap, 40, '', null)];
    const levers = new Map<string, Lever>([
      ['linked', { kind: 'share', counted: 0, of: 2, candidates: [{ text: 'a', href: null }], verb: '关联' }],
    ]);
    // Linking the one candidate: 0.5 → 100: (3000 + 0) / 60 = 50 < 70.
    expect(raiseIndex([linked, gap], values, levers, 70)).toEqual([]);
  });
});
