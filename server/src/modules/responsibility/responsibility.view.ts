// How rows read in answers: items with their owners' names and the period that matters now.
import type { Item, Period, PeriodState, Recurrence } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { type MemberRef, memberRefs } from '../member/index.ts';
import { PLANNED_RECORD_KINDS } from './responsibility.default-template.ts';
import { periodState } from './responsibility.periods.ts';
import { recordKind } from './responsibility.registry.ts';

export type PeriodRow = {
  id: string;
  itemId: string;
  periodKey: string;
  startsOn: string;
  dueOn: string;
  status: string;
  progress: number;
  doneOn: string | null;
  fulfilledByKind: string | null;
  fulfilledById: string | null;
  fulfilledByTitle: string | null;
};

export function kindLabel(key: string | null): string | null {
  if (!key) return null;
  return recordKind(key)?.label.zh ?? PLANNED_RECORD_KINDS[key]?.zh ?? key;
}

export function periodView(p: PeriodRow, today: string): Period {
  return {
    id: p.id,
    periodKey: p.periodKey,
    startsOn: p.startsOn,
    dueOn: p.dueOn,
    state: periodState(p, today),
    progress: p.status === 'done' || p.status === 'exempt' ? 100 : p.progress,
    doneOn: p.doneOn,
    fulfilledBy:
      p.fulfilledByKind && p.fulfilledById
        ? {
            kind: p.fulfilledByKind,
            kindLabel: kindLabel(p.fulfilledByKind) ?? p.fulfilledByKind,
            id: p.fulfilledById,
            title: p.fulfilledByTitle ?? '',
          }
        : null,
  };
}

/** The period that matters now: the earliest not done and not exempt that has begun, else the latest. */
export function currentPeriod(periods: readonly PeriodRow[]): PeriodRow | null {
  const sorted = [...periods].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return sorted.find((p) => p.status === 'open') ?? sorted.at(-1) ?? null;
}

export async function periodsOfItems(
  ctx: Ctx,
  itemIds: readonly string[],
): Promise<Map<string, PeriodRow[]>> {
  const out = new Map<string, PeriodRow[]>();
  if (itemIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('responsibilityPeriod')
    .select([
      'id',
      'itemId',
      'periodKey',
      'startsOn',
      'dueOn',
      'status',
      'progress',
      'doneOn',
      'fulfilledByKind',
      'fulfilledById',
      'fulfilledByTitle',
    ])
    .where('itemId', 'in', [...new Set(itemIds)])
    .orderBy('dueOn')
    .execute();
  for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), r]);
  return out;
}

export type ItemBaseRow = {
  unitId: string;
  id: string;
  listId: string;
  parentItemId: string | null;
  workPointId: string | null;
  templateKey: string | null;
  issued: boolean;
  seq: number;
  domain: string;
  category: string;
  title: string;
  detail: string | null;
  weight: number;
  ownerOrgId: string;
  ownerOrgName: string;
  ownerMemberId: string | null;
  deadline: string | null;
  recurrence: string;
  recordKind: string | null;
  effectiveFrom: string;
  status: string;
  version: number;
};

/** A member who is no longer an active member of the organ the duty belongs to. */
export function hasLeft(unitId: string, memberId: string | null, members: Map<string, MemberRef>): boolean {
  if (!memberId) return false;
  const m = members.get(memberId);
  return m?.status !== 'active' || m.unitId !== unitId;
}

export async function itemViews(ctx: Ctx, rows: readonly ItemBaseRow[]): Promise<Item[]> {
  const today = todayOf(ctx);
  const [members, periods] = await Promise.all([
    memberRefs(
      ctx.db,
      rows.flatMap((r) => (r.ownerMemberId ? [r.ownerMemberId] : [])),
    ),
    periodsOfItems(
      ctx,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const current = currentPeriod(periods.get(r.id) ?? []);
    return {
      id: r.id,
      listId: r.listId,
      parentItemId: r.parentItemId,
      workPointId: r.workPointId,
      templateKey: r.templateKey,
      issued: r.issued,
      seq: r.seq,
      domain: r.domain as Item['domain'],
      category: r.category,
      title: r.title,
      detail: r.detail,
      weight: r.weight,
      ownerOrgId: r.ownerOrgId,
      ownerOrgName: r.ownerOrgName,
      ownerMemberId: r.ownerMemberId,
      ownerMemberName: r.ownerMemberId ? (members.get(r.ownerMemberId)?.name ?? null) : null,
      ownerLeft: hasLeft(r.unitId, r.ownerMemberId, members),
      deadline: r.deadline,
      recurrence: r.recurrence as Recurrence,
      recordKind: r.recordKind,
      recordKindLabel: kindLabel(r.recordKind),
      effectiveFrom: r.effectiveFrom,
      status: r.status as Item['status'],
      version: r.version,
      current: current ? periodView(current, today) : null,
    };
  });
}

/** Progress of a duty over its periods so far: done and exempt periods count in full, open ones by their progress. */
export function itemProgress(periods: readonly PeriodRow[]): number {
  if (periods.length === 0) return 0;
  const sum = periods.reduce(
    (s, p) => s + (p.status === 'done' || p.status === 'exempt' ? 100 : p.progress),
    0,
  );
  return Math.round(sum / periods.length);
}

export function worstState(states: readonly PeriodState[]): PeriodState | null {
  const order: PeriodState[] = ['overdue', 'due_soon', 'open', 'late', 'done', 'exempt'];
  for (const s of order) if (states.includes(s)) return s;
  return null;
}
