import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** The audit actions stored in a data directory (read after the CLI processes have ended and released it). */
async function actions(dir: string): Promise<string[]> {
  const { openDatabase } = await import('../server/src/core/db.ts');
  const { loadConfig } = await import('../server/src/core/config.ts');
  const database = await openDatabase(loadConfig({ DATA_DIR: dir }));
  try {
    return (await database.db.selectFrom('auditLog').select('action').execute()).map((r) => r.action);
  } finally {
    await database.close();
  }
}

describe('ronghe CLI', () => {
  it('loads the demo organ, exports and re-imports members and organisations without change', () => {
    const demo = ronghe(['demo', '--scale', '0.1', '--organ-only']);
    expect(demo.out).toContain('演示机关已就绪');
    expect(demo.status).toBe(0);
    // The administrator demo accounts get one-time passwords, printed once; the published one is for business accounts.
    expect(demo.out).toMatch(/secadmin 一次性密码 one-time password: \S{16}/);
    expect(demo.out).toMatch(/auditadmin 一次性密码 one-time password: \S{16}/);
    expect(demo.out).toMatch(/demo accounts: [^\n]*shuji[^\n]*Demo-Pass-2026/);
    expect(demo.out).not.toMatch(/demo accounts: [^\n]*secadmin/);
    const again = ronghe(['demo', '--scale', '0.1', '--organ-only']);
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

  it('imports an organ’s own file with a mapping file, after a preview that asks for the unknown column', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { writeFileSync } = await import('node:fs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['直属机关党员名单']);
    ws.addRow(['序号', '姓名', '证件号', '党员类别', '党组织编码']);
    ws.addRow([1, '映射甲', '110101199003074530', '正式党员', 'JG-B01']);
    ws.addRow(['合计', '共1人']);
    const file = join(work, 'own.xlsx');
    await wb.xlsx.writeFile(file);
    const preview = ronghe(['import', 'members', file, '--preview']);
    expect(preview.status).toBe(2);
    expect(preview.out).toContain('缺少“身份证号”列');
    expect(preview.out).toContain('不导入的列：序号、证件号');
    const mapping = join(work, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ 证件号: '身份证号', 序号: null }));
    const r = ronghe(['import', 'members', file, '--mapping', mapping]);
    expect(r.out).toContain('不导入的列：序号');
    expect(r.out).toContain('合计行，已跳过');
    expect(r.out).toMatch(/新增 1，更新 0/);
    expect(r.status).toBe(0);
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
    const unlocked = ronghe(['user', 'unlock', 'zhangsan', '--address', '10.0.0.9']);
    expect(unlocked.status).toBe(0);
    expect(unlocked.out).toContain('已解除 zhangsan 的登录锁定');
    const unknown = ronghe(['user', 'unlock', 'nobody-at-all']);
    expect(unknown.status).toBe(1);
    expect(unknown.out).toContain('用户不存在');
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

  it('verifies the audit trail and round-trips a backup into a new data directory', async () => {
    const verify = ronghe(['audit', 'verify']);
    expect(verify.status).toBe(0);
    expect(verify.out).toContain('审计日志完整');

    const file = join(work, 'backup.gz');
    expect(ronghe(['backup', file]).status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restored = join(work, 'restored');
    // Without the original key the restore refuses, and creates no key of its own.
    const keyless = ronghe(['restore', file], restored);
    expect(keyless.status).toBe(1);
    expect(keyless.out).toContain('缺少加密密钥');
    expect(existsSync(join(restored, 'keys', 'master.key'))).toBe(false);
    // With another key it refuses too, saying which key to bring.
    const wrong = join(work, 'wrong-key');
    mkdirSync(join(wrong, 'keys'), { recursive: true });
    writeFileSync(join(wrong, 'keys', 'master.key'), `${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
    });
    const refused = ronghe(['restore', file], wrong);
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('当前的加密密钥与备份时的不同');

    cpSync(join(dataDir, 'keys'), join(restored, 'keys'), { recursive: true });
    const r = ronghe(['restore', file], restored);
    expect(r.out).toContain('已恢复');
    expect(r.status).toBe(0);
    expect(ronghe(['audit', 'verify'], restored).status).toBe(0);
    // A restore into a database that holds data is refused.
    const twice = ronghe(['restore', file], restored);
    expect(twice.status).toBe(1);
    expect(twice.out).toContain('目标数据库不是空的');

    // Backup and restore are in the trail: the backup in the source, the restore in the restored system.
    expect(await actions(dataDir)).toContain('system.backup');
    expect(await actions(restored)).toContain('system.restore');
  }, 300_000);

  it('exports a signed checkpoint and verifies the trail against it', () => {
    const checkpoint = join(work, 'audit.checkpoint.json');
    const made = ronghe(['audit', 'checkpoint', checkpoint]);
    expect(made.status).toBe(0);
    expect(JSON.parse(readFileSync(checkpoint, 'utf8'))).toMatchObject({ format: 'ronghe-audit-checkpoint' });
    const against = ronghe(['audit', 'verify', '--checkpoint', checkpoint]);
    expect(against.out).toContain('与检查点');
    expect(against.status).toBe(0);
    const cp = JSON.parse(readFileSync(checkpoint, 'utf8'));
    writeFileSync(checkpoint, JSON.stringify({ ...cp, seq: cp.seq + 1000 }));
    const forged = ronghe(['audit', 'verify', '--checkpoint', checkpoint]);
    expect(forged.status).toBe(1);
    expect(forged.out).toContain('签名不符');
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
