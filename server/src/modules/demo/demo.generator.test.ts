import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, genderFromIdNumber, idNumberProblem } from '#contracts/id-number';
import { ROLES, UsernameSchema } from '#contracts/identity';
import { type MemberImportRow, MemberImportRowSchema } from '#contracts/member';
import {
  ALLOWED_CHILD_KINDS,
  DepartmentImportRowSchema,
  type OrgImportRow,
  OrgImportRowSchema,
  UnitImportRowSchema,
} from '#contracts/org';
import {
  buildDemoStructure,
  type DemoOrgan,
  generateDemoMembers,
  generateDemoOrgan,
  REFERENCE_DATE,
} from './demo.generator.ts';
import { addDays, addYears, DemoRandom } from './demo.random.ts';

const organ = generateDemoOrgan();
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

/** Everything that must hold at any scale: tree shape, references, members' data, schemas. */
function checkInvariants({ unit, orgs, departments, members }: Omit<DemoOrgan, 'accounts'>): void {
  const byCode = new Map<string, OrgImportRow>();
  for (const org of orgs) {
    expect(byCode.has(org.code), `duplicate org code ${org.code}`).toBe(false);
    if (org.parentCode !== null) {
      const parent = byCode.get(org.parentCode);
      // Parents come first, so a loader can insert the rows in order.
      expect(parent, `parent of ${org.code} missing or later`).toBeDefined();
      expect(ALLOWED_CHILD_KINDS[parent?.kind ?? 'cell']).toContain(org.kind);
    }
    expect(org.unitCode).toBe(org.kind === 'work_committee' ? null : unit.code);
    byCode.set(org.code, org);
  }
  expect(orgs.filter((o) => o.parentCode === null).map((o) => o.kind)).toEqual(['work_committee']);
  const organCommittees = orgs.filter((o) => o.kind === 'organ_committee');
  expect(organCommittees).toHaveLength(1);
  expect(unit.rootOrgCode).toBe(organCommittees[0]?.code);

  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  expect(deptByCode.size).toBe(departments.length);
  for (const d of departments) {
    expect(d.unitCode).toBe(unit.code);
    if (d.kind === 'division') expect(d.parentCode).toBeNull();
    else expect(deptByCode.get(d.parentCode ?? '')?.kind).toBe('division');
  }
  const served = new Set<string>();
  for (const org of orgs) {
    for (const code of org.departmentCodes) expect(deptByCode.has(code), `${org.code} → ${code}`).toBe(true);
    const kinds = org.departmentCodes.map((c) => deptByCode.get(c)?.kind);
    if (org.kind === 'sub_committee' || org.kind === 'general_branch') expect(kinds).toEqual(['division']);
    if (org.kind === 'branch' && !org.isTemporary) {
      expect(kinds.length).toBeGreaterThanOrEqual(1);
      expect(kinds.length).toBeLessThanOrEqual(2);
      expect(kinds.every((k) => k === 'section')).toBe(true);
      for (const code of org.departmentCodes) served.add(code);
    }
    if (org.isTemporary) {
      expect(org.tempStartOn).not.toBeNull();
      expect((org.tempEndOn ?? '') >= (org.tempStartOn ?? '')).toBe(true);
    }
  }
  for (const d of departments)
    if (d.kind === 'section') expect(served.has(d.code), `${d.code} unserved`).toBe(true);

  const ids = new Set<string>();
  const phones = new Set<string>();
  const perBranch = new Map<string, MemberImportRow[]>();
  for (const m of members) {
    expect(idNumberProblem(m.idNumber), m.idNumber).toBeNull();
    expect(genderFromIdNumber(m.idNumber)).toBe(m.gender);
    const birth = birthDateFromIdNumber(m.idNumber);
    expect(birth >= '1966-01-01' && birth <= '2001-12-31', birth).toBe(true);
    ids.add(m.idNumber);
    phones.add(m.phone ?? '');
    expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    const branch = byCode.get(m.partyOrgCode);
    expect(branch?.kind).toBe('branch');
    expect(branch?.isTemporary).toBe(false);
    expect(branch?.departmentCodes).toContain(m.departmentCode);
    expect((m.joinedOn ?? '') >= addYears(birth, 18)).toBe(true);
    if (m.category === 'full') {
      expect(m.fullOn).toBe(addYears(m.joinedOn ?? '', 1));
      expect((m.fullOn ?? '') <= REFERENCE_DATE).toBe(true);
    } else {
      expect(m.fullOn).toBeNull();
      expect(m.partyPost).toBeNull();
      expect((m.joinedOn ?? '') > addYears(REFERENCE_DATE, -1) && (m.joinedOn ?? '') <= REFERENCE_DATE).toBe(
        true,
      );
    }
    const list = perBranch.get(m.partyOrgCode) ?? [];
    list.push(m);
    perBranch.set(m.partyOrgCode, list);
  }
  expect(ids.size).toBe(members.length);
  expect(phones.size).toBe(members.length);
  for (const org of orgs) {
    if (org.kind !== 'branch' || org.isTemporary) continue;
    const posts = countBy(perBranch.get(org.code) ?? [], (m) => m.partyPost ?? 'none');
    expect(posts.secretary, `${org.code} secretaries`).toBe(1);
    expect(posts.deputy_secretary ?? 0).toBeLessThanOrEqual(1);
    expect(posts.committee_member ?? 0).toBeGreaterThanOrEqual(1);
    expect(posts.committee_member ?? 0).toBeLessThanOrEqual(3);
    expect(posts.none ?? 0).toBeGreaterThanOrEqual(1);
  }
}

