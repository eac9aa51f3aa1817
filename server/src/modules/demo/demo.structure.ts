// The demo organ's skeleton: unit, Party organisation tree, business departments, and a plan (size, sections,
// leaders) for every branch that the member generator then fills. Kept apart from the members so that benchmarks can
// load the tree first and stream the members afterwards.

import type { DepartmentImportRow, OrgImportRow, PartyOrgKind, UnitImportRow } from '#contracts/org';
import {
  chineseNumber,
  DIRECT_BRANCH_DIVISIONS,
  type DivisionSpec,
  GENERAL_BRANCH_DIVISIONS,
  headTitle,
  OFFICE_CORE_SECTIONS,
  OFFICE_OTHER_SECTIONS,
  PLACE_FIRST,
  PLACE_SECOND,
  SUBORDINATE_OFFICES,
  TEMPORARY_THEMES,
  WORK_COMMITTEE_NAME,
} from './demo.names.ts';
import {
  type DemoOptions,
  demoCounts,
  REFERENCE_DATE,
  type ResolvedDemoOptions,
  resolveDemoOptions,
  WORK_COMMITTEE_CODE,
} from './demo.options.ts';
import { addDays, DemoRandom } from './demo.random.ts';

export type BranchPlan = {
  code: string;
  name: string;
  /** Random stream of this branch's members (independent of every other branch). */
  stream: number;
  sectionCodes: readonly string[];
  size: number;
  /** Whose chiefs (关长/副关长) hold their Party membership in this branch. */
  leaders: 'organ' | 'office' | null;
  /** Title of the division head who belongs here (处长, 局长, 主任), if any. */
  divisionHead: string | null;
};

export type DemoStructure = {
  options: ResolvedDemoOptions;
  unit: UnitImportRow;
  /** Parents always come before their children (depth-first order). */
  orgs: OrgImportRow[];
  /** Each division is followed by its sections. */
  departments: DepartmentImportRow[];
  /** Non-temporary branches in generation order; temporary ones carry no members (关系不转). */
  branches: BranchPlan[];
};

type Node = { row: OrgImportRow; children: Node[] };
type Division = { row: DepartmentImportRow; sections: DepartmentImportRow[] };
type Parent = {
  node: Node;
  title: string;
  division: Division;
  pool: readonly string[];
  founded: string;
  weight: number;
  isOffice: boolean;
};

const pad = (n: number) => String(n).padStart(2, '0');
const later = (a: string, b: string) => (a > b ? a : b);

/** The i-th (0-based) entry of a list, with （二）, （三）… once the list has been used up. */
function cycled(list: readonly string[], i: number): string {
  const round = Math.floor(i / list.length);
  const base = list[i % list.length] ?? '';
  return round === 0 ? base : `${base}（${chineseNumber(round + 1)}）`;
}

let officeNamesCache: string[] | null = null;
function officeNames(): string[] {
  if (!officeNamesCache) {
    const names = [...SUBORDINATE_OFFICES];
    for (const a of PLACE_FIRST) {
      for (const b of PLACE_SECOND) {
        const name = `${a}${b}海关`;
        if (!names.includes(name)) names.push(name);
      }
    }
    officeNamesCache = names;
  }
  return officeNamesCache;
}

/** Splits `total` over the weights (largest remainder), giving everyone at least one. */
function apportion(total: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 1);
  const rest = total - weights.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / sum) * rest);
  let given = 0;
  raw.forEach((r, i) => {
    out[i] = (out[i] ?? 0) + Math.floor(r);
    given += Math.floor(r);
  });
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < rest - given; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

