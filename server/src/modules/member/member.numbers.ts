// Personal numbers beyond their masks (ADR 14): the per-account limit on exact-number look-ups, the audit-safe
// form of a filter, and the reveal of one member's numbers.
import type { MemberNumbers } from '#contracts/member';
import type { Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import { MEMBER_NOT_FOUND, NUMBER_LOOKUPS_PER_MINUTE, redactedSearch } from './member.policy.ts';
import * as repo from './member.repository.ts';
import { maySeePhone, numbersFor, requireActor } from './member.view.ts';

/**
 * Counts one exact-number look-up against the account's limit; over it, a 429. The count lives in the caller's
 * transaction: a request that fails afterwards leaves no count, but it has learnt nothing either.
 */
export async function admitNumberLookup(ctx: Ctx, kind: 'search' | 'write'): Promise<void> {
  const actor = requireActor(ctx);
  if (!(await repo.admitNumberLookup(ctx.db, actor.userId, kind, 60, NUMBER_LOOKUPS_PER_MINUTE))) {
    throw new AppError(
      'rate_limited',
      'member.number_lookup_limited',
      `按完整号码查找或登记每分钟最多 ${NUMBER_LOOKUPS_PER_MINUTE} 次，请 1 分钟后再试`,
      { headers: { 'retry-after': '60' } },
    );
  }
}

/**
 * A write carrying a full ID number is a look-up too (the duplicate answer says whether the number exists), counted
 * for writers who may not look numbers up by search; holders of member.sensitive may, within the same limit, so
 * counting their hand-typed records as well would only get in the way of data entry.
 */
export async function admitWriteLookup(ctx: Ctx): Promise<void> {
  if (!hasPermission(requireActor(ctx), 'member.sensitive')) await admitNumberLookup(ctx, 'write');
}

/** The filter as it may be written to the audit trail: a searched number only as its mask. */
export function auditFilter<F extends { q?: string | undefined }>(f: F): F {
  return f.q === undefined ? f : { ...f, q: redactedSearch(f.q) };
}

/**
 * The numbers of one member that this actor may see in full: ID and phone with member.sensitive, the phone alone
 * with member.contact. Audited ('member.reveal': who, whose, when, which numbers); a member outside the reach of
 * both permissions is a 404 like any other.
 */
export async function revealNumbers(ctx: Ctx, id: string): Promise<MemberNumbers> {
  const actor = requireActor(ctx);
  const row = await repo.findMemberById(ctx.db, id);
  if (!row || !maySeePhone(actor, row.partyOrgPath)) throw notFound('member.not_found', MEMBER_NOT_FOUND);
  const numbers = numbersFor(ctx, row);
  await recordAudit(ctx, {
    action: 'member.reveal',
    entityType: 'member',
    entityId: id,
    details: { name: row.name, fields: numbers.revealed },
  });
  return numbers;
}
