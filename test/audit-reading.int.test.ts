import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#contracts/audit';
import { idNumberCheckChar } from '#contracts/id-number';
import { createUser } from '../server/src/modules/identity/index.ts';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, type Client, signIn, TEST_PASSWORD, type TestApp, userWith } from './helpers.ts';

// The audit log reads in Chinese: actions by label, objects and ids by name, field labels and values; it is
// searched by the operator's name and by an action's Chinese label; the export reads the same.
let t: TestApp;
let officer: Client;
let auditor: Client;
let memberId: string;

const idNumber = () => {
  const first17 = '33020319850612001';
  return `${first17}${idNumberCheckChar(first17)}`;
};

beforeAll(async () => {
  t = await buildTestApp();
  const root = await insertPartyOrg(t.database.db, {
    kind: 'organ_committee',
    code: 'AR-ROOT',
    name: '审计机关党委',
  });
  const b1 = await insertPartyOrg(t.database.db, { parent: root, code: 'AR-B1', name: '甲支部' });
  const b2 = await insertPartyOrg(t.database.db, { parent: root, code: 'AR-B2', name: '乙支部' });
  await createUser(
    t.ctx(),
    {
      username: 'ar-officer',
      displayName: '王干事',
      roles: [{ role: 'organ_committee_officer', partyOrgId: root.id }],
    },
    { password: TEST_PASSWORD, mustChangePassword: false },
  );
  officer = await signIn(t, 'ar-officer');
  auditor = await userWith(t, 'ar-auditor', [{ role: 'audit_admin', partyOrgId: null }]);
  const created = await officer.post('/api/members', {
    name: '赵审计',
    category: 'probationary',
    partyOrgId: b1.id,
    idNumber: idNumber(),
    joinedOn: '2025-07-01',
    transferInOn: '2025-09-01',
  });
  if (created.statusCode !== 200) throw new Error(created.body);
  memberId = created.json().id;
  const moved = await officer.post(`/api/members/${memberId}/transfer`, {
    toPartyOrgId: b2.id,
    on: '2026-07-01',
    reason: '工作调动',
    version: created.json().version,
  });
  if (moved.statusCode !== 200) throw new Error(moved.body);
});
afterAll(async () => {
  await t.close();
});

const search = async (query: string) => {
  const res = await auditor.get(`/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as AuditEntry[];
};

describe('the audit log in Chinese', () => {
  it('finds entries by an action’s Chinese label and shows the object and the ids by name', async () => {
    const found = await search(`action=${encodeURIComponent('转接')}`);
    expect(found.map((e) => e.action)).toEqual(['member.transfer']);
    const entry = found[0] as AuditEntry;
    expect(entry.entityName).toBe('赵审计');
    expect(entry.actorName).toBe('王干事');
    // Both branches hang under a root of no organ, so the member's unit id is the work committee's own unit (ADR 20).
    expect(Object.values(entry.names).sort()).toEqual(
      ['乙支部', '王干事', '甲支部', '赵审计', '机关工委本级'].sort(),
    );
  });

  it('finds entries by the operator’s name as well as by username', async () => {
    const byName = await search(`actor=${encodeURIComponent('王干')}`);
    expect(byName.map((e) => e.action).sort()).toEqual(['auth.login', 'member.create', 'member.transfer']);
    const byUsername = await search('actor=ar-off');
    expect(byUsername.map((e) => e.seq)).toEqual(byName.map((e) => e.seq));
    expect(await search(`actor=${encodeURIComponent('没有这个人')}`)).toEqual([]);
  });

  it('exports the same words: labels, names and the changed fields', async () => {
    const res = await auditor.get(`/api/audit/export?action=${encodeURIComponent('转接')}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('审计日志')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows[0] as string[];
    const line = rows[1] as string[];
    const cell = (name: string) => line[header.indexOf(name)];
    expect(cell('操作人')).toBe('王干事（ar-officer）');
    expect(cell('操作')).toBe('转接组织关系');
    expect(cell('对象类型')).toBe('党员');
    expect(cell('对象')).toBe('赵审计');
    expect(cell('变更内容')).toBe('所在党组织：甲支部 → 乙支部');
    expect(cell('说明')).toBe('转出党组织：甲支部；转入党组织：乙支部；日期：2026-07-01；原因：工作调动');
  });
});
