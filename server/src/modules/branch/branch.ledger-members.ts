// 基本情况 of the ledger: the organisation, who holds its posts, its roster at the start and at the end of the year,
// and who came and who left in between. The rosters are the records' own (expectedMembers: the organisation and its
// cells, and a temporary organisation's drawn members). Comings and goings are read, read-only, from the member
// organisation history of the year in one query — the member module's look-ups answer one day at a time — and from
// the temporary memberships, the branch module's own table.
import { PARTY_POST_LABELS } from '#contracts/member';
import { PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '#contracts/org';
import type { Ctx } from '../../core/context.ts';
import { postHoldersOf } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { expectedMembers } from './branch.prefill.ts';

export type LedgerOrg = {
  id: string;
  unitId: string;
  name: string;
  path: string;
  kind: string;
  isTemporary: boolean;
};
type Move = { name: string; partyOrgName: string; on: string; how: string };

/** The day after `on` (YYYY-MM-DD). */
const nextDay = (on: string) => {
  const d = new Date(`${on}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

type Span = {
  memberId: string;
  name: string;
  partyOrgId: string;
  fromOn: string;
  toOn: string | null;
  reason: string | null;
  joinedOn: string | null;
  leftReason: string | null;
};

/** Every history span of the members who had one in the subtree during the period, in date order per member. */
async function spansOf(ctx: Ctx, org: LedgerOrg, orgIds: readonly string[], from: string, to: string) {
  if (orgIds.length === 0) return new Map<string, Span[]>();
  const touched = ctx.db
    .selectFrom('memberOrgHistory')
    .select('memberId')
    .where('unitId', '=', org.unitId)
    .where('partyOrgId', 'in', [...orgIds])
    .where('fromOn', '<=', to)
    .where((w) => w.or([w('toOn', 'is', null), w('toOn', '>=', from)]));
  const rows = await ctx.db
    .selectFrom('memberOrgHistory as h')
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 'h.unitId').onRef('m.id', '=', 'h.memberId'))
    .select([
      'h.memberId',
      'm.name',
      'h.partyOrgId',
      'h.fromOn',
      'h.toOn',
      'h.reason',
      'm.joinedOn',
      'm.leftReason',
    ])
    .where('h.unitId', '=', org.unitId)
    .where('h.memberId', 'in', touched)
    .orderBy('h.memberId')
    .orderBy('h.fromOn')
    .execute();
  const out = new Map<string, Span[]>();
  for (const r of rows) {
    const list = out.get(r.memberId);
    if (list) list.push(r);
    else out.set(r.memberId, [r]);
  }
  return out;
}

/**
 * Comings and goings over (from, to]: a stay in the subtree (spans in it joined end to end: a move between the branch
 * and its cells is no coming or going) that begins in the period came, one that ends in it left. A member's first
 * span reaches back to their 入党 (as the roster on a day counts them), so that the day the system began is no
 * coming: only a 入党 in the period is one.
 */
function movesOf(
  spansByMember: Map<string, Span[]>,
  within: ReadonlySet<string>,
  names: ReadonlyMap<string, string>,
  from: string,
  to: string,
): { joined: Move[]; left: Move[] } {
  const joined: Move[] = [];
  const left: Move[] = [];
  const inPeriod = (day: string) => day > from && day <= to;
  for (const spans of spansByMember.values()) {
    spans.forEach((s, i) => {
      if (!within.has(s.partyOrgId)) return;
      const before = spans[i - 1];
      const after = spans[i + 1];
      const orgName = names.get(s.partyOrgId) ?? '';
      const continuesBefore = before && within.has(before.partyOrgId) && before.toOn === s.fromOn;
      const start = i === 0 ? (s.joinedOn ?? '1900-01-01') : s.fromOn;
      if (!continuesBefore && inPeriod(start))
        joined.push({
          name: s.name,
          partyOrgName: orgName,
          on: start,
          how: before ? `转入${s.reason ? `（${s.reason}）` : ''}` : '入党',
        });
      const continuesAfter = after && within.has(after.partyOrgId) && after.fromOn === s.toOn;
      if (s.toOn && !continuesAfter && inPeriod(s.toOn))
        left.push({
          name: s.name,
          partyOrgName: orgName,
          on: s.toOn,
          how: after
            ? `转出至${names.get(after.partyOrgId) ?? '其他党组织'}`
            : s.leftReason
              ? `离开（${s.leftReason}）`
              : '离开',
        });
    });
  }
  const byDay = (a: Move, b: Move) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name, 'zh-CN');
  return { joined: joined.sort(byDay), left: left.sort(byDay) };
}

/** A temporary organisation's members come and go by their temporary memberships (kept to the last day). */
async function temporaryMoves(ctx: Ctx, org: LedgerOrg, orgIds: readonly string[], from: string, to: string) {
  const rows = await ctx.db
    .selectFrom('temporaryMembership as t')
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 't.unitId').onRef('m.id', '=', 't.memberId'))
    .select(['m.name', 't.partyOrgId', 't.fromOn', 't.toOn'])
    .where('t.unitId', '=', org.unitId)
    .where('t.partyOrgId', 'in', [...orgIds])
    .execute();
  return {
    joined: rows
      .filter((r) => r.fromOn > from && r.fromOn <= to)
      .map((r) => ({ name: r.name, orgId: r.partyOrgId, on: r.fromOn, how: '抽调参加临时党组织' })),
    // On the roster through its last day: gone the day after.
    left: rows
      .filter((r) => r.toOn !== null && r.toOn >= from && r.toOn < to)
      .map((r) => ({
        name: r.name,
        orgId: r.partyOrgId,
        on: nextDay(r.toOn as string),
        how: '临时党组织任务结束',
      })),
  };
}

export async function ledgerBasics(ctx: Ctx, org: LedgerOrg, startOn: string, endOn: string) {
  const subtree = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'name'])
    .where('unitId', '=', org.unitId)
    .where('path', 'like', `${org.path}%`)
    .execute();
  const within = new Set(subtree.map((o) => o.id));
  // The day before the year began: a coming on 1 January is in the year.
  const before = new Date(`${startOn}T00:00:00Z`);
  before.setUTCDate(before.getUTCDate() - 1);
  const dayBefore = before.toISOString().slice(0, 10);
  const [atStart, atEnd, spans, temporary, secretaries, deputies, committee, parent] = await Promise.all([
    expectedMembers(ctx, org.unitId, org.path, dayBefore),
    expectedMembers(ctx, org.unitId, org.path, endOn),
    spansOf(ctx, org, [...within], startOn, endOn),
    temporaryMoves(ctx, org, [...within], dayBefore, endOn),
    postHoldersOf(ctx.db, org.unitId, [org.id], 'secretary'),
    postHoldersOf(ctx.db, org.unitId, [org.id], 'deputy_secretary'),
    postHoldersOf(ctx.db, org.unitId, [org.id], 'committee_member'),
    parentName(ctx, org.path),
  ]);
  // Other organisations named as where members went.
  const names = new Map(subtree.map((o) => [o.id, o.name]));
  const elsewhere = [...spans.values()].flat().map((s) => s.partyOrgId);
  for (const [id, ref] of await partyOrgRefs(
    ctx.db,
    elsewhere.filter((id) => !names.has(id)),
  ))
    names.set(id, ref.name);
  const moves = movesOf(spans, within, names, dayBefore, endOn);
  const named = (m: { name: string; orgId: string; on: string; how: string }) => ({
    name: m.name,
    partyOrgName: names.get(m.orgId) ?? '',
    on: m.on,
    how: m.how,
  });
  const postLabel = (post: string | null) =>
    post ? (PARTY_POST_LABELS[post as keyof typeof PARTY_POST_LABELS]?.zh ?? null) : null;
  return {
    partyOrgKind: org.isTemporary
      ? '临时党组织'
      : (PARTY_ORG_KIND_LABELS[org.kind as PartyOrgKind]?.zh ?? org.kind),
    parentName: parent,
    secretaries: (secretaries.get(org.id) ?? []).map((m) => m.name),
    deputySecretaries: (deputies.get(org.id) ?? []).map((m) => m.name),
    committeeMembers: (committee.get(org.id) ?? []).map((m) => m.name),
    startOn,
    endOn,
    startCount: atStart.length,
    endCount: atEnd.length,
    members: atEnd.map((m) => ({
      name: m.name,
      partyOrgName: names.get(m.partyOrgId) ?? org.name,
      partyPost: postLabel(m.partyPost),
    })),
    joined: [...moves.joined, ...temporary.joined.map(named)],
    left: [...moves.left, ...temporary.left.map(named)],
  };
}

async function parentName(ctx: Ctx, path: string): Promise<string | null> {
  const ids = path.split('/').filter(Boolean);
  const parentId = ids[ids.length - 2];
  if (!parentId) return null;
  return (await partyOrgRefs(ctx.db, [parentId])).get(parentId)?.name ?? null;
}
