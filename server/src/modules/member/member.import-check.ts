// Validation of roster rows against each other and the database, chunk by chunk as the file is read: the
// organisations and departments in the importer's scope are loaded once (for codes and names), members are looked up
// per chunk (one query per chunk of ID hashes or masked numbers, never one per row). Every problem becomes an issue
// naming row, column and reason; unlikely but allowed facts become warnings; nothing is skipped silently.
//
// What a message may say about personal numbers (ADR 0015): never where a number is registered, and never which
// other row or member a number belongs to unless the importer may see that member's number. A number that is
// already registered and that the importer may not address by its full form gets one message, the same wherever it
// is registered.
import { ID_NUMBER_MESSAGES, idNumberProblem, isMasked } from '#contracts/id-number';
import { GENDER_LABELS, PhoneSchema } from '#contracts/member';
import type { ImportIssue } from '#contracts/transfer';
import { chunked } from '../../core/chunked.ts';
import type { Actor, Ctx } from '../../core/context.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import {
  type DirectoryDepartment,
  type DirectoryOrg,
  departmentNameKey,
  findDepartmentsByCodes,
  listPartyOrgRefsByCodes,
  loadOrgDirectory,
  orgNameKey,
} from '../org/index.ts';
import {
  departmentProblem,
  identityOf,
  memberFactIssues,
  memberOrgProblem,
  todayIso,
  transferInProblem,
} from './member.policy.ts';
import * as repo from './member.repository.ts';
import { IMPORT_LABEL, type ImportKey, issueValue, type RosterRow } from './member.roster.ts';

export type ImportEntry = { rowNumber: number; row: RosterRow };

type ScopeOrg = DirectoryOrg;

/** A row that passed every check, with what it refers to resolved. */
export type CheckedRow = {
  rowNumber: number;
  row: RosterRow;
  /** The full number when the row gave one; null when it gave the masked form of `existing`'s number. */
  idNumber: string | null;
  idNumberHash: string;
  existing: repo.MemberRow | null;
  org: ScopeOrg;
  departmentId: string | null;
  departmentName: string | null;
  /** The row's phone is the masked form of the stored one: keep what is stored. */
  keepPhone: boolean;
  /** Where the membership history in `org` starts when this row places the member there. */
  historyFromOn: string;
};

export type CheckOutcome = { rows: CheckedRow[]; issues: ImportIssue[]; warnings: ImportIssue[] };

export const LOOKUP_CHUNK = 1000;

/**
 * The message for a full ID number that is already registered and that this importer cannot use: registered
 * outside their scope, or registered with them but they may not see full numbers. Deliberately one text: it says
 * neither where nor whose.
 */
export const NUMBER_UNAVAILABLE =
  '该身份证号已有登记，不能通过本次导入使用。修改已登记党员的信息请使用系统导出的名册（保留脱敏号码）；如需转入本组织，请联系上级党组织核实办理';

async function lookup<T, K>(keys: readonly K[], fetch: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunked([...new Set(keys)], LOOKUP_CHUNK)) out.push(...(await fetch(chunk)));
  return out;
}

