import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI as an operator uses it, each command a separate process on the same embedded data directory.
const work = mkdtempSync(join(tmpdir(), 'ronghe-cli-'));
const dataDir = join(work, 'data');

function ronghe(args: string[], dir = dataDir) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('ronghe CLI', () => {
  it('loads the demo organ, exports and re-imports members and organisations without change', () => {
    const demo = ronghe(['demo', '--scale', '0.1']);
    expect(demo.out).toContain('演示机关已就绪');
    expect(demo.status).toBe(0);
    const again = ronghe(['demo', '--scale', '0.1']);
    expect(again.out).toMatch(/党组织 \d+ 个：本次新建 0，已存在并更新 0，已存在且无变化 [1-9]\d*/);
    expect(again.out).toMatch(/党员 \d+ 人：本次新建 0，已存在并更新 0，已存在且无变化 [1-9]\d*/);

    const members = join(work, 'members.xlsx');
    expect(ronghe(['export', 'members', members]).status).toBe(0);
    const back = ronghe(['import', 'members', members]);
    expect(back.out).toMatch(/新增 0，更新 0，未变 \d+/);
    const orgs = join(work, 'orgs.xlsx');
    expect(ronghe(['export', 'organisations', orgs]).status).toBe(0);
    expect(ronghe(['import', 'organisations', orgs]).out).toMatch(/新增 0，更新 0/);
  }, 300_000);

  it('refuses a roster with a bad row, writes nothing and leaves an error report beside the file', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码']);
    ws.addRow(['新同志', '110101199003074514', '正式党员', 'JG-B01']);
    ws.addRow(['错号码', '110101199003074515', '正式党员', 'JG-B01']);
    const file = join(work, 'bad.xlsx');
    await wb.xlsx.writeFile(file);
    const r = ronghe(['import', 'members', file]);
    expect(r.status).toBe(2);
    expect(r.out).toContain('未导入任何数据');
    expect(r.out).toContain('校验位');
    expect(existsSync(join(work, 'bad.错误报告.xlsx'))).toBe(true);
    const again = ronghe(['export', 'members', join(work, 'after.xlsx')]);
    expect(again.status).toBe(0);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(join(work, 'after.xlsx'));
    let found = false;
    report.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        if (row.values && JSON.stringify(row.values).includes('新同志')) found = true;
      }),
    );
    expect(found).toBe(false);
  }, 120_000);

  it('creates an account with a one-time password and resets it', () => {
    const created = ronghe([
      'user',
      'create',
      'zhangsan',
      '--name',
      '张三',
      '--role',
      'organ_committee_officer',
      '--org',
      'JG',
    ]);
    expect(created.status).toBe(0);
    expect(created.out).toMatch(/初始密码 \(shown once\): \S{16}/);
    const reset = ronghe(['user', 'reset-password', 'zhangsan']);
    expect(reset.out).toMatch(/新的初始密码 \(shown once\): \S{16}/);
    const bad = ronghe([
      'user',
      'create',
      'lisi',
      '--name',
      '李四',
      '--role',
      'organ_committee_officer',
      '--org',
      'NOPE',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('找不到编码为 NOPE 的党组织');
  }, 120_000);

  it('verifies the audit trail and round-trips a backup into a new data directory', () => {
    const verify = ronghe(['audit', 'verify']);
    expect(verify.status).toBe(0);
    expect(verify.out).toContain('审计日志完整');

    const file = join(work, 'backup.gz');
    expect(ronghe(['backup', file]).status).toBe(0);
    expect(existsSync(file)).toBe(true);
    const restored = join(work, 'restored');
    const r = ronghe(['restore', file], restored);
    expect(r.out).toContain('已恢复');
    expect(r.status).toBe(0);
    expect(ronghe(['audit', 'verify'], restored).status).toBe(0);
    // A restore into a database that holds data is refused.
    const twice = ronghe(['restore', file], restored);
    expect(twice.status).toBe(1);
    expect(twice.out).toContain('目标数据库不是空的');
  }, 300_000);

  it('explains a bad configuration instead of starting', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'migrate'], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('配置错误');
    expect(r.stderr).toContain('PORT');
  }, 60_000);
});
