// Any list of branch records as .xlsx (issue 10, point 10): the list's own filters and scope, every record they find
// in the list's order, the entry template's columns first (so that a secretary reads both alike) and then what the
// template does not take. A talk is exported only as having taken place — when, who talked, with whom — never its
// topic, place, content or resolutions; no record's minutes (content) are exported at all.
import { sql } from 'kysely';
import { type BranchRecordKind, GRADE_LABELS, type Grade, RECORD_KIND_LABELS } from '#contracts/branch';
import type { RecordExportQuery } from '#contracts/branch-files';
import { chunked } from '../../core/chunked.ts';
import { type Ctx, todayOf } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { attachmentsOf } from '../attachment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { scopeSql } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { talkReadableSql } from './branch.access.ts';
import { RECORD_COLUMNS } from './branch.records-import-columns.ts';
import { RECORD_OWNER } from './branch.records-read.ts';

export const MAX_EXPORT_ROWS = 10_000;
const CHUNK = 1000;
const SOURCE_LABELS: Record<string, string> = { entry: '登记', import: '导入', demo: '演示数据' };

async function findRecords(ctx: Ctx, q: RecordExportQuery) {
  let query = ctx.db
    .selectFrom('branchRecord as r')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
    )
    .where(scopeSql(ctx.actor, 'branch.read', 'o.path'));
  if (q.partyOrgId) {
    const org = await ctx.db
      .selectFrom('partyOrg')
      .select('path')
      .where('id', '=', q.partyOrgId)
      .executeTakeFirst();
    // As in the list: an organisation out of scope exports nothing rather than telling that it exists.
    query = query.where('o.path', 'like', `${org?.path ?? '/none/'}%`);
  }
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.status) query = query.where('r.status', '=', q.status);
  const day = sql<string>`coalesce(${sql.ref('r.heldOn')}, ${sql.ref('r.plannedOn')})`;
  if (q.from) query = query.where(day, '>=', q.from);
  if (q.to) query = query.where(day, '<=', q.to);
  // As the list: a talk's topic answers the search only of those who may read the talk.
  if (q.q)
    query = query
      .where('r.topic', 'ilike', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .where(talkReadableSql(ctx, 'r', 'o.path'));
  return query
    .select([
      'r.id',
      'r.unitId',
      'r.kind',
      'r.status',
      'r.plannedOn',
      'r.heldOn',
      'r.topic',
      'r.place',
      'r.hostMemberId',
      'r.recorderMemberId',
      'r.resolutions',
      'r.parts',
      'r.studied',
      'r.appliedTo',
      'r.outcome',
      'r.source',
      'o.name as orgName',
      'o.code as orgCode',
    ])
    .orderBy(day, 'desc')
    .orderBy('r.createdAt', 'desc')
    .limit(MAX_EXPORT_ROWS + 1)
    .execute();
}

async function peopleOf(ctx: Ctx, unitIds: readonly string[], ids: readonly string[]) {
  const attendees = [];
  const grades = [];
  for (const chunk of chunked(ids, CHUNK)) {
    attendees.push(
      ...(await ctx.db
        .selectFrom('branchRecordAttendee')
        .select(['recordId', 'memberId', 'attendance', 'reason', 'expected'])
        .where('unitId', 'in', [...unitIds])
        .where('recordId', 'in', chunk)
        .execute()),
    );
    grades.push(
      ...(await ctx.db
        .selectFrom('memberGrade')
        .select(['recordId', 'memberId', 'grade'])
        .where('unitId', 'in', [...unitIds])
        .where('recordId', 'in', chunk)
        .execute()),
    );
  }
  return { attendees, grades };
}

function byRecord<T extends { recordId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.recordId);
    if (list) list.push(r);
    else out.set(r.recordId, [r]);
  }
  return out;
}

