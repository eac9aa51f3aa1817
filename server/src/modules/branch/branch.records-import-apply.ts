// Importing historical 三会一课, all or nothing: every row's organisation is found by name or code among those the
// importer records for, every person by name among the organisation's members on the day of the meeting (a host or
// recorder also among the organ's members: a lecture may be given by someone from outside the branch), attendance
// assembled from 应到 / 实到 / 缺席, a meeting already in the system refused; only when every row is right is each one
// written through createRecord with source 'import' (same checks, obligations and audit as on the page; every field
// counted as imported for the burden meter). The caller runs this in one transaction and rolls it back on any issue.

import type { z } from 'zod';
import type { AttendeeInputSchema, CreateRecordBody } from '#contracts/branch';
import { CreateRecordBodySchema } from '#contracts/branch';
import type { RecordImportResult } from '#contracts/branch-files';
import type { ActorCtx, Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Issue } from '../../core/spreadsheet/report.ts';
import { assessmentChanged } from '../assessment/index.ts';
import { scopeSql } from '../identity/index.ts';
import { activeMembersNamed } from '../member/index.ts';
import { type DirectoryOrg, loadOrgDirectory, orgNameKey, orgSpans } from '../org/index.ts';
import { expectedMembers } from './branch.prefill.ts';
import { createRecord } from './branch.records.ts';
import { HEADERS, type NameToken, plain, type RecordInput } from './branch.records-import.ts';
import type { RecordColumnKey } from './branch.records-import-columns.ts';
import { kindIssue } from './branch.validate.ts';

type Person = { id: string; name: string; committee?: boolean };
/** The posts of a branch committee (支部委员会): whom a committee meeting expects when the row names no one. */
const COMMITTEE_POSTS = new Set(['secretary', 'deputy_secretary', 'committee_member']);
type Attendee = z.input<typeof AttendeeInputSchema>;

/** Where a complaint of createRecord about a field belongs in the file. */
const FIELD_COLUMN: Record<string, RecordColumnKey> = {
  kind: 'kind',
  heldOn: 'heldOn',
  plannedOn: 'heldOn',
  status: 'heldOn',
  partyOrgId: 'org',
  topic: 'topic',
  place: 'place',
  hostMemberId: 'host',
  recorderMemberId: 'recorder',
  attendees: 'present',
  resolutions: 'resolutions',
};
const columnOf = (field: string) => FIELD_COLUMN[field.replace(/^body\./, '').split('.')[0] ?? ''] ?? 'topic';