describe('generateDemoOrgan — determinism', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const again = generateDemoOrgan({ seed: 2026 });
    expect(again).toEqual(organ);
    expect(hash(again)).toBe(hash(organ));
    const other = generateDemoOrgan({ seed: 7 });
    expect(hash(other)).not.toBe(hash(organ));
    expect(other.members.map((m) => m.idNumber)).not.toEqual(organ.members.map((m) => m.idNumber));
    expect(hash(generateDemoOrgan({ seed: 7 }))).toBe(hash(other));
  });

  it('streams exactly the members of the array version, from options or from a built structure', () => {
    expect([...generateDemoMembers()]).toEqual(organ.members);
    expect([...generateDemoMembers(buildDemoStructure({}))]).toEqual(organ.members);
  });

  it('uses neither Math.random nor the clock', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/Math\.random|Date\.now|new Date\(\)|performance\.now/);
    }
  });
});

describe('generateDemoOrgan — scale 1 shape', () => {
  const { orgs, members } = organ;
  const organCode = organ.unit.rootOrgCode;
  const kindsUnder = (parent: string | null) =>
    countBy(
      orgs.filter((o) => o.parentCode === parent && !o.isTemporary),
      (o) => o.kind,
    );

  it('has the exact Party organisation counts of the real organ', () => {
    const kinds = countBy(
      orgs.filter((o) => !o.isTemporary),
      (o) => o.kind,
    );
    expect(kinds).toMatchObject({
      work_committee: 1,
      organ_committee: 1,
      sub_committee: 13,
      general_branch: 10,
    });
    expect(kinds.branch).toBe(224);
    expect(orgs.find((o) => o.kind === 'work_committee')?.code).toBe('WC');
    expect(kindsUnder('WC')).toEqual({ organ_committee: 1 });
    expect(kindsUnder(organCode)).toEqual({ sub_committee: 13, general_branch: 10, branch: 23 });
    const midLevel = new Set(
      orgs.filter((o) => o.kind === 'sub_committee' || o.kind === 'general_branch').map((o) => o.code),
    );
    const base = orgs.filter(
      (o) => o.kind === 'branch' && !o.isTemporary && midLevel.has(o.parentCode ?? ''),
    );
    expect(base).toHaveLength(201);
    for (const code of midLevel)
      expect(
        base.some((b) => b.parentCode === code),
        code,
      ).toBe(true);
  });

  it('has 3–5 temporary branches under sub-committees, some ended and closed, some running', () => {
    const temps = orgs.filter((o) => o.isTemporary);
    expect(temps.length).toBeGreaterThanOrEqual(3);
    expect(temps.length).toBeLessThanOrEqual(5);
    const parents = new Map(orgs.map((o) => [o.code, o.kind]));
    for (const t of temps) {
      expect(t.kind).toBe('branch');
      expect(parents.get(t.parentCode ?? '')).toBe('sub_committee');
      expect((t.tempStartOn ?? '') <= REFERENCE_DATE).toBe(true);
      const ended = (t.tempEndOn ?? '') < REFERENCE_DATE;
      expect(t.status).toBe(ended ? 'closed' : 'active');
      expect(t.closedOn).toBe(ended ? t.tempEndOn : null);
    }
    expect(temps.some((t) => (t.tempEndOn ?? '') < REFERENCE_DATE)).toBe(true);
    expect(temps.some((t) => (t.tempEndOn ?? '') >= REFERENCE_DATE)).toBe(true);
  });

  it('has 30–60 cells under a few larger branches, with no members of their own', () => {
    const cells = orgs.filter((o) => o.kind === 'cell');
    expect(cells.length).toBeGreaterThanOrEqual(30);
    expect(cells.length).toBeLessThanOrEqual(60);
    const size = countBy(members, (m) => m.partyOrgCode);
    for (const c of cells) expect(size[c.parentCode ?? '']).toBeGreaterThanOrEqual(20);
    expect(members.some((m) => cells.some((c) => c.code === m.partyOrgCode))).toBe(false);
  });

  it('has about 3,000 members, ~3% probationary, with leading posts held by older members', () => {
    expect(members.length).toBeGreaterThanOrEqual(2700);
    expect(members.length).toBeLessThanOrEqual(3300);
    const probationary = members.filter((m) => m.category === 'probationary').length / members.length;
    expect(probationary).toBeGreaterThan(0.015);
    expect(probationary).toBeLessThan(0.05);
    for (const m of members.filter((x) =>
      ['关长', '副关长', '处长', '局长'].includes(x.businessPost ?? ''),
    )) {
      expect(birthDateFromIdNumber(m.idNumber) < '1981-01-01').toBe(true);
    }
    expect(members.filter((m) => m.businessPost === '关长')).toHaveLength(14); // the organ + 13 offices
    expect(new Set(members.map((m) => m.name)).size).toBeGreaterThan(members.length * 0.8);
  });

  it('holds every invariant and passes the contract schemas', () => {
    checkInvariants(organ);
    UnitImportRowSchema.parse(organ.unit);
    for (const row of organ.orgs) OrgImportRowSchema.parse(row);
    for (const row of organ.departments) DepartmentImportRowSchema.parse(row);
    for (const row of organ.members) expect(MemberImportRowSchema.parse(row)).toEqual(row);
  });
});

