import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '#contracts/member';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { writeGateOf } from '../../core/db.ts';
import { finishCommittedImports, importMemberWorkbook } from './index.ts';
import { buildTree, newIdNumber, type Tree } from './member.fixtures.ts';
import { PUBLISH_CHUNK } from './member.import-stage.ts';

// A committed import is published into member (ADR 19): on a server in the committing transaction, on the embedded
// database in chunks of their own transactions. A publication cut short — here by a progress callback that fails
// after the first chunk, as a crash would cut it — is finished by the next start (finishCommittedImports, which
// openRuntime calls) with every row, its history and its pinyin sort key; nothing is lost and nothing doubled.

let t: TestApp;
let tree: Tree;
let officer: Client;
beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'PUB');
  officer = await userWith(t, 'pub-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
});
afterAll(async () => {
  await t.close();
});

async function roster(names: readonly string[], branchCode: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码']);
  for (const name of names) ws.addRow([name, newIdNumber(), '正式党员', branchCode]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = async (table: 'member_import_batch' | 'member_import_stage') =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db))
      .rows[0]?.n,
  );

const inBranch = async (branchId: string) =>
  (await officer.get(`/api/members?pageSize=100&partyOrgId=${branchId}&sort=name`)).json() as {
    total: number;
    items: Member[];
  };

describe('publishing a committed import', () => {
  it('finishes a publication cut short, with histories and pinyin order, and nothing twice', async () => {
    // More rows than one chunk, named so that pinyin order differs from code-point order (阿 a1 after 张 in code points).
    const rows = PUBLISH_CHUNK * 2 + 7;
    const names = Array.from(
      { length: rows },
      (_, i) => `${i % 2 ? '张' : '阿'}${String(i).padStart(4, '0')}`,
    );
    const seen: number[] = [];
    const chunked = writeGateOf(t.database.db) !== null;
    const importing = importMemberWorkbook(t.ctx(), await roster(names, 'PUBB2'), {
      acceptWarnings: true,
      onPublished: (done) => {
        seen.push(done);
        throw new Error('power cut after the first chunk');
      },
    });
    if (chunked) {
      await expect(importing).rejects.toThrow('power cut');
      // Committed, partly published: one chunk is in member, the rest waits under its batch.
      expect(seen).toEqual([PUBLISH_CHUNK]);
      expect((await inBranch(tree.b2.id)).total).toBe(PUBLISH_CHUNK);
      expect(await count('member_import_batch')).toBe(1);
      expect(await count('member_import_stage')).toBe(rows - PUBLISH_CHUNK);
      expect(await finishCommittedImports(t.ctx())).toBe(1);
    } else {
      // A server publishes in the committing transaction: there is no chunk to report.
      expect((await importing).created).toBe(rows);
      expect(seen).toEqual([]);
    }
    expect(await count('member_import_batch')).toBe(0);
    expect(await count('member_import_stage')).toBe(0);
    expect(await finishCommittedImports(t.ctx())).toBe(0);

    const list = await inBranch(tree.b2.id);
    expect(list.total).toBe(rows);
    // Pinyin order: every 阿 (a) before every 张 (zhang), which code-point order would reverse.
    const first = list.items.slice(0, 5).map((m) => m.name);
    expect(first.every((n) => n.startsWith('阿'))).toBe(true);
    const history = await sql<{ n: number }>`
      select count(*)::int as n from member_org_history h join member m on m.id = h.member_id
      where m.party_org_id = ${tree.b2.id} and h.reason = '名册导入' and h.to_on is null`.execute(
      t.database.db,
    );
    expect(history.rows[0]?.n).toBe(rows);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'member.import'
      and (details->>'created')::int = ${rows}`.execute(t.database.db);
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('sorts imported members by pinyin among members entered by hand', async () => {
    const res = await officer.post('/api/members', {
      name: '林五',
      category: 'full',
      partyOrgId: tree.b1.id,
      idNumber: newIdNumber(),
    });
    expect(res.statusCode).toBe(200);
    const outcome = await importMemberWorkbook(t.ctx(), await roster(['张三', '阿大', '李四'], 'PUBB1'), {
      acceptWarnings: true,
    });
    expect(outcome.created).toBe(3);
    expect((await inBranch(tree.b1.id)).items.map((m) => m.name)).toEqual(['阿大', '李四', '林五', '张三']);
  });
});
