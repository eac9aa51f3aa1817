// How a stored member is shown (ADR 14). Every response carries the masked numbers, for every role: the full ones
// travel only in a reveal's answer or an explicit full export. The birth date is shown in full only to a viewer
// holding member.sensitive; everyone else sees 出生年月, chosen together with the mask so that what one sees leaves
// a large set of candidate numbers. Audit records get what a viewer without member.sensitive sees.
import type { Member, MemberNumbers } from '#contracts/member';
import type { Actor, Ctx } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import type { MemberRow } from './member.repository.ts';

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

/** Whether the actor may see the full ID number (and so the birth date) of members of the organisation at `path`. */
export function maySeeNumbers(actor: Actor, path: string): boolean {
  return isInScope(actor, 'member.sensitive', path);
}

/** Whether the actor may reveal the phone number of members of the organisation at `path` (to contact them). */
export function maySeePhone(actor: Actor, path: string): boolean {
  return maySeeNumbers(actor, path) || isInScope(actor, 'member.contact', path);
}

/** 1985-06-12 → 1985-06 */
export const birthMonthOf = (birthDate: string | null): string | null => birthDate?.slice(0, 7) ?? null;

/** The member with masked numbers; the full birth date only when `withBirthDate`. */
export function toMember(row: MemberRow, withBirthDate: boolean): Member {
  return {
    id: row.id,
    unitId: row.unitId,
    partyOrgId: row.partyOrgId,
    partyOrgName: row.partyOrgName,
    departmentId: row.departmentId,
    departmentName: row.departmentName ?? null,
    name: row.name,
    gender: row.gender as Member['gender'],
    birthDate: withBirthDate ? row.birthDate : null,
    birthMonth: birthMonthOf(row.birthDate),
    ethnicity: row.ethnicity,
    education: row.education,
    idNumber: row.idNumberMasked,
    phone: row.phoneMasked,
    category: row.category as Member['category'],
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    partyPost: row.partyPost as Member['partyPost'],
    businessPost: row.businessPost,
    status: row.status as Member['status'],
    version: row.version,
  };
}

/** The member as this context's actor may see it on a screen. */
export function memberFor(ctx: Ctx, row: MemberRow): Member {
  return toMember(row, maySeeNumbers(requireActor(ctx), row.partyOrgPath));
}

/** The member as written to the audit trail: what a reader without member.sensitive sees (the auditor is one). */
export function auditView(row: MemberRow): Member {
  return toMember(row, false);
}

/** The numbers this actor may reveal of this member, each in full or still masked. */
export function numbersFor(ctx: Ctx, row: MemberRow): MemberNumbers {
  const actor = requireActor(ctx);
  const all = maySeeNumbers(actor, row.partyOrgPath);
  const phone = row.phoneCipher !== null && maySeePhone(actor, row.partyOrgPath);
  const revealed: MemberNumbers['revealed'] = [];
  if (all) revealed.push('idNumber');
  if (phone) revealed.push('phone');
  return {
    idNumber: all ? ctx.secrets.decrypt(row.idNumberCipher) : row.idNumberMasked,
    phone: phone && row.phoneCipher ? ctx.secrets.decrypt(row.phoneCipher) : row.phoneMasked,
    birthDate: all ? row.birthDate : null,
    revealed,
  };
}

/** The roster's number cells: in full only for a full export and a viewer holding member.sensitive on the row. */
export function exportNumbers(
  ctx: Ctx,
  row: MemberRow,
  full: boolean,
): { idNumber: string; phone: string | null } {
  if (!full || !maySeeNumbers(requireActor(ctx), row.partyOrgPath)) {
    return { idNumber: row.idNumberMasked, phone: row.phoneMasked };
  }
  return {
    idNumber: ctx.secrets.decrypt(row.idNumberCipher),
    phone: row.phoneCipher ? ctx.secrets.decrypt(row.phoneCipher) : null,
  };
}
