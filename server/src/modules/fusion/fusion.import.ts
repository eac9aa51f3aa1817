// The 需求清单 and 资源清单 in from .xlsx (issue 11 point 1), all or nothing: every cell is read and checked, every row
// resolved against the organ (departments, branches, members, partners by name or code), and the whole file written
// in one transaction, or refused with every problem by row and column and a report to download. A row that names a
// need (department + title) or a resource (organisation + kind + title) already kept updates it, so the same list
// imported again keeps it current rather than doubling it.
import { dateProblem } from '#contracts/common';
import { RESOURCE_KIND_LABELS, type ResourceKind, URGENCY_LABELS, type Urgency } from '#contracts/fusion';
import { type Ctx, inTransaction, todayOf } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import {
  matchLabel,
  normalizeText,
  parseDateCell,
  parseIntegerCell,
  parseListCell,
} from '../../core/spreadsheet/cells.ts';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import { type Issue, sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { storeReport } from '../transfer/index.ts';
import { actorOf, managedOrgan, readableOrgan } from './fusion.access.ts';
import {
  type Col,
  KIND_ALIASES,
  NEED_COLUMNS,
  type NeedKey,
  RESOURCE_COLUMNS,
  type ResourceKey,
} from './fusion.import-columns.ts';

const MAX_ROWS = 2_000;
const IN_ANSWER = 200;
export type ImportResult = { created: number; updated: number };

const text = (v: unknown) => normalizeText(v, { keepFullWidthPunctuation: true });

async function refuse(ctx: Ctx, issues: readonly Issue[], name: string): Promise<never> {
  const actor = actorOf(ctx).actor;
  const sorted = sortIssues(issues);
  const reportToken = await storeReport(
    ctx,
    actor.userId,
    await writeIssueReport(sorted),
    `${name}导入问题报告.xlsx`,
  );
  const rows = new Set(sorted.filter((i) => i.row > 0).map((i) => i.row)).size;
  throw new AppError(
    'invalid',
    'fusion.import_invalid',
    `文件中有 ${sorted.length} 处问题（涉及 ${rows} 行），未导入任何内容；请按提示修改后重新导入`,
    {
      issues: sorted.slice(0, IN_ANSWER).map((i) => ({
        field: i.row > 0 ? `第${i.row}行 ${i.column}` : i.column || i.sheet,
        message: i.reason,
      })),
      details: { issues: sorted.slice(0, IN_ANSWER), total: sorted.length, reportToken },
    },
  );
}

/** Reads every row of a sheet into plain cells, with the sheet's own problems (missing columns, too many rows). */
async function readRows<K extends string>(buf: Buffer, sheetNames: string[], columns: readonly Col<K>[]) {
  const stream = await readSheetRows<K>(buf, {
    sheet: sheetNames,
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      aliases: c.aliases ?? [],
      required: c.required ?? false,
    })),
  });
  const sheet = stream.sheetName;
  const issues: Issue[] = stream.missingColumns.map((column) => ({
    sheet,
    row: stream.headerRow,
    column,
    value: null,
    reason: `表头中没有“${column}”列，请使用导入模板填写`,
  }));
  const rows: { row: number; cells: Record<K, unknown> }[] = [];
  if (issues.length > 0) {
    await stream.close();
    return { sheet, rows, issues };
  }
  for await (const data of stream.rows) {
    if (rows.length >= MAX_ROWS) {
      await stream.close();
      throw new AppError(
        'invalid',
        'fusion.import_too_many',
        `一个文件最多导入 ${MAX_ROWS} 行，请拆分后分批导入`,
      );
    }
    rows.push({ row: data.rowNumber, cells: data.cells });
  }
  if (rows.length === 0)
    issues.push({ sheet, row: 0, column: '', value: null, reason: '文件中没有数据行，请在表头下逐行填写' });
  return { sheet, rows, issues };
}

function checker<K extends string>(sheet: string, columns: readonly Col<K>[], issues: Issue[]) {
  const header = new Map(columns.map((c) => [c.key, c.header]));
  return (row: number, key: K, value: unknown, reason: string): null => {
    issues.push({ sheet, row, column: header.get(key) ?? key, value: text(value), reason });
    return null;
  };
}

function tagsOf(value: unknown, fail: (reason: string) => null): string[] | null {
  const tags = [...new Set(parseListCell(value))];
  if (tags.length > 8) return fail('关键词最多 8 个');
  if (tags.some((t) => t.length > 20)) return fail('每个关键词不超过 20 个字');
  return tags;
}

const by = <T extends { name: string; code?: string }>(items: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const i of items)
    for (const k of [i.name, i.code].filter(Boolean) as string[]) map.set(k, [...(map.get(k) ?? []), i]);
  return map;
};

