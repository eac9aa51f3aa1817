// Reading branch records: one in full, pages of summaries. Set-based: one query per page for the records, one for
// their attendance counts, one for the names they mention, one for their attachment counts, one for the talks the
// reader took part in.

import { sql } from 'kysely';
import {
  type BranchRecord,
  RECORD_KIND_LABELS,
  type RecordListQuery,
  type RecordSummary,
} from '#contracts/branch';
import type { Page } from '#contracts/common';
import type { Ctx } from '../../core/context.ts';
import { attachmentsOf } from '../attachment/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { mayReadTalk, type RecordRow, recordInScope, talkReadableSql } from './branch.access.ts';
import { jointOf } from './branch.joint.ts';

export const RECORD_OWNER = 'branch.record';

type Summarised = Pick<
  RecordRow,
  | 'id'
  | 'unitId'
  | 'partyOrgId'
  | 'orgName'
  | 'orgPath'
  | 'kind'
  | 'status'
  | 'plannedOn'
  | 'heldOn'
  | 'topic'
  | 'place'
  | 'hostMemberId'
  | 'source'
>;

/**
 * The talks among `rows` whose topic and place the actor may not see (nor its content): not a participant, not the
 * branch secretary. One query, for the talks the actor did not host, asks whether the actor was talked to.
 */
async function hiddenTalks(ctx: Ctx, rows: Summarised[]): Promise<Set<string>> {
  const talks = rows.filter((r) => r.kind === 'talk' && !mayReadTalk(ctx, r, []));
  const me = ctx.actor?.memberId;
  if (talks.length === 0 || !me) return new Set(talks.map((r) => r.id));
  const mine = await ctx.db
    .selectFrom('branchRecordAttendee')
    .select('recordId')
    .where('unitId', 'in', [...new Set(talks.map((r) => r.unitId))])
    .where(
      'recordId',
      'in',
      talks.map((r) => r.id),
    )
    .where('memberId', '=', me)
    .execute();
  const talkedTo = new Set(mine.map((r) => r.recordId));
  return new Set(talks.filter((r) => !talkedTo.has(r.id)).map((r) => r.id));
}

async function summaries(ctx: Ctx, rows: Summarised[]): Promise<RecordSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [counts, names, files, hidden] = await Promise.all([
    ctx.db
      .selectFrom('branchRecordAttendee')
      .select((eb) => [
        'recordId',
        eb.fn.count<number>('memberId').filterWhere('attendance', '=', 'present').as('present'),
        eb.fn.count<number>('memberId').filterWhere('expected', '=', true).as('expected'),
      ])
      // The unit first: the key (unit_id, record_id, member_id) serves the look-up only with it.
      .where('unitId', 'in', [...new Set(rows.map((r) => r.unitId))])
      .where('recordId', 'in', ids)
      .groupBy('recordId')
      .execute(),
    memberRefs(
      ctx.db,
      rows.flatMap((r) => (r.hostMemberId ? [r.hostMemberId] : [])),
    ),
    attachmentsOf(ctx, RECORD_OWNER, ids),
    hiddenTalks(ctx, rows),
  ]);
  const byRecord = new Map(counts.map((c) => [c.recordId, c]));
  return rows.map((r) => ({
    id: r.id,
    partyOrgId: r.partyOrgId,
    partyOrgName: r.orgName,
    kind: r.kind as RecordSummary['kind'],
    status: r.status as RecordSummary['status'],
    plannedOn: r.plannedOn,
    heldOn: r.heldOn,
    // Others see that a talk took place, when and with whom — not what it was about, nor where.
    topic: hidden.has(r.id) ? RECORD_KIND_LABELS.talk.zh : r.topic,
    place: hidden.has(r.id) ? null : r.place,
    hostName: r.hostMemberId ? (names.get(r.hostMemberId)?.name ?? null) : null,
    present: Number(byRecord.get(r.id)?.present ?? 0),
    expected: Number(byRecord.get(r.id)?.expected ?? 0),
    attachmentCount: files.get(r.id)?.length ?? 0,
    source: r.source as RecordSummary['source'],
  }));
}

