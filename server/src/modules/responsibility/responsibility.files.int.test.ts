import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appraisal } from '#contracts/handover';
import type { Item, ListDetail } from '#contracts/responsibility';
import type { MyDuties } from '#contracts/responsibility-me';
import { documentText, loadWorkbook, rowsOf, unzip, xmlProblem } from '../../../../test/file-fixtures.ts';
import type { Client, TestApp } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Clock,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';

// The lists and the coverage view out as .xlsx, a list and a year-end report as .docx: what the files say, read back
// the way Excel and Word would read them.
let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let b1Secretary: Client;
let b2Secretary: Client;
let supervisor: Client;
let plainMember: Client;
let principal: ListDetail;
let b1List: ListDetail;
let pointId: string;
let b1SecretaryId: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-03-10'));
  o = await seedOrgan(t, 'RF');
  const jgSecretaryId = await addMember(t, o.JG, '王书记', 'secretary');
  b1SecretaryId = await addMember(t, o.B1, '李支书', 'secretary');
  const b2SecretaryId = await addMember(t, o.B2, '赵支书', 'secretary');
  officer = await personWith(t, 'rf-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  const wc = await personWith(t, 'rf-wc', null, [{ role: 'work_committee_officer', partyOrgId: o.WC.id }]);
  b1Secretary = await personWith(t, 'rf-b1', b1SecretaryId, [
    { role: 'branch_secretary', partyOrgId: o.B1.id },
  ]);
  b2Secretary = await personWith(t, 'rf-b2', b2SecretaryId, [
    { role: 'branch_secretary', partyOrgId: o.B2.id },
  ]);
  supervisor = await personWith(t, 'rf-sup', null, [{ role: 'supervisor', partyOrgId: o.JG.id }]);
  plainMember = await personWith(t, 'rf-mem', null, [{ role: 'member', partyOrgId: o.B1.id }]);

  const [template] = await ok<{ id: string }[]>(officer.get('/api/responsibility/templates'));
  principal = await ok(
    officer.post('/api/responsibility/lists', {
      year: 2026,
      level: 'principal',
      partyOrgId: o.JG.id,
      templateId: template?.id,
    }),
  );
  b1List = await ok(
    officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B1.id }),
  );
  await ok(
    officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B2.id }),
  );
  pointId = (
    await ok<{ id: string }>(
      wc.post('/api/responsibility/work-points', {
        year: 2026,
        domain: 'fusion',
        category: '融合发展',
        title: '开展“党建+营商环境”攻坚',
        weight: 2,
      }),
    )
  ).id;
  await ok(
    wc.post('/api/responsibility/work-points', {
      year: 2026,
      domain: 'party',
      category: '政治建设',
      title: '深化模范机关创建',
    }),
  );
  const taken = await ok<Item>(
    officer.post(`/api/responsibility/lists/${principal.id}/items`, {
      workPointId: pointId,
      domain: 'fusion',
      category: '融合发展',
      title: '营商环境攻坚（党组）',
      detail: '第一步：梳理企业诉求\n第二步：逐项销号',
      ownerOrgId: o.JG.id,
      ownerMemberId: jgSecretaryId,
      deadline: '2026-12-31',
      issued: true,
    }),
  );
  const b1Item = await ok<Item>(
    b1Secretary.post(`/api/responsibility/lists/${b1List.id}/items`, {
      parentItemId: taken.id,
      domain: 'business',
      category: '业务工作',
      title: '压缩通关时间',
      ownerOrgId: o.B1.id,
      ownerMemberId: b1SecretaryId,
      deadline: '2026-06-30',
    }),
  );
  await ok(
    b1Secretary.post(`/api/responsibility/lists/${b1List.id}/items`, {
      domain: 'party',
      category: '组织生活',
      title: '每月开展主题党日',
      ownerOrgId: o.B1.id,
      recurrence: 'monthly',
      effectiveFrom: '2026-01-01',
    }),
  );
  const duties = await ok<MyDuties>(b1Secretary.get('/api/me/duties'));
  const mine = duties.duties.find((d) => d.itemId === b1Item.id);
  await ok(
    b1Secretary.post(`/api/me/duties/${mine?.period.id}/reports`, {
      progress: 100,
      done: true,
      note: '通关时间压缩至 2 小时',
    }),
  );
  b1List = await ok(officer.get(`/api/responsibility/lists/${b1List.id}`));
});
afterAll(async () => {
  await t.close();
});