export async function importNeeds(ctx: Ctx, unitId: string, buf: Buffer): Promise<ImportResult> {
  await managedOrgan(ctx, unitId);
  const read = await readRows<NeedKey>(buf, ['需求清单', '需求'], NEED_COLUMNS);
  const issues = [...read.issues];
  const fail = checker(read.sheet, NEED_COLUMNS, issues);
  const depts = by(
    await ctx.db
      .selectFrom('department')
      .select(['id', 'name', 'code'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .execute(),
  );
  const today = todayOf(ctx);
  const rows = read.rows.flatMap(({ row, cells }) => {
    const before = issues.length;
    const deptText = text(cells.department);
    const matches = deptText ? (depts.get(deptText) ?? []) : [];
    const dept =
      matches.length === 1
        ? matches[0]
        : fail(
            row,
            'department',
            cells.department,
            matches.length > 1
              ? '有同名部门，请改填部门编码'
              : '本单位没有这个在用的业务部门，请填写部门名称或编码',
          );
    const title = text(cells.title);
    if (!title) fail(row, 'title', null, '请填写需求（业务难题）');
    else if (title.length > 100) fail(row, 'title', title, '不能超过 100 个字');
    const problem = text(cells.problem);
    if (!problem) fail(row, 'problem', null, '请描述具体问题');
    else if (problem.length > 2000) fail(row, 'problem', null, '不能超过 2000 个字');
    const urgency = matchLabel<Urgency>(cells.urgency, URGENCY_LABELS, {
      急: 'urgent',
      特急: 'critical',
      普通: 'normal',
    });
    if (!urgency) fail(row, 'urgency', cells.urgency, '请填写“一般”“较急”或“紧急”');
    const raisedBy = text(cells.raisedBy);
    if (!raisedBy) fail(row, 'raisedBy', null, '请填写提出人');
    const date = parseDateCell(cells.raisedOn);
    if (!date.ok) fail(row, 'raisedOn', cells.raisedOn, date.reason);
    else if (dateProblem(date.value))
      fail(row, 'raisedOn', cells.raisedOn, dateProblem(date.value) as string);
    else if (date.value > today) fail(row, 'raisedOn', cells.raisedOn, '提出日期不能晚于今天');
    const tags = tagsOf(cells.tags, (r) => fail(row, 'tags', cells.tags, r));
    if (issues.length > before || !dept || !title || !problem || !urgency || !raisedBy || !date.ok || !tags)
      return [];
    return [
      {
        row,
        departmentId: dept.id,
        title,
        problem,
        kpiName: text(cells.kpi),
        urgency,
        raisedBy: raisedBy.slice(0, 50),
        raisedOn: date.value,
        tags,
      },
    ];
  });
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.departmentId}|${r.title}`;
    const first = seen.get(key);
    if (first) fail(r.row, 'title', r.title, `与第 ${first} 行重复（同一部门同名的需求）`);
    else seen.set(key, r.row);
  }
  if (issues.length > 0) return refuse(ctx, issues, '需求清单');
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('fusionNeed')
      .select(['id', 'departmentId', 'title', 'version'])
      .where('unitId', '=', unitId)
      .execute();
    const byKey = new Map(existing.map((e) => [`${e.departmentId}|${e.title}`, e]));
    let created = 0;
    let updated = 0;
    const fresh = rows.filter((r) => !byKey.has(`${r.departmentId}|${r.title}`));
    if (fresh.length)
      await tx.db
        .insertInto('fusionNeed')
        .values(
          fresh.map(({ row: _r, ...r }) => ({ unitId, ...r, createdByUserId: ctx.actor?.userId ?? null })),
        )
        .execute();
    created = fresh.length;
    for (const r of rows) {
      const was = byKey.get(`${r.departmentId}|${r.title}`);
      if (!was) continue;
      const { row: _r, ...fields } = r;
      await tx.db
        .updateTable('fusionNeed')
        .set({ ...fields, version: was.version + 1, updatedAt: new Date() })
        .where('unitId', '=', unitId)
        .where('id', '=', was.id)
        .execute();
      updated++;
    }
    await recordAudit(tx, {
      action: 'fusion.needs_import',
      entityType: 'unit',
      entityId: unitId,
      details: { created, updated },
    });
    return { created, updated };
  });
}

export async function importResources(ctx: Ctx, unitId: string, buf: Buffer): Promise<ImportResult> {
  await readableOrgan(ctx, unitId);
  const read = await readRows<ResourceKey>(buf, ['资源清单', '资源'], RESOURCE_COLUMNS);
  const issues = [...read.issues];
  const fail = checker(read.sheet, RESOURCE_COLUMNS, issues);
  const [orgRows, memberRows, partnerRows] = await Promise.all([
    ctx.db
      .selectFrom('partyOrg')
      .select(['id', 'name', 'code', 'path', 'kind'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .where('kind', 'in', ['branch', 'general_branch', 'organ_committee', 'sub_committee'])
      .execute(),
    ctx.db
      .selectFrom('member')
      .select(['id', 'name', 'partyOrgId'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .execute(),
    ctx.db
      .selectFrom('partnerOrg')
      .select(['id', 'name'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .execute(),
  ]);
  const orgs = by(orgRows);
  const partners = by(partnerRows);
  const rows = read.rows.flatMap(({ row, cells }) => {
    const before = issues.length;
    const orgText = text(cells.org);
    const found = orgText ? (orgs.get(orgText) ?? []) : [];
    const org =
      found.length === 1
        ? found[0]
        : fail(
            row,
            'org',
            cells.org,
            found.length > 1
              ? '有同名党组织，请改填党组织编码'
              : '本单位没有这个在建的党支部（党总支、党委）',
          );
    if (org && !isInScope(ctx.actor, 'fusion.project', org.path))
      fail(row, 'org', cells.org, '该党组织不在您的管辖范围内，不能为其登记资源');
    const kind = matchLabel<ResourceKind>(cells.kind, RESOURCE_KIND_LABELS, KIND_ALIASES);
    if (!kind)
      fail(
        row,
        'kind',
        cells.kind,
        `请填写${Object.values(RESOURCE_KIND_LABELS)
          .map((l) => `“${l.zh}”`)
          .join('')}之一`,
      );
    const title = text(cells.title);
    if (!title) fail(row, 'title', null, '请填写资源');
    else if (title.length > 100) fail(row, 'title', title, '不能超过 100 个字');
    const memberName = text(cells.member);
    let memberId: string | null = null;
    if (memberName) {
      const named = memberRows.filter((m) => m.name === memberName);
      const inOrg = org ? named.filter((m) => m.partyOrgId === org.id) : named;
      const pick = inOrg.length === 1 ? inOrg : named;
      if (pick.length === 1) memberId = pick[0]?.id ?? null;
      else
        fail(
          row,
          'member',
          memberName,
          pick.length > 1 ? '本单位有同名党员，请到系统中逐个登记' : '本单位没有这名在册党员',
        );
    } else if (kind === 'skill' || kind === 'certificate')
      fail(row, 'member', null, '党员专长和职业资格要写明是哪位党员');
    const partnerName = text(cells.partner);
    let partnerOrgId: string | null = null;
    if (partnerName) {
      partnerOrgId =
        partners.get(partnerName)?.[0]?.id ?? fail(row, 'partner', partnerName, '请先登记这个共建单位');
    } else if (kind === 'partner') fail(row, 'partner', null, '共建单位资源要写明是哪个共建单位');
    const capacity = text(cells.capacity)
      ? parseIntegerCell(cells.capacity, { min: 1, max: 20 })
      : { ok: true as const, value: 1 };
    if (!capacity.ok) fail(row, 'capacity', cells.capacity, `${capacity.reason}（1 到 20）`);
    const tags = tagsOf(cells.tags, (r) => fail(row, 'tags', cells.tags, r));
    const description = text(cells.description);
    if (description && description.length > 1000) fail(row, 'description', null, '不能超过 1000 个字');
    if (issues.length > before || !org || !kind || !title || !capacity.ok || !tags) return [];
    return [
      {
        row,
        partyOrgId: org.id,
        kind,
        title,
        description,
        memberId,
        partnerOrgId,
        tags,
        capacity: capacity.value,
      },
    ];
  });
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.partyOrgId}|${r.kind}|${r.title}`;
    const first = seen.get(key);
    if (first) fail(r.row, 'title', r.title, `与第 ${first} 行重复（同一党组织同类同名的资源）`);
    else seen.set(key, r.row);
  }
  if (issues.length > 0) return refuse(ctx, issues, '资源清单');
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('fusionResource')
      .select(['id', 'partyOrgId', 'kind', 'title', 'version'])
      .where('unitId', '=', unitId)
      .execute();
    const byKey = new Map(existing.map((e) => [`${e.partyOrgId}|${e.kind}|${e.title}`, e]));
    const fresh = rows.filter((r) => !byKey.has(`${r.partyOrgId}|${r.kind}|${r.title}`));
    if (fresh.length)
      await tx.db
        .insertInto('fusionResource')
        .values(
          fresh.map(({ row: _r, ...r }) => ({ unitId, ...r, createdByUserId: ctx.actor?.userId ?? null })),
        )
        .execute();
    let updated = 0;
    for (const r of rows) {
      const was = byKey.get(`${r.partyOrgId}|${r.kind}|${r.title}`);
      if (!was) continue;
      const { row: _r, ...fields } = r;
      await tx.db
        .updateTable('fusionResource')
        .set({ ...fields, version: was.version + 1, updatedAt: new Date() })
        .where('unitId', '=', unitId)
        .where('id', '=', was.id)
        .execute();
      updated++;
    }
    await recordAudit(tx, {
      action: 'fusion.resources_import',
      entityType: 'unit',
      entityId: unitId,
      details: { created: fresh.length, updated },
    });
    return { created: fresh.length, updated };
  });
}