const YEAR_MS = 365.25 * 86_400_000;
function yearsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / YEAR_MS;
}
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String((y ?? 0) + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const listed = (orgs: readonly ScopeOrg[]) =>
  orgs
    .slice(0, 5)
    .map((o) => `${o.fullName}（编码 ${o.code}）`)
    .join('；') + (orgs.length > 5 ? ` 等 ${orgs.length} 个` : '');

/**
 * A checker for one import: call check() with the rows of each chunk in file order. It remembers what it has seen
 * (one row per member) across chunks.
 */
export async function createRowChecker(
  ctx: Ctx & { actor: Actor },
  sheet: string,
  headers: Partial<Record<ImportKey, string>>,
) {
  const { actor, secrets } = ctx;
  const scope = await loadOrgDirectory(ctx, scopeSql(actor, 'member.import', 'path'));
  const today = todayIso();
  const importScope = scopeSql(actor, 'member.import', 'po.path');
  const firstRowOf = new Map<string, { row: number; text: string }>();
  const column = (key: ImportKey) => headers[key] ?? IMPORT_LABEL[key];

  function resolveOrg(row: RosterRow, fail: (key: ImportKey, value: string | null, reason: string) => void) {
    if (row.partyOrgCode) {
      const org = scope.byCode.get(row.partyOrgCode);
      if (!org)
        fail(
          'partyOrgCode',
          row.partyOrgCode,
          outsideCodes.has(row.partyOrgCode)
            ? '该党组织不在您的管理范围内'
            : '党组织编码不存在，请核对（见组织管理）',
        );
      return org ?? null;
    }
    const name = row.partyOrgName ?? '';
    const found = scope.byName.get(orgNameKey(name)) ?? [];
    const candidates = found.length > 1 ? found.filter((o) => o.status === 'active') : found;
    if (candidates.length === 1) return candidates[0] ?? null;
    if (candidates.length > 1) {
      fail(
        'partyOrgName',
        name,
        `名称“${name}”在您的管理范围内对应多个党组织：${listed(candidates)}。请填写全称或党组织编码`,
      );
      return null;
    }
    const key = orgNameKey(name);
    // Suggestions only, never a silent match: 办公室支部 for 办公室党支部, or a part of a longer name.
    const loose = (k: string) => k.replace(/党/g, '');
    const similar = [...scope.byCode.values()].filter((o) => {
      const own = orgNameKey(o.name);
      return key.length >= 2 && (own.includes(key) || key.includes(own) || loose(own) === loose(key));
    });
    fail(
      'partyOrgName',
      name,
      similar.length > 0
        ? `您的管理范围内没有名为“${name}”的党组织，是否指：${listed(similar)}？请填写全称或党组织编码`
        : `您的管理范围内没有名为“${name}”的党组织，请核对名称或改填党组织编码（见组织管理）`,
    );
    return null;
  }

  // Organisation codes outside the scope, so that the message can say so (codes are not personal data).
  const outsideCodes = new Set<string>();
  // Departments named by code are looked up per chunk (the department–organisation rule is member.service's).
  const deptByCode = new Map<string, DirectoryDepartment>();

  function resolveDepartment(
    row: RosterRow,
    org: ScopeOrg,
    fail: (key: ImportKey, value: string | null, reason: string) => void,
  ): { id: string; name: string } | null {
    if (row.departmentCode) {
      const d = scope.deptByCode.get(row.departmentCode) ?? deptByCode.get(row.departmentCode);
      if (!d) {
        fail('departmentCode', row.departmentCode, '部门编码不存在，请核对');
        return null;
      }
      // The member's department belongs to the organ of the member's organisation (5.5).
      const problem = departmentProblem(d, org.unitId);
      if (problem) fail('departmentCode', row.departmentCode, problem);
      return problem ? null : d;
    }
    if (!row.departmentName) return null;
    if (!org.unitId) {
      fail('departmentName', row.departmentName, '该党组织未关联单位，无法按名称确定部门；请填写部门编码');
      return null;
    }
    const found = (scope.deptByName.get(departmentNameKey(org.unitId, row.departmentName)) ?? []).filter(
      (d) => d.status === 'active',
    );
    if (found.length === 1) return found[0] ?? null;
    fail(
      'departmentName',
      row.departmentName,
      found.length === 0
        ? `本单位没有名为“${row.departmentName}”的在用部门，请核对（见组织管理中的部门）`
        : `本单位有多个名为“${row.departmentName}”的部门（编码 ${found.map((d) => d.code).join('、')}），请填写部门编码`,
    );
    return null;
  }

  async function check(entries: readonly ImportEntry[]): Promise<CheckOutcome> {
    const issues: ImportIssue[] = [];
    const warnings: ImportIssue[] = [];
    const add = (
      list: ImportIssue[],
      rowNumber: number,
      key: ImportKey,
      value: string | null,
      reason: string,
    ) => list.push({ sheet, row: rowNumber, column: column(key), value: issueValue(key, value), reason });

    type Local = ImportEntry & { idNumber: string | null; hash: string | null; ok: boolean };
    const locals: Local[] = entries.map(({ rowNumber, row }) => {
      let ok = true;
      const fail = (key: ImportKey, value: string | null, reason: string) => {
        add(issues, rowNumber, key, value, reason);
        ok = false;
      };
      const name = row.name.trim();
      if (!name) fail('name', null, '请填写姓名');
      else if ([...name].length > 50) fail('name', name, '姓名不能超过 50 个字符');
      const id = row.idNumber.trim().toUpperCase();
      let idNumber: string | null = null;
      if (!isMasked(id)) {
        const problem = idNumberProblem(id);
        if (problem) fail('idNumber', id || null, ID_NUMBER_MESSAGES[problem]);
        else idNumber = id;
      }
      if (row.phone && !isMasked(row.phone) && !PhoneSchema.safeParse(row.phone).success) {
        fail('phone', row.phone, '手机号应为 11 位（或带区号的固定电话）');
      }
      return {
        rowNumber,
        row: { ...row, name, idNumber: id },
        idNumber,
        hash: idNumber ? secrets.blindIndex(idNumber) : null,
        ok,
      };
    });

    const byHash = new Map(
      (
        await lookup(
          locals.flatMap((l) => (l.hash ? [l.hash] : [])),
          (c) => repo.findMembersByHashes(ctx.db, c),
        )
      ).map((m) => [m.idNumberHash, m]),
    );
    const foreign = locals.flatMap((l) =>
      l.row.partyOrgCode && !scope.byCode.has(l.row.partyOrgCode) ? [l.row.partyOrgCode] : [],
    );
    for (const o of await lookup(foreign, async (c) => [
      ...(await listPartyOrgRefsByCodes(ctx.db, c)).values(),
    ]))
      outsideCodes.add(o.code);
    const unknownCodes = locals.flatMap((l) =>
      l.row.departmentCode &&
      !scope.deptByCode.has(l.row.departmentCode) &&
      !deptByCode.has(l.row.departmentCode)
        ? [l.row.departmentCode]
        : [],
    );
    for (const d of await lookup(unknownCodes, (c) => findDepartmentsByCodes(ctx.db, c)))
      deptByCode.set(d.code, d);
    const maskedRows = await lookup(
      locals.flatMap((l) => (l.idNumber === null && isMasked(l.row.idNumber) ? [l.row.idNumber] : [])),
      (c) => repo.findMembersByMasked(ctx.db, c, importScope),
    );
    const byMaskedName = new Map<string, repo.MemberRow[]>();
    for (const m of maskedRows) {
      const key = `${m.idNumberMasked}\u0000${m.name}`;
      byMaskedName.set(key, [...(byMaskedName.get(key) ?? []), m]);
    }

    const rows: CheckedRow[] = [];
    for (const l of locals) {
      const { rowNumber, row } = l;
      let ok = l.ok;
      const fail = (key: ImportKey, value: string | null, reason: string) => {
        add(issues, rowNumber, key, value, reason);
        ok = false;
      };
      const warn = (key: ImportKey, value: string | null, reason: string) =>
        add(warnings, rowNumber, key, value, reason);

      // Who the row is about: a full number (new or known) or a masked one that must name exactly one member.
      let existing: repo.MemberRow | null = null;
      if (l.hash) {
        const known = byHash.get(l.hash) ?? null;
        if (known) {
          const usable =
            isInScope(actor, 'member.import', known.partyOrgPath) &&
            isInScope(actor, 'member.sensitive', known.partyOrgPath);
          if (usable) existing = known;
          else fail('idNumber', row.idNumber, NUMBER_UNAVAILABLE);
        }
      } else if (isMasked(row.idNumber)) {
        const candidates = byMaskedName.get(`${row.idNumber}\u0000${row.name}`) ?? [];
        if (candidates.length === 1) existing = candidates[0] ?? null;
        else {
          fail(
            'idNumber',
            row.idNumber,
            candidates.length === 0
              ? '身份证号为脱敏显示，且在您的管理范围内找不到同名、同号的党员；新增党员请填写完整身份证号'
              : '身份证号为脱敏显示，对应多名同名党员，无法确定是哪一位；请填写完整身份证号',
          );
        }
      }
      // One row per member. Rows holding the same text are named (the file shows it); rows linked only through
      // the database are named only to an importer who may see that member's number.
      const memberKey = existing?.id ?? l.hash;
      if (memberKey) {
        const first = firstRowOf.get(memberKey);
        if (first !== undefined) {
          const sameText = first.text === row.idNumber;
          const maySee = existing ? isInScope(actor, 'member.sensitive', existing.partyOrgPath) : true;
          fail(
            'idNumber',
            row.idNumber,
            sameText
              ? `与第 ${first.row} 行身份证号相同，同一党员只能出现一次`
              : maySee
                ? `与第 ${first.row} 行是同一党员，同一党员只能出现一次`
                : '文件中另有一行是同一党员，同一党员只能出现一次；请删除重复的行',
          );
        } else firstRowOf.set(memberKey, { row: rowNumber, text: row.idNumber });
      }

      const org = resolveOrg(row, fail);
      if (org) {
        const problem = memberOrgProblem(org);
        const orgKey = row.partyOrgCode ? 'partyOrgCode' : 'partyOrgName';
        if (problem) fail(orgKey, row.partyOrgCode ?? row.partyOrgName ?? null, problem);
        else if (existing && existing.status !== 'active' && existing.partyOrgId !== org.id) {
          fail(
            orgKey,
            row.partyOrgCode ?? row.partyOrgName ?? null,
            '该党员已登记离开，不能通过导入转接组织关系',
          );
        }
      }

      const dept = org ? resolveDepartment(row, org, fail) : null;

      let keepPhone = false;
      if (row.phone && isMasked(row.phone)) {
        if (existing?.phoneMasked === row.phone) keepPhone = true;
        else fail('phone', row.phone, '手机号为脱敏显示，与系统中已登记的号码不符；请填写完整手机号');
      }

      const identity = l.idNumber
        ? identityOf(l.idNumber)
        : existing
          ? { gender: existing.gender as 'male' | 'female', birthDate: existing.birthDate }
          : null;
      if (identity) {
        const facts = memberFactIssues({
          identity,
          gender: row.gender,
          category: row.category,
          joinedOn: row.joinedOn,
          fullOn: row.fullOn,
        });
        for (const f of facts) {
          const value =
            f.field === 'gender' ? (row.gender ? GENDER_LABELS[row.gender].zh : null) : row[f.field];
          fail(f.field, value, f.message);
        }
        // Allowed but unlikely: the user confirms them.
        if (
          row.joinedOn &&
          identity.birthDate &&
          row.joinedOn >= identity.birthDate &&
          row.joinedOn < addYears(identity.birthDate, 18)
        ) {
          warn('joinedOn', row.joinedOn, '入党时不满 18 周岁（按身份证号中的出生日期计算），请核实入党日期');
        }
      }
      if (row.category === 'probationary' && row.joinedOn && yearsBetween(row.joinedOn, today) > 1) {
        warn(
          'category',
          '预备党员',
          `入党已超过一年（${row.joinedOn}）仍为预备党员，请核实是否已按期转正；已转正的请改为正式党员并填写转正日期`,
        );
      }

      const transferInOn = row.transferInOn ?? null;
      const transferIn = transferInOn && transferInProblem(transferInOn, row.joinedOn ?? null, today);
      if (transferIn) fail('transferInOn', transferInOn, transferIn);

      if (ok && org) {
        const idNumberHash = l.hash ?? existing?.idNumberHash;
        if (idNumberHash)
          rows.push({
            rowNumber,
            row,
            idNumber: l.idNumber,
            idNumberHash,
            existing,
            org,
            departmentId: dept?.id ?? null,
            departmentName: dept?.name ?? null,
            keepPhone,
            historyFromOn: transferInOn ?? today,
          });
      }
    }
    return { rows, issues, warnings };
  }

  return { check };
}
