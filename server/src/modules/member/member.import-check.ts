// Validation of roster rows against each other and the database, set-based: one query per chunk of codes, ID
// hashes or masked numbers, never one per row. Every problem becomes an issue naming row, column and reason;
// nothing is skipped silently.
import { ID_NUMBER_MESSAGES, idNumberProblem, isMasked } from '#contracts/id-number';
import type { MemberImportRow } from '#contracts/member';
import { GENDER_LABELS, PhoneSchema } from '#contracts/member';
import type { ImportIssue } from '#contracts/transfer';
import type { Actor, Ctx } from '../../core/context.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { findDepartmentsByCodes, listPartyOrgRefsByCodes, type PartyOrgRef } from '../org/index.ts';
import { departmentProblem, identityOf, memberFactIssues, memberOrgProblem } from './member.policy.ts';
import * as repo from './member.repository.ts';
import { issueValue, ROSTER_HEADER, type RosterKey } from './member.roster.ts';

export type ImportEntry = { rowNumber: number; row: MemberImportRow };

/** A row that passed every check, with what it refers to resolved. */
export type CheckedRow = {
  rowNumber: number;
  row: MemberImportRow;
  /** The full number when the row gave one; null when it gave the masked form of `existing`'s number. */
  idNumber: string | null;
  idNumberHash: string;
  existing: repo.MemberRow | null;
  org: PartyOrgRef;
  departmentId: string | null;
  /** The row's phone is the masked form of the stored one: keep what is stored. */
  keepPhone: boolean;
};

export const LOOKUP_CHUNK = 1000;

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function lookup<T, K>(keys: readonly K[], fetch: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunked([...new Set(keys)], LOOKUP_CHUNK)) out.push(...(await fetch(chunk)));
  return out;
}

export async function checkRows(
  ctx: Ctx & { actor: Actor },
  entries: readonly ImportEntry[],
  sheet: string,
): Promise<{ rows: CheckedRow[]; issues: ImportIssue[] }> {
  const { actor, secrets } = ctx;
  const issues: ImportIssue[] = [];
  const add = (rowNumber: number, key: RosterKey, value: string | null, reason: string) =>
    issues.push({ sheet, row: rowNumber, column: ROSTER_HEADER[key], value: issueValue(key, value), reason });

  // Checks of each row on its own; the hash of a full ID number is computed once here.
  type Local = ImportEntry & { idNumber: string | null; hash: string | null; ok: boolean };
  const locals: Local[] = entries.map(({ rowNumber, row }) => {
    let ok = true;
    const fail = (key: RosterKey, value: string | null, reason: string) => {
      add(rowNumber, key, value, reason);
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

  const orgs = new Map(
    (
      await lookup(
        locals.map((l) => l.row.partyOrgCode),
        async (c) => [...(await listPartyOrgRefsByCodes(ctx.db, c)).values()],
      )
    ).map((o) => [o.code, o]),
  );
  const departmentCodes = locals.flatMap((l) => (l.row.departmentCode ? [l.row.departmentCode] : []));
  const departments = new Map(
    (await lookup(departmentCodes, (c) => findDepartmentsByCodes(ctx.db, c))).map((d) => [d.code, d]),
  );
  const byHash = new Map(
    (
      await lookup(
        locals.flatMap((l) => (l.hash ? [l.hash] : [])),
        (c) => repo.findMembersByHashes(ctx.db, c),
      )
    ).map((m) => [m.idNumberHash, m]),
  );
  const importScope = scopeSql(actor, 'member.import', 'po.path');
  const maskedRows = await lookup(
    locals.flatMap((l) => (l.idNumber === null && isMasked(l.row.idNumber) ? [l.row.idNumber] : [])),
    (c) => repo.findMembersByMasked(ctx.db, c, importScope),
  );
  const byMaskedName = new Map<string, repo.MemberRow[]>();
  for (const m of maskedRows) {
    const key = `${m.idNumberMasked}\u0000${m.name}`;
    byMaskedName.set(key, [...(byMaskedName.get(key) ?? []), m]);
  }

  const firstRowOf = new Map<string, number>();
  const rows: CheckedRow[] = [];
  for (const l of locals) {
    const { rowNumber, row } = l;
    let ok = l.ok;
    const fail = (key: RosterKey, value: string | null, reason: string) => {
      add(rowNumber, key, value, reason);
      ok = false;
    };

    // Who the row is about: a full number (new or known) or a masked one that must name exactly one member.
    let existing: repo.MemberRow | null = null;
    if (l.hash) existing = byHash.get(l.hash) ?? null;
    else if (isMasked(row.idNumber)) {
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
    const memberKey = existing?.id ?? l.hash;
    if (memberKey) {
      const first = firstRowOf.get(memberKey);
      if (first !== undefined)
        fail('idNumber', row.idNumber, `与第 ${first} 行是同一身份证号，同一党员只能出现一次`);
      else firstRowOf.set(memberKey, rowNumber);
    }
    if (existing && !isInScope(actor, 'member.import', existing.partyOrgPath)) {
      fail(
        'idNumber',
        row.idNumber,
        '该身份证号已登记在您管理范围以外的党组织，不能通过导入修改；如需转入，请办理组织关系转接',
      );
      existing = null;
    }

    const org = orgs.get(row.partyOrgCode) ?? null;
    if (!org) fail('partyOrgCode', row.partyOrgCode, '党组织编码不存在，请核对（见组织管理）');
    else if (!isInScope(actor, 'member.import', org.path))
      fail('partyOrgCode', row.partyOrgCode, '该党组织不在您的管理范围内');
    else {
      const problem = memberOrgProblem(org);
      if (problem) fail('partyOrgCode', row.partyOrgCode, problem);
      else if (existing && existing.status !== 'active' && existing.partyOrgId !== org.id) {
        fail('partyOrgCode', row.partyOrgCode, '该党员已登记离开，不能通过导入转接组织关系');
      }
    }

    let departmentId: string | null = null;
    if (row.departmentCode) {
      const dept = departments.get(row.departmentCode);
      // Without a known organisation its unit is unknown: only the department's own state is checked then.
      const problem = dept && departmentProblem(dept, org ? org.unitId : dept.unitId);
      if (!dept) fail('departmentCode', row.departmentCode, '部门编码不存在，请核对');
      else if (problem) fail('departmentCode', row.departmentCode, problem);
      else departmentId = dept.id;
    }

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
    }

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
          departmentId,
          keepPhone,
        });
    }
  }
  return { rows, issues };
}