describe('a list as .xlsx', () => {
  it('has the import’s headers, a frozen header row, widths and an A4 landscape page, and one row per duty', async () => {
    const res = await supervisor.get(`/api/responsibility/lists/${principal.id}/export`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(principal.title));
    const wb = await loadWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('职责');
    if (!ws) throw new Error('no 职责 sheet');
    const rows = rowsOf(ws);
    expect(rows[0]?.[0]).toContain(principal.title);
    expect(rows[1]?.slice(0, 8)).toEqual([
      '序号',
      '领域',
      '类别',
      '职责内容',
      '具体要求',
      '责任党组织',
      '党组织编码',
      '责任人',
    ]);
    expect(rows[1]).toContain('承接的工作要点');
    expect(rows[1]).not.toContain('身份证号后4位');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(4).width).toBe(28);
    expect(ws.getColumn(4).alignment).toMatchObject({ wrapText: true });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    // The template's 8 duties and the one that took up the work point.
    expect(rows.length - 2).toBe(9);
    const header = rows[1] as string[];
    const line = rows.find((r) => r[3] === '营商环境攻坚（党组）') as string[];
    const at = (h: string) => line[header.indexOf(h)];
    expect(at('领域')).toBe('融合');
    expect(at('具体要求')).toBe('第一步：梳理企业诉求\n第二步：逐项销号');
    expect(at('责任党组织')).toBe('RF局机关党委');
    expect(at('党组织编码')).toBe('RFJG');
    expect(at('责任人')).toBe('王书记');
    expect(at('完成时限')).toBe('2026-12-31');
    expect(at('周期')).toBe('一次性');
    expect(at('是否下发')).toBe('是');
    expect(at('承接的工作要点')).toBe('开展“党建+营商环境”攻坚');
    expect(at('当前状态')).toBe('进行中');
  });

  it('shows progress, state and evidence, and what a branch duty took up', async () => {
    const res = await b1Secretary.get(`/api/responsibility/lists/${b1List.id}/export`);
    const rows = rowsOf((await loadWorkbook(res.rawPayload)).getWorksheet('职责') as never);
    const header = rows[1] as string[];
    const line = rows.find((r) => r[3] === '压缩通关时间') as string[];
    const at = (h: string) => line[header.indexOf(h)];
    expect(at('承接的上级职责')).toBe('营商环境攻坚（党组）');
    expect(at('当前状态')).toBe('按时完成');
    expect(at('进度（%）')).toBe('100');
    expect(at('佐证（条）')).toBe('1');
    const monthly = rows.find((r) => r[3] === '每月开展主题党日') as string[];
    expect(monthly[header.indexOf('周期')]).toBe('每月');
    expect(monthly[header.indexOf('当前周期')]).toBe('2026年1月');
    expect(monthly[header.indexOf('当前状态')]).toBe('已逾期');
  });

  it('is refused without the permission and hidden out of scope', async () => {
    expectError(
      await plainMember.get(`/api/responsibility/lists/${b1List.id}/export`),
      403,
      'auth.forbidden',
    );
    expectError(
      await b2Secretary.get(`/api/responsibility/lists/${b1List.id}/export`),
      404,
      'responsibility.list_not_found',
    );
    expectError(
      await b2Secretary.get(`/api/responsibility/lists/${b1List.id}/document`),
      404,
      'responsibility.list_not_found',
    );
  });
});