describe('demo accounts', () => {
  const { accounts, members, orgs } = organ;
  const byId = new Map(members.map((m) => [m.idNumber, m]));

  it('has one account per role except the system administrator, scoped correctly', () => {
    expect(accounts.map((a) => a.role).sort()).toEqual(ROLES.filter((r) => r !== 'system_admin').sort());
    expect(new Set(accounts.map((a) => a.username)).size).toBe(accounts.length);
    for (const a of accounts) {
      expect(UsernameSchema.parse(a.username)).toBe(a.username);
      if (a.role === 'security_admin' || a.role === 'audit_admin') expect(a.orgCode).toBeNull();
      else expect(orgs.some((o) => o.code === a.orgCode)).toBe(true);
      if (a.memberIdNumber) expect(byId.get(a.memberIdNumber)?.name).toBe(a.displayName);
    }
    const find = (username: string) => accounts.find((a) => a.username === username);
    expect(find('gongwei')?.orgCode).toBe('WC');
    for (const u of ['jiguan', 'dangzu', 'jijian']) expect(find(u)?.orgCode).toBe(organ.unit.rootOrgCode);
    expect(byId.get(find('dangzu')?.memberIdNumber ?? '')?.businessPost).toBe('副关长');
  });

  it('ties the branch roles to the secretary, a committee member and an ordinary member of one branch', () => {
    const branchAccount = (username: string) => {
      const account = accounts.find((a) => a.username === username);
      const member = byId.get(account?.memberIdNumber ?? '');
      expect(member?.partyOrgCode).toBe(account?.orgCode);
      return member;
    };
    const shuji = branchAccount('shuji');
    expect(shuji?.partyPost).toBe('secretary');
    expect(branchAccount('zhiwei')?.partyPost).toBe('committee_member');
    expect(branchAccount('dangyuan')?.partyPost).toBeNull();
    expect(
      new Set(['shuji', 'zhiwei', 'dangyuan'].map((u) => accounts.find((a) => a.username === u)?.orgCode))
        .size,
    ).toBe(1);
  });
});