export function buildDemoStructure(input: DemoOptions = {}): DemoStructure {
  const options = resolveDemoOptions(input);
  const { unitCode, unitName, codePrefix: P } = options;
  const rng = new DemoRandom(options.seed, 0);
  const counts = demoCounts(options.scale);
  const branches: BranchPlan[] = [];
  const branchNodes = new Map<BranchPlan, Node>();
  const hqDivisions: Division[] = [];
  const officeDivisions: Division[] = [];

  const node = (
    row: Pick<OrgImportRow, 'code' | 'name' | 'kind' | 'parentCode' | 'sortOrder'> & Partial<OrgImportRow>,
  ): Node => ({
    row: {
      unitCode,
      isTemporary: false,
      tempStartOn: null,
      tempEndOn: null,
      foundedOn: null,
      departmentCodes: [],
      status: 'active',
      closedOn: null,
      ...row,
    },
    children: [],
  });
  const addChild = (
    parent: Node,
    kind: PartyOrgKind,
    code: string,
    name: string,
    extra: Partial<OrgImportRow>,
  ) => {
    const child = node({
      code,
      name,
      kind,
      parentCode: parent.row.code,
      sortOrder: parent.children.length + 1,
      ...extra,
    });
    parent.children.push(child);
    return child;
  };
  const division = (list: Division[], code: string, name: string): Division => {
    const d: Division = {
      row: {
        code,
        name,
        kind: 'division',
        parentCode: null,
        unitCode,
        sortOrder: list.length + 1,
        status: 'active',
      },
      sections: [],
    };
    list.push(d);
    return d;
  };
  const section = (d: Division, name: string): string => {
    const code = `${d.row.code}-S${pad(d.sections.length + 1)}`;
    d.sections.push({
      code,
      name,
      kind: 'section',
      parentCode: d.row.code,
      unitCode,
      sortOrder: d.sections.length + 1,
      status: 'active',
    });
    return code;
  };
  const plan = (branch: Node, sectionCodes: string[], extra: Partial<BranchPlan> = {}): BranchPlan => {
    const p: BranchPlan = {
      code: branch.row.code,
      name: branch.row.name,
      stream: branches.length + 1,
      sectionCodes,
      size: 0,
      leaders: null,
      divisionHead: null,
      ...extra,
    };
    branches.push(p);
    branchNodes.set(p, branch);
    return p;
  };

  const root = node({
    code: WORK_COMMITTEE_CODE,
    name: WORK_COMMITTEE_NAME,
    kind: 'work_committee',
    parentCode: null,
    unitCode: null,
    sortOrder: 1,
    foundedOn: '1984-06-01',
  });
  const organ = addChild(root, 'organ_committee', P, `${unitName}直属机关党委`, { foundedOn: '1988-03-15' });

  const parents: Parent[] = [];
  for (let k = 0; k < counts.subCommittees; k++) {
    const title = cycled(officeNames(), k);
    const d = division(officeDivisions, `${P}-G${pad(k + 1)}`, title);
    const founded = rng.dateBetween('1996-01-01', '2016-12-31');
    const pool = [...OFFICE_CORE_SECTIONS, ...rng.shuffle(OFFICE_OTHER_SECTIONS)];
    const n = addChild(organ, 'sub_committee', `${P}-E${pad(k + 1)}`, `${title}党委`, {
      foundedOn: founded,
      departmentCodes: [d.row.code],
    });
    parents.push({
      node: n,
      title,
      division: d,
      pool,
      founded,
      weight: 3.5 * (0.6 + 0.8 * rng.next()),
      isOffice: true,
    });
  }
  const specName = (list: readonly DivisionSpec[], i: number) =>
    cycled(
      list.map((s) => s.name),
      i,
    );
  for (let g = 0; g < counts.generalBranches; g++) {
    const spec = GENERAL_BRANCH_DIVISIONS[g % GENERAL_BRANCH_DIVISIONS.length] as DivisionSpec;
    const title = specName(GENERAL_BRANCH_DIVISIONS, g);
    const d = division(hqDivisions, `${P}-D${pad(g + 1)}`, title);
    const founded = rng.dateBetween(spec.since ?? '1998-01-01', '2019-12-31');
    const n = addChild(organ, 'general_branch', `${P}-Z${pad(g + 1)}`, `${title}党总支`, {
      foundedOn: founded,
      departmentCodes: [d.row.code],
    });
    parents.push({
      node: n,
      title,
      division: d,
      pool: spec.sections,
      founded,
      weight: 0.6 + 0.8 * rng.next(),
      isOffice: false,
    });
  }

  const quotas = apportion(
    counts.baseBranches,
    parents.map((p) => p.weight),
  );
  const baseBranches: BranchPlan[] = [];
  parents.forEach((parent, pi) => {
    let used = 0;
    const nextSection = () => {
      const name = parent.pool[used] ?? `业务${chineseNumber(used - parent.pool.length + 1)}科`;
      used++;
      return { name, code: section(parent.division, name) };
    };
    for (let j = 0; j < (quotas[pi] ?? 1); j++) {
      const served = rng.chance(0.2) ? [nextSection(), nextSection()] : [nextSection()];
      const label = served.map((s) => s.name).join('');
      const name = `${parent.title}${label}${served.length > 1 ? '联合' : ''}党支部`;
      const code = `${parent.node.row.code}-B${pad(j + 1)}`;
      const founded = rng.dateBetween(parent.founded, later(parent.founded, '2022-12-31'));
      const sectionCodes = served.map((s) => s.code);
      const branch = addChild(parent.node, 'branch', code, name, {
        foundedOn: founded,
        departmentCodes: sectionCodes,
      });
      const first = j === 0;
      baseBranches.push(
        plan(branch, sectionCodes, {
          leaders: parent.isOffice && first ? 'office' : null,
          divisionHead: !parent.isOffice && first ? headTitle(parent.title) : null,
        }),
      );
    }
  });

  for (let i = 0; i < counts.directBranches; i++) {
    const spec = DIRECT_BRANCH_DIVISIONS[i % DIRECT_BRANCH_DIVISIONS.length] as DivisionSpec;
    const title = specName(DIRECT_BRANCH_DIVISIONS, i);
    const d = division(hqDivisions, `${P}-D${pad(counts.generalBranches + i + 1)}`, title);
    const sectionCodes = spec.sections.slice(0, rng.chance(0.3) ? 1 : 2).map((s) => section(d, s));
    const branch = addChild(organ, 'branch', `${P}-B${pad(i + 1)}`, `${title}党支部`, {
      foundedOn: rng.dateBetween(spec.since ?? '1995-01-01', '2020-12-31'),
      departmentCodes: sectionCodes,
    });
    // The organ's own chiefs are members of the general office's branch.
    plan(branch, sectionCodes, { leaders: i === 0 ? 'organ' : null, divisionHead: headTitle(title) });
  }

  const big = new Set(rng.shuffle(baseBranches).slice(0, Math.max(1, Math.round(0.1 * branches.length))));
  for (const p of branches) {
    const minimum =
      (p.leaders === 'organ' ? 4 : p.leaders ? 3 : 0) +
      (p.divisionHead ? 2 : 0) +
      2 * p.sectionCodes.length +
      4;
    p.size = Math.max(minimum, big.has(p) ? rng.int(24, 34) : rng.int(9, 15));
  }
  for (const p of big) {
    const branch = branchNodes.get(p) as Node;
    const founded = branch.row.foundedOn ?? '2010-01-01';
    for (let c = 1; c <= 2; c++) {
      addChild(branch, 'cell', `${p.code}-C${c}`, `${p.name}第${chineseNumber(c)}党小组`, {
        foundedOn: rng.dateBetween(founded, later(founded, '2024-12-31')),
      });
    }
  }

  const subs = parents.filter((p) => p.isOffice);
  for (let t = 0; t < counts.temporaryBranches; t++) {
    const parent = subs[Math.floor((t * subs.length) / counts.temporaryBranches)] as Parent;
    const ended = t % 2 === 0;
    const start = ended
      ? rng.dateBetween('2024-03-01', '2025-09-30')
      : rng.dateBetween('2026-03-01', '2026-10-31');
    const end = ended ? addDays(start, rng.int(60, 300)) : addDays(REFERENCE_DATE, rng.int(30, 400));
    const code = `${parent.node.row.code}-T${t + 1}`;
    addChild(parent.node, 'branch', code, `${parent.title}${cycled(TEMPORARY_THEMES, t)}临时党支部`, {
      isTemporary: true,
      tempStartOn: start,
      tempEndOn: end,
      foundedOn: start,
      status: ended ? 'closed' : 'active',
      closedOn: ended ? end : null,
    });
  }

  const orgs: OrgImportRow[] = [];
  const flatten = (n: Node) => {
    orgs.push(n.row);
    n.children.forEach(flatten);
  };
  flatten(root);
  // Headquarters divisions first, then the subordinate offices, as in the organ's own organisation chart.
  for (const d of officeDivisions) d.row.sortOrder += hqDivisions.length;
  const departments = [...hqDivisions, ...officeDivisions].flatMap((d) => [d.row, ...d.sections]);
  return { options, unit: { code: unitCode, name: unitName, rootOrgCode: P }, orgs, departments, branches };
}