describe('the coverage view as .xlsx', () => {
  it('flattens the tree with its level, progress, state, flags and who should act', async () => {
    const res = await officer.get(`/api/responsibility/coverage/export?year=2026&unitId=${o.JG.unitId}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const ws = (await loadWorkbook(res.rawPayload)).getWorksheet('覆盖情况');
    if (!ws) throw new Error('no 覆盖情况 sheet');
    const rows = rowsOf(ws);
    expect(rows[0]?.[0]).toContain('RF局2026年度工作要点覆盖情况');
    expect(rows[1]).toEqual([
      '层级',
      '类型',
      '工作要点及承接职责',
      '领域',
      '责任层级',
      '责任党组织',
      '责任人',
      '权重',
      '进度（%）',
      '状态',
      '需关注的问题',
      '应由谁处理',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const point = rows.find((r) => r[2] === '开展“党建+营商环境”攻坚') as string[];
    expect(point.slice(0, 2)).toEqual(['1', '工委工作要点']);
    const organ = rows.find((r) => r[2]?.trim() === '营商环境攻坚（党组）') as string[];
    expect(organ[0]).toBe('2');
    expect(organ[2]).toBe('\u3000\u3000营商环境攻坚（党组）');
    expect(organ[4]).toBe('主体责任');
    expect(organ[6]).toBe('王书记');
    const branch = rows.find((r) => r[2]?.trim() === '压缩通关时间') as string[];
    expect(branch.slice(0, 2)).toEqual(['3', '职责']);
    expect(branch[8]).toBe('100');
    expect(branch[9]).toBe('按时完成');
    expect(organ[10]).toBe('');
    // A work point nobody took up: flagged with who should act (the 党组's side, its secretary named).
    const untaken = rows.find((r) => r[2] === '深化模范机关创建') as string[];
    expect(untaken[10]).toBe('RF局尚未承接此项工作要点');
    expect(untaken[11]).toContain('王书记');
  });
});

function docxParts(buf: Buffer) {
  const parts = unzip(buf);
  // What Word needs to open a document: the content types, the package relationships, the main part and its own.
  for (const part of [
    '[Content_Types].xml',
    '_rels/.rels',
    'word/document.xml',
    'word/_rels/document.xml.rels',
    'word/styles.xml',
  ])
    expect(parts.has(part), part).toBe(true);
  expect(parts.get('[Content_Types].xml')?.toString()).toContain(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  );
  expect(parts.get('_rels/.rels')?.toString()).toMatch(/Target="\/?word\/document\.xml"/);
  for (const [name, data] of parts)
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      expect(xmlProblem(data.toString('utf8')), name).toBeNull();
  return parts;
}

describe('a list as .docx', () => {
  it('is a well-formed Word document: A4, 宋体, the duties grouped by domain and the signature lines', async () => {
    const res = await supervisor.get(`/api/responsibility/lists/${principal.id}/document`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    const parts = docxParts(res.rawPayload);
    const xml = parts.get('word/document.xml')?.toString() ?? '';
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:tblHeader');
    const text = documentText(parts);
    expect(text).toContain(principal.title);
    expect(text).toContain('RF局机关党委');
    expect(text).toContain('一、党建');
    expect(text).toContain('营商环境攻坚（党组）');
    expect(text).toContain('第一步：梳理企业诉求');
    expect(text).toContain('党组书记（签字）');
    expect(text).toContain('年　　月　　日');
    expect(text.indexOf('一、党建')).toBeLessThan(text.indexOf('营商环境攻坚（党组）'));
    // The footer numbers the pages.
    expect([...parts.keys()].some((k) => /^word\/footer\d*\.xml$/.test(k))).toBe(true);
  });
});

describe('a year-end report as .docx', () => {
  let report: Appraisal;
  it('carries the summary, every duty’s outcome and evidence, and once appraised the grades', async () => {
    clock.set('2026-12-20');
    report = await ok<Appraisal>(officer.post('/api/appraisals', { listId: b1List.id }));
    const raterId = await addMember(t, o.B1, '钱委员', 'committee_member');
    const rater = await personWith(t, 'rf-rater', raterId, [{ role: 'member', partyOrgId: o.B1.id }]);
    await ok(officer.put(`/api/appraisals/${report.id}/raters`, { memberIds: [raterId] }));
    const edited = await ok<Appraisal>(
      b1Secretary.patch(`/api/appraisals/${report.id}`, {
        summary: '一年来，支部坚持党建引领业务。\n压缩通关时间成效明显。',
        version: report.version,
      }),
    );
    // A draft: the author's own copy, no grades yet.
    let res = await b1Secretary.get(`/api/appraisals/${report.id}/document`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    let text = documentText(docxParts(res.rawPayload));
    expect(text).toContain('述职报告');
    expect(text).toContain('李支书');
    expect(text).toContain('草稿');
    expect(text).toContain('压缩通关时间成效明显。');
    expect(text).toContain('按时完成');
    expect(text).toContain('未完成');
    expect(text).toContain('通关时间压缩至 2 小时');
    expect(text).not.toContain('评议结果');

    await ok(b1Secretary.post(`/api/appraisals/${report.id}/submit`, { version: edited.version }));
    await ok(rater.post(`/api/appraisals/${report.id}/rate`, { grade: 'good' }));
    res = await officer.get(`/api/appraisals/${report.id}/document`);
    text = documentText(docxParts(res.rawPayload));
    expect(text).toContain('已评议');
    expect(text).toContain('三、评议结果');
    expect(text).toContain('好 1 票');
    expect(text).toContain('评议等次：好');
  });

  it('is shown to whoever may see the report, and to nobody else', async () => {
    // A secretary of another branch neither wrote it nor reads branch B1's records.
    expectError(
      await b2Secretary.get(`/api/appraisals/${report.id}/document`),
      404,
      'responsibility.appraisal_not_found',
    );
    expectError(
      await plainMember.get(`/api/appraisals/${report.id}/document`),
      404,
      'responsibility.appraisal_not_found',
    );
    expect((await supervisor.get(`/api/appraisals/${report.id}/document`)).statusCode).toBe(200);
  });
});