export async function recordView(ctx: Ctx, row: RecordRow): Promise<BranchRecord> {
  const [summary] = await summaries(ctx, [row]);
  const [attendees, grades, joint] = await Promise.all([
    ctx.db
      .selectFrom('branchRecordAttendee')
      .select(['memberId', 'attendance', 'reason', 'expected'])
      .where('unitId', '=', row.unitId)
      .where('recordId', '=', row.id)
      .execute(),
    ctx.db
      .selectFrom('memberGrade')
      .select(['memberId', 'grade', 'note'])
      .where('unitId', '=', row.unitId)
      .where('recordId', '=', row.id)
      .execute(),
    jointOf(ctx, row.unitId, row.id),
  ]);
  const names = await memberRefs(ctx.db, [
    ...attendees.map((a) => a.memberId),
    ...grades.map((g) => g.memberId),
    ...(row.recorderMemberId ? [row.recorderMemberId] : []),
  ]);
  const nameOf = (id: string) => names.get(id)?.name ?? '（已删除的党员）';
  const participants = attendees.map((a) => a.memberId);
  const hidden = row.kind === 'talk' && !mayReadTalk(ctx, row, participants);
  const canEdit = isInScope(ctx.actor, 'branch.record', row.orgPath) && !hidden;
  if (!summary) throw new Error('unreachable: a summary of the record');
  return {
    ...summary,
    hostMemberId: row.hostMemberId,
    recorderMemberId: row.recorderMemberId,
    recorderName: row.recorderMemberId ? nameOf(row.recorderMemberId) : null,
    content: hidden ? null : row.content,
    confidential: hidden,
    resolutions: hidden ? null : row.resolutions,
    parts: hidden ? null : row.parts,
    studied: hidden ? null : row.studied,
    appliedTo: hidden ? null : row.appliedTo,
    outcome: hidden ? null : row.outcome,
    durationMinutes: row.durationMinutes,
    attendees: attendees
      .map((a) => ({
        memberId: a.memberId,
        name: nameOf(a.memberId),
        attendance: a.attendance as 'present',
        reason: a.reason,
        expected: a.expected,
      }))
      .sort((a, b) => Number(b.expected) - Number(a.expected) || a.name.localeCompare(b.name, 'zh-CN')),
    grades: grades.map((g) => ({
      memberId: g.memberId,
      name: nameOf(g.memberId),
      grade: g.grade as 'qualified',
      note: g.note,
    })),
    counts: row.counts,
    ...joint,
    createdByName: row.createdByName,
    canEdit,
    version: row.version,
  };
}

export async function getRecord(ctx: Ctx, id: string): Promise<BranchRecord> {
  return recordView(ctx, await recordInScope(ctx, id, 'branch.read'));
}

export async function listRecords(ctx: Ctx, q: RecordListQuery): Promise<Page<RecordSummary>> {
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
    // An organisation out of scope lists nothing rather than telling that it exists.
    query = query.where('o.path', 'like', `${org?.path ?? '/none/'}%`);
  }
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.status) query = query.where('r.status', '=', q.status);
  const day = sql<string>`coalesce(${sql.ref('r.heldOn')}, ${sql.ref('r.plannedOn')})`;
  if (q.from) query = query.where(day, '>=', q.from);
  if (q.to) query = query.where(day, '<=', q.to);
  // Only the topic is searched, and a talk's topic only for those who may read the talk: its content never.
  if (q.q)
    query = query
      .where('r.topic', 'ilike', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .where(talkReadableSql(ctx, 'r', 'o.path'));
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'r.id',
      'r.unitId',
      'r.partyOrgId',
      'o.name as orgName',
      'o.path as orgPath',
      'r.kind',
      'r.status',
      'r.plannedOn',
      'r.heldOn',
      'r.topic',
      'r.place',
      'r.hostMemberId',
      'r.source',
    ])
    .orderBy(day, 'desc')
    .orderBy('r.createdAt', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: await summaries(ctx, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}