const EXTRA_COLUMNS: ColumnSpec[] = [
  { key: 'status', header: '状态', width: 8 },
  { key: 'orgCode', header: '党组织编码', width: 14 },
  { key: 'expectedCount', header: '应到人数', width: 9, type: 'integer' },
  { key: 'presentCount', header: '实到人数', width: 9, type: 'integer' },
  { key: 'theory', header: '学习一段理论', width: 24, wrap: true },
  { key: 'bulletin', header: '通报一次业绩', width: 24, wrap: true },
  { key: 'exchange', header: '开展一次交流', width: 24, wrap: true },
  { key: 'microLecture', header: '讲一堂微党课', width: 24, wrap: true },
  { key: 'studied', header: '学习内容', width: 24, wrap: true },
  { key: 'appliedTo', header: '解决的业务问题', width: 24, wrap: true },
  { key: 'outcome', header: '取得的成效', width: 24, wrap: true },
  { key: 'grades', header: '评议等次', width: 30, wrap: true },
  { key: 'attachments', header: '附件数', width: 8, type: 'integer' },
  { key: 'source', header: '来源', width: 8 },
];

export async function exportRecords(
  ctx: Ctx,
  q: RecordExportQuery,
): Promise<{ buffer: Buffer; filename: string }> {
  const rows = await findRecords(ctx, q);
  if (rows.length > MAX_EXPORT_ROWS)
    throw invalid(
      'branch.export_too_many',
      `符合条件的记录超过 ${MAX_EXPORT_ROWS} 条，请按党组织、类型或日期缩小范围后分批导出`,
    );
  const ids = rows.map((r) => r.id);
  const [{ attendees, grades }, files] = await Promise.all([
    peopleOf(ctx, [...new Set(rows.map((r) => r.unitId))], ids),
    attachmentsOf(ctx, RECORD_OWNER, ids),
  ]);
  const names = await memberRefs(ctx.db, [
    ...rows.flatMap((r) => [r.hostMemberId, r.recorderMemberId].filter((x): x is string => !!x)),
    ...attendees.map((a) => a.memberId),
    ...grades.map((g) => g.memberId),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? '（已删除的党员）') : null);
  const attendeesOf = byRecord(attendees);
  const gradesOf = byRecord(grades);

  const lines = rows.map((r) => {
    const people = attendeesOf.get(r.id) ?? [];
    const named = (filter: (a: (typeof people)[number]) => boolean, reason = false) =>
      people
        .filter(filter)
        .map((a) => {
          const name = nameOf(a.memberId) ?? '';
          return reason && a.reason ? `${name}（${a.reason}）` : name;
        })
        .join('、');
    const talk = r.kind === 'talk';
    return {
      kind: RECORD_KIND_LABELS[r.kind as BranchRecordKind].zh,
      heldOn: r.heldOn ?? r.plannedOn,
      org: r.orgName,
      topic: talk ? null : r.topic,
      place: talk ? null : r.place,
      host: nameOf(r.hostMemberId),
      recorder: talk ? null : nameOf(r.recorderMemberId),
      expected: talk ? null : named((a) => a.expected),
      present: named((a) => a.attendance === 'present'),
      absent: named((a) => a.attendance !== 'present', true),
      resolutions: talk ? null : r.resolutions,
      status: r.status === 'held' ? '已召开' : '计划',
      orgCode: r.orgCode,
      expectedCount: talk ? null : people.filter((a) => a.expected).length,
      presentCount: people.filter((a) => a.attendance === 'present').length,
      theory: r.parts?.theory,
      bulletin: r.parts?.bulletin,
      exchange: r.parts?.exchange,
      microLecture: r.parts?.microLecture,
      studied: r.studied,
      appliedTo: r.appliedTo,
      outcome: r.outcome,
      grades: (gradesOf.get(r.id) ?? [])
        .map((g) => `${nameOf(g.memberId) ?? ''}：${GRADE_LABELS[g.grade as Grade].zh}`)
        .join('、'),
      attachments: files.get(r.id)?.length ?? 0,
      source: SOURCE_LABELS[r.source] ?? r.source,
    };
  });
  const buffer = await writeWorkbook([
    {
      name: '支部工作记录',
      intro: `支部工作记录 ${rows.length} 条（导出于 ${todayOf(ctx)}）。谈心谈话只列出谈话时间和人员，谈话内容不导出；会议记录正文请在系统中查看。`,
      columns: [...RECORD_COLUMNS.map(({ required: _r, list: _l, note: _n, ...c }) => c), ...EXTRA_COLUMNS],
      rows: lines,
      print: {
        pageSetup: {
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:2',
        },
        headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
      },
    },
  ]);
  await recordAudit(ctx, {
    action: 'branch.records_export',
    entityType: 'branch_record',
    details: { rows: rows.length, ...q },
  });
  return { buffer, filename: `支部工作记录${todayOf(ctx)}.xlsx` };
}