export async function applyRecords(
  ctx: ActorCtx,
  sheet: string,
  rows: readonly RecordInput[],
  /** False when the cells already failed: the rest is still resolved, to report every problem at once. */
  write: boolean,
): Promise<{ counts: RecordImportResult; issues: Issue[] }> {
  const issues: Issue[] = [];
  const fail = (input: RecordInput, key: RecordColumnKey, reason: string, value?: string | null) =>
    issues.push({
      sheet,
      row: input.row,
      column: HEADERS.get(key) ?? key,
      value: value === undefined ? cellOf(input, key) : value,
      reason,
    });
  const directory = await loadOrgDirectory(ctx, scopeSql(ctx.actor, 'branch.record', 'path'));
  const spans = await orgSpans(
    ctx.db,
    [...directory.byCode.values()].map((o) => o.id),
  );

  // The organisation of each row: by code, else by its name (or full name) within the importer's scope.
  const orgOf = new Map<RecordInput, DirectoryOrg>();
  for (const input of rows) {
    const byCode = directory.byCode.get(input.org);
    const named = byCode
      ? [byCode]
      : [...new Map((directory.byName.get(orgNameKey(input.org)) ?? []).map((o) => [o.id, o])).values()];
    const org = named[0];
    if (!org)
      fail(
        input,
        'org',
        `没有找到党组织“${input.org}”，或该党组织不在您的管辖范围内；请填写党组织的名称或编码`,
      );
    else if (named.length > 1)
      fail(input, 'org', `有 ${named.length} 个党组织名为“${input.org}”，请改填党组织编码`);
    else {
      const span = spans.get(org.id);
      const problem = kindIssue(input.kind, {
        kind: org.kind,
        isTemporary: span?.isTemporary ?? false,
        tempStartOn: span?.tempStartOn ?? null,
        tempEndOn: span?.tempEndOn ?? null,
      });
      if (problem) fail(input, 'kind', problem);
      else orgOf.set(input, org);
    }
  }

  // The roster of each organisation on each day, and the organ's members of the names given (for hosts and tails).
  const rosters = new Map<string, Person[]>();
  const rosterOf = async (org: DirectoryOrg, day: string) => {
    const key = `${org.id}|${day}`;
    let roster = rosters.get(key);
    if (!roster) {
      roster = (await expectedMembers(ctx, org.unitId, org.path, day)).map((m) => ({
        id: m.id,
        name: m.name,
        committee: m.partyOrgId === org.id && COMMITTEE_POSTS.has(m.partyPost ?? ''),
      }));
      rosters.set(key, roster);
    }
    return roster;
  };
  const tokens = rows.flatMap((r) =>
    [r.host, r.recorder, ...(r.expected ?? []), ...(r.present ?? []), ...(r.absent ?? [])].filter(
      (t): t is NameToken => t !== null,
    ),
  );
  const unitIds = [...new Set([...orgOf.values()].map((o) => o.unitId))];
  const organMembers = (
    await Promise.all(
      unitIds.map((u) =>
        activeMembersNamed(
          ctx,
          u,
          tokens.map((t) => t.name),
        ),
      ),
    )
  ).flat();
  const tailOf = new Map(organMembers.map((m) => [m.id, m.idTail]));

  /** The one person of `pool` a token names, or why there is not one. */
  const pick = (pool: readonly Person[], t: NameToken): Person | 'none' | 'many' => {
    let found = pool.filter((p) => p.name === t.name);
    if (t.tail) found = found.filter((p) => tailOf.get(p.id) === t.tail);
    if (found.length === 0) return 'none';
    return found.length === 1 ? (found[0] as Person) : 'many';
  };
  const many = (org: DirectoryOrg, t: NameToken) =>
    `${org.name}有多名党员叫“${t.name}”，请在姓名后用括号注明身份证号后 4 位，如 ${t.name}（1234）`;
  const notThere = (org: DirectoryOrg, day: string, t: NameToken) =>
    t.tail
      ? `${org.name}${day}在册党员中没有身份证号后 4 位为 ${t.tail} 的“${t.name}”`
      : `“${t.name}”不是${org.name}${day}在册的党员，请核对姓名`;

  const bodies: { input: RecordInput; body: CreateRecordBody; unitId: string }[] = [];
  for (const input of rows) {
    const org = orgOf.get(input);
    if (!org) continue;
    const before = issues.length;
    const roster = await rosterOf(org, input.heldOn);
    const leader = (key: 'host' | 'recorder'): string | null => {
      const t = input[key];
      if (!t) return null;
      let found = pick(roster, t);
      if (found === 'none')
        found = pick(
          organMembers.filter((m) => m.unitId === org.unitId),
          t,
        );
      if (found === 'many') fail(input, key, many(org, t));
      else if (found === 'none') fail(input, key, `本机关没有名为“${t.name}”的在册党员，请核对姓名`);
      else return found.id;
      return null;
    };
    const resolveAll = (
      key: RecordColumnKey,
      list: NameToken[],
      pool: readonly Person[],
      missing: (t: NameToken) => string,
    ) =>
      list.flatMap((t) => {
        const p = pick(pool, t);
        if (p === 'none') fail(input, key, missing(t), t.text);
        else if (p === 'many') fail(input, key, many(org, t), t.text);
        else return [{ ...p, reason: t.reason }];
        return [];
      });
    const onRoster = (t: NameToken) => notThere(org, input.heldOn, t);
    const inExpected = (t: NameToken) =>
      input.expected ? `“${t.name}”不在本行的应到人员中，请核对` : notThere(org, input.heldOn, t);
    const hostMemberId = leader('host');
    const recorderMemberId = leader('recorder');
    // Without 应到人员: the roster of the day — for a 支委会, its committee and whoever the row names.
    const pool = input.expected ? resolveAll('expected', input.expected, roster, onRoster) : roster;
    const present = input.present ? resolveAll('present', input.present, pool, inExpected) : null;
    const absent = input.absent ? resolveAll('absent', input.absent, pool, inExpected) : null;
    const named = new Set([...(present ?? []), ...(absent ?? [])].map((p) => p.id));
    const expected =
      !input.expected && input.kind === 'committee_meeting' && roster.some((p) => p.committee)
        ? roster.filter((p) => p.committee || named.has(p.id))
        : pool;
    const expectedIds = new Set(expected.map((p) => p.id));
    const attendees: Attendee[] = [];
    if (issues.length === before) {
      const presentIds = new Set(
        present?.map((p) => p.id) ??
          expected.filter((p) => !absent?.some((a) => a.id === p.id)).map((p) => p.id),
      );
      const both = (absent ?? []).filter((a) => presentIds.has(a.id));
      if (both.length)
        fail(input, 'absent', `${both.map((p) => p.name).join('、')}同时填在实到人员和缺席人员中，请核对`);
      const away = new Map((absent ?? []).map((a) => [a.id, a.reason]));
      const unaccounted = expected.filter((p) => !presentIds.has(p.id) && !away.has(p.id));
      if (absent && present && unaccounted.length)
        fail(
          input,
          'absent',
          `应到人员中的${unaccounted.map((p) => p.name).join('、')}既不在实到人员也不在缺席人员中，请补填`,
        );
      for (const p of expected) {
        if (presentIds.has(p.id)) attendees.push({ memberId: p.id, attendance: 'present' });
        else {
          const reason = away.get(p.id) ?? null;
          attendees.push({ memberId: p.id, attendance: reason ? 'excused' : 'absent', reason });
        }
      }
      if (expectedIds.size === 0)
        fail(input, 'expected', `${org.name}${input.heldOn}没有在册党员，无法登记出席情况`);
    }
    if (issues.length > before) continue;
    const parsed = CreateRecordBodySchema.safeParse({
      partyOrgId: org.id,
      kind: input.kind,
      status: 'held',
      heldOn: input.heldOn,
      place: input.place,
      hostMemberId,
      recorderMemberId,
      topic: input.topic,
      resolutions: input.resolutions,
      attendees,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) fail(input, columnOf(i.path.join('.')), i.message);
      continue;
    }
    bodies.push({ input, body: parsed.data, unitId: org.unitId });
  }

  await refuseRepeats(ctx, bodies, (input, reason) => fail(input, 'topic', reason));
  const counts = { rows: rows.length, created: 0 };
  if (issues.length > 0 || !write) return { counts, issues };
  for (const { input, body } of bodies) {
    try {
      await createRecord(ctx, body, 'import');
      counts.created++;
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      for (const i of error.extra.issues ?? [{ field: 'body.topic', message: error.message }])
        fail(input, columnOf(i.field), i.message);
    }
  }
  // The assessments counting these records are scored again once, for every branch and day of the file.
  if (counts.created > 0 && issues.length === 0)
    for (const unitId of new Set(bodies.map((b) => b.unitId))) {
      const mine = bodies.filter((b) => b.unitId === unitId);
      const days = mine.flatMap((b) => (b.body.heldOn ? [b.body.heldOn] : [])).sort();
      const from = days[0];
      const to = days[days.length - 1];
      if (from && to)
        await assessmentChanged(ctx, {
          unitId,
          orgIds: [...new Set(mine.flatMap((b) => [b.body.partyOrgId, ...(b.body.jointOrgIds ?? [])]))],
          from,
          to,
          counts: ['branch_record', 'responsibility_period'],
          recordKinds: [...new Set(mine.map((b) => b.body.kind))],
        });
    }
  return { counts, issues };
}

