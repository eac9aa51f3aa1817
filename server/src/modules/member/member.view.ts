// How a stored member is shown: the API shape, with personal numbers in full only for a viewer who holds
// member.sensitive on the member's organisation. Audit records always get the masked form.
import type { Member } from '#contracts/member';
import type { Actor, Ctx } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import type { MemberRow } from './member.repository.ts';

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

/** Whether the actor may see the full ID and phone numbers of members of the organisation at `path`. */
export function maySeeNumbers(actor: Actor, path: string): boolean {
  return isInScope(actor, 'member.sensitive', path);
}

/** `reveal` decrypts; without it (audit, masked exports) only the masked forms are used. */
export function toMember(row: MemberRow, reveal: ((cipher: string) => string) | null): Member {
  return {
    id: row.id,
    unitId: row.unitId,
    partyOrgId: row.partyOrgId,
    partyOrgName: row.partyOrgName,
    departmentId: row.departmentId,
    departmentName: row.departmentName ?? null,
    name: row.name,
    gender: row.gender as Member['gender'],
    birthDate: row.birthDate,
    ethnicity: row.ethnicity,
    education: row.education,
    idNumber: reveal ? reveal(row.idNumberCipher) : row.idNumberMasked,
    phone: row.phoneCipher && reveal ? reveal(row.phoneCipher) : row.phoneMasked,
    category: row.category as Member['category'],
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    partyPost: row.partyPost as Member['partyPost'],
    businessPost: row.businessPost,
    status: row.status as Member['status'],
    version: row.version,
  };
}

/** The member as this context's actor may see it. */
export function memberFor(ctx: Ctx, row: MemberRow): Member {
  const actor = requireActor(ctx);
  return toMember(row, maySeeNumbers(actor, row.partyOrgPath) ? ctx.secrets.decrypt : null);
}

/** The member as written to the audit trail: never the full numbers. */
export function auditView(row: MemberRow): Member {
  return toMember(row, null);
}
