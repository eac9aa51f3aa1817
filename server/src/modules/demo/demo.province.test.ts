import { describe, expect, it } from 'vitest';
import { generateDemoMembers } from './demo.members.ts';
import { provinceOrgans } from './demo.province.ts';

describe('the W2 province plan', () => {
  const plan = provinceOrgans();

  it('is 100 organs, the demo organ first, the rest of varied size averaging one demo organ', () => {
    expect(plan).toHaveLength(100);
    expect(plan[0]).toEqual({
      seed: 2026,
      scale: 1,
      unitCode: 'MZHG',
      unitName: '明州海关',
      codePrefix: 'JG',
    });
    const rest = plan.slice(1).map((o) => o.scale);
    const sum = rest.reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(98.9);
    expect(sum).toBeLessThan(99.1);
    // Log-uniform over 0.2–3 before rescaling: the smallest organ is several times smaller than the largest.
    expect(Math.max(...rest) / Math.min(...rest)).toBeGreaterThan(8);
    expect(Math.min(...rest)).toBeGreaterThan(0.1);
  });

  it('gives every organ its own unit code, code prefix, seed and name', () => {
    for (const key of ['unitCode', 'codePrefix', 'seed', 'unitName'] as const)
      expect(new Set(plan.map((o) => o[key])).size).toBe(100);
    expect(plan[1]?.unitName).toBe('明州省发展和改革委员会');
    expect(plan.every((o) => /^[A-Za-z0-9._-]{1,12}$/.test(o.unitCode + o.codePrefix.slice(0, 1)))).toBe(
      true,
    );
  });

  it('is deterministic, and another seed gives other sizes', () => {
    expect(provinceOrgans()).toEqual(plan);
    expect(provinceOrgans({ seed: 7 }).map((o) => o.scale)).not.toEqual(plan.map((o) => o.scale));
  });

  it('scales every organ for small test provinces and refuses nonsense', () => {
    const small = provinceOrgans({ organs: 5, scale: 0.1 });
    expect(small).toHaveLength(5);
    expect(small[0]?.scale).toBe(0.1);
    expect(() => provinceOrgans({ organs: 0 })).toThrow(RangeError);
    expect(() => provinceOrgans({ organs: 1.5 })).toThrow(RangeError);
  });
});

describe('ID numbers across a province', () => {
  it('draws again any ID number another organ already holds, and records its own', () => {
    const options = { scale: 0.05 };
    const alone = [...generateDemoMembers(options)].map((m) => m.idNumber);
    const taken = new Set(alone);
    const size = taken.size;
    const again = [...generateDemoMembers(options, taken)].map((m) => m.idNumber);
    expect(again).toHaveLength(alone.length);
    expect(again.filter((id) => alone.includes(id))).toEqual([]);
    expect(taken.size).toBe(size + again.length);
  });
});