describe('other scales and options', () => {
  it('works at scale 0.1 with at least one of every kind', () => {
    const small = generateDemoOrgan({ scale: 0.1 });
    checkInvariants(small);
    const kinds = countBy(small.orgs, (o) => o.kind);
    for (const kind of [
      'work_committee',
      'organ_committee',
      'sub_committee',
      'general_branch',
      'branch',
      'cell',
    ]) {
      expect(kinds[kind], kind).toBeGreaterThanOrEqual(1);
    }
    expect(small.orgs.some((o) => o.isTemporary)).toBe(true);
    expect(small.members.length).toBeGreaterThan(200);
    expect(small.members.length).toBeLessThan(500);
    expect(small.accounts).toHaveLength(9);
  });

  it('multiplies the tree and members at scale 2.5 and 10', () => {
    const mid = generateDemoOrgan({ scale: 2.5 });
    checkInvariants(mid);
    expect(mid.orgs.filter((o) => o.kind === 'sub_committee')).toHaveLength(Math.round(13 * 2.5));
    const large = generateDemoOrgan({ scale: 10 });
    expect(large.members.length).toBeGreaterThan(27_000);
    expect(large.members.length).toBeLessThan(33_000);
    expect(large.orgs.filter((o) => o.kind === 'branch' && !o.isTemporary)).toHaveLength(2240);
    checkInvariants(large);
  });

  it('uses the given unit code, unit name and code prefix', () => {
    const custom = generateDemoOrgan({
      scale: 0.1,
      unitCode: 'T-UNIT',
      unitName: '测试海关',
      codePrefix: 'TX',
    });
    expect(custom.unit).toEqual({ code: 'T-UNIT', name: '测试海关', rootOrgCode: 'TX' });
    for (const o of custom.orgs) if (o.code !== 'WC') expect(o.code.startsWith('TX')).toBe(true);
    for (const d of custom.departments) expect(d.code.startsWith('TX-')).toBe(true);
    expect(custom.orgs.find((o) => o.kind === 'organ_committee')?.name).toContain('测试海关');
  });

  it('rejects unusable options', () => {
    expect(() => generateDemoOrgan({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoOrgan({ scale: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoOrgan({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoOrgan({ codePrefix: 'bad prefix' })).toThrow(RangeError);
  });
});

describe('DemoRandom', () => {
  it('repeats per seed and stream, and differs across them', () => {
    const draw = (seed: number, stream: number) => {
      const rng = new DemoRandom(seed, stream);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
  });

  it('keeps int, pick, dateBetween and shuffle within bounds', () => {
    const rng = new DemoRandom(42);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      seen.add(n);
      const d = rng.dateBetween('2024-02-27', '2024-03-02');
      expect(d >= '2024-02-27' && d <= '2024-03-02').toBe(true);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('does calendar arithmetic on ISO dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-11-22', -365)).toBe('2025-11-22');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2023-07-01', 1)).toBe('2024-07-01');
  });
});