/** A meeting in the file twice, or already in the system (the same file imported again): refused by its row. */
async function refuseRepeats(
  ctx: Ctx,
  bodies: readonly { input: RecordInput; body: CreateRecordBody; unitId: string }[],
  fail: (input: RecordInput, reason: string) => void,
) {
  if (bodies.length === 0) return;
  const key = (orgId: string, kind: string, day: string | null, topic: string) =>
    `${orgId}|${kind}|${day}|${plain(topic) ?? ''}`;
  const existing = await ctx.db
    .selectFrom('branchRecord')
    .select(['partyOrgId', 'kind', 'heldOn', 'topic'])
    .where('unitId', 'in', [...new Set(bodies.map((b) => b.unitId))])
    .where('partyOrgId', 'in', [...new Set(bodies.map((b) => b.body.partyOrgId))])
    .where('heldOn', 'in', [...new Set(bodies.map((b) => b.body.heldOn as string))])
    .execute();
  const known = new Set(existing.map((e) => key(e.partyOrgId, e.kind, e.heldOn, e.topic)));
  const seen = new Map<string, number>();
  for (const { input, body } of bodies) {
    const k = key(body.partyOrgId, body.kind, body.heldOn ?? null, body.topic);
    const first = seen.get(k);
    if (first !== undefined)
      fail(input, `与第 ${first} 行是同一次会议（同一党组织、类型、日期和主题），请删去重复的一行`);
    else if (known.has(k))
      fail(input, '系统中已有这次会议的记录（同一党组织、类型、日期和主题），可能已经导入过，请删去这一行');
    seen.set(k, first ?? input.row);
  }
}

function cellOf(input: RecordInput, key: RecordColumnKey): string | null {
  const v = input[key as keyof RecordInput];
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((t: NameToken) => t.text).join('、');
  if (typeof v === 'object') return (v as NameToken).text;
  return String(v);
}
