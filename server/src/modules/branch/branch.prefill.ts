// What a new record comes filled with, so that a secretary on a phone types only what happened: the roster on the
// day (everyone expected, present until told otherwise), the secretary as host, the last recorder and place of the
// branch, the organ's fixed theme day, and the plan of this month's record of the kind when one was planned.
import type { BranchRecordKind, Prefill } from '#contracts/branch';
import { type Ctx, todayOf } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { postHoldersOf, rosterOn } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { ORG_NOT_FOUND } from './branch.access.ts';
import type { PrefillValues } from './branch.counts.ts';

export const DEFAULT_THEME_DAY = 9;

export async function themeDayOfMonth(ctx: Ctx, unitId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('branchSetting')
    .select('themeDayOfMonth')
    .where('unitId', '=', unitId)
    .executeTakeFirst();
  return row?.themeDayOfMonth ?? DEFAULT_THEME_DAY;
}

/** The last day of the month of `on` ('2026-06-09' → '2026-06-30'). */
export function monthEnd(on: string): string {
  const [y, mo] = on.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

export const themeDayIn = (on: string, day: number) => `${on.slice(0, 7)}-${String(day).padStart(2, '0')}`;

/**
 * The members a record of organisation `orgId` expects on day `on`: its own members and its cells' (a branch's
 * meeting is everyone's), and for a temporary organisation the members drawn into it for that day.
 */
export async function expectedMembers(ctx: Ctx, unitId: string, orgPath: string, on: string) {
  const orgIds = await ctx.db
    .selectFrom('partyOrg')
    .select('id')
    .where('unitId', '=', unitId)
    .where('path', 'like', `${orgPath}%`)
    .execute();
  const own = await rosterOn(
    ctx.db,
    unitId,
    orgIds.map((o) => o.id),
    on,
  );
  const temporary = await ctx.db
    .selectFrom('temporaryMembership as t')
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 't.unitId').onRef('m.id', '=', 't.memberId'))
    .select(['m.id', 'm.name', 'm.partyOrgId', 'm.partyPost'])
    .where('t.unitId', '=', unitId)
    .where(
      't.partyOrgId',
      'in',
      orgIds.map((o) => o.id),
    )
    .where('t.fromOn', '<=', on)
    .where((w) => w.or([w('t.toOn', 'is', null), w('t.toOn', '>=', on)]))
    .orderBy('m.nameSortKey')
    .execute();
  const seen = new Set(own.map((m) => m.id));
  return [...own, ...temporary.filter((m) => !seen.has(m.id))];
}

/** The prefill of a record and, for the burden meter, the values it compares entries with. */
export async function prefillFor(
  ctx: Ctx,
  org: { id: string; unitId: string; path: string },
  kind: BranchRecordKind,
  on: string,
  /** For an edit: what the form offered when the record was entered — the records before it, never itself. */
  enteredAt?: Date,
): Promise<{ prefill: Prefill; values: PrefillValues }> {
  const [expected, secretaries, last, day, planned] = await Promise.all([
    expectedMembers(ctx, org.unitId, org.path, on),
    postHoldersOf(ctx.db, org.unitId, [org.id], 'secretary'),
    ctx.db
      .selectFrom('branchRecord')
      .select(['place', 'recorderMemberId'])
      .where('unitId', '=', org.unitId)
      .where('partyOrgId', '=', org.id)
      .where('status', '=', 'held')
      .where('kind', '!=', 'talk')
      .$if(!!enteredAt, (w) => w.where('createdAt', '<', enteredAt as Date))
      .orderBy('heldOn', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst(),
    themeDayOfMonth(ctx, org.unitId),
    ctx.db
      .selectFrom('branchRecord')
      .select(['id', 'topic', 'plannedOn', 'place'])
      .where('unitId', '=', org.unitId)
      .where('partyOrgId', '=', org.id)
      .where('kind', '=', kind)
      .where('status', '=', 'planned')
      .where('plannedOn', '>=', `${on.slice(0, 7)}-01`)
      .where('plannedOn', '<=', monthEnd(on))
      .orderBy('plannedOn')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const host = secretaries.get(org.id)?.[0]?.id ?? null;
  const themeDayOn = themeDayIn(on, day);
  // A talk's place and recorder are its own: nothing is carried over from meetings.
  const place = kind === 'talk' ? null : (last?.place ?? null);
  const recorderMemberId = kind === 'talk' ? null : (last?.recorderMemberId ?? null);
  // The form opens on today's date (the theme day's for a theme day): a meeting entered days later had its date typed.
  const date = kind === 'theme_day' ? themeDayOn : todayOf(ctx);
  return {
    prefill: {
      partyOrgId: org.id,
      kind,
      on,
      expected: expected.map((m) => ({ memberId: m.id, name: m.name, partyPost: m.partyPost })),
      hostMemberId: host,
      recorderMemberId,
      place,
      themeDayOn,
      planned: planned ? { id: planned.id, topic: planned.topic, plannedOn: planned.plannedOn } : null,
    },
    values: {
      date,
      hostMemberId: host,
      recorderMemberId,
      place,
      expected: new Set(kind === 'talk' ? [] : expected.map((m) => m.id)),
      planned: planned ? { topic: planned.topic, plannedOn: planned.plannedOn, place: planned.place } : null,
    },
  };
}

export async function getPrefill(
  ctx: Ctx,
  q: { partyOrgId: string; kind: BranchRecordKind; on?: string | undefined },
): Promise<Prefill> {
  const org = (await partyOrgRefs(ctx.db, [q.partyOrgId])).get(q.partyOrgId);
  if (!org || !isInScope(ctx.actor, 'branch.record', org.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  return (await prefillFor(ctx, org, q.kind, q.on ?? todayOf(ctx))).prefill;
}
