// Member records: list and read within the actor's scope, create and edit (transfers and leaving are in
// member.moves.ts). Personal numbers are stored encrypted with a blind index and a masked copy; every
// answer carries the masked copy, and the full numbers travel only through revealNumbers (ADR 14).

import type { Page } from '#contracts/common';
import type { FieldIssue } from '#contracts/errors';
import { maskIdNumber, maskPhone } from '#contracts/id-number';
import type { Permission } from '#contracts/identity';
import type { CreateMemberBody, Member, MemberListQuery, UpdateMemberBody } from '#contracts/member';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import type { Secrets } from '../../core/secrets.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission, isInScope, scopeSql } from '../identity/index.ts';
import { findPartyOrgById } from '../org/index.ts';
import { admitNumberLookup, admitWriteLookup } from './member.numbers.ts';
import {
  departmentIssue,
  loadInScope,
  memberOrgOrIssue,
  ORG_OUT_OF_REACH,
  reload,
} from './member.placement.ts';
import {
  identityOf,
  memberFactIssues,
  phoneIndexInput,
  readSearchTerm,
  redactedSearch,
  todayIso,
  transferInProblem,
} from './member.policy.ts';
import * as repo from './member.repository.ts';
import { auditView, memberFor, requireActor } from './member.view.ts';

export type MemberFilter = Omit<MemberListQuery, 'page' | 'pageSize' | 'order'> & {
  order?: MemberListQuery['order'];
};
export type MemberHistoryEntry = {
  partyOrgId: string;
  partyOrgName: string;
  fromOn: string;
  toOn: string | null;
  reason: string | null;
};

export function phoneColumns(secrets: Secrets, phone: string | null) {
  if (!phone) return { phoneCipher: null, phoneMasked: null, phoneHash: null };
  return {
    phoneCipher: secrets.encrypt(phone),
    phoneMasked: maskPhone(phone),
    phoneHash: secrets.blindIndex(phoneIndexInput(phone)),
  };
}

export function idNumberColumns(secrets: Secrets, idNumber: string, knownHash?: string) {
  return {
    idNumberCipher: secrets.encrypt(idNumber),
    idNumberHash: knownHash ?? secrets.blindIndex(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

/**
 * The list/export condition: scope for `permission`, the filters, and a search through the blind indexes. A full
 * number is looked up only for an actor holding member.sensitive, only among the members whose numbers they may
 * see, and counted against the look-up limit; for everyone else it is just text that no name contains, so the
 * answer is the same whichever number is tried. `byNumber` tells the caller to audit the search.
 */
export async function memberWhere(
  ctx: Ctx,
  permission: Permission,
  f: MemberFilter,
): Promise<repo.MemberWhere & { byNumber?: 'id_number' | 'phone' }> {
  const actor = requireActor(ctx);
  const where: repo.MemberWhere = {
    scope: scopeSql(actor, permission, 'po.path'),
    departmentId: f.departmentId,
    category: f.category,
    partyPost: f.partyPost,
    status: f.status,
  };
  if (f.partyOrgId) {
    const org = await findPartyOrgById(ctx.db, f.partyOrgId);
    if (!org || !isInScope(actor, permission, org.path))
      throw notFound('member.org_not_found', ORG_OUT_OF_REACH);
    where.orgPath = org.path;
  }
  if (f.q) {
    const term = readSearchTerm(f.q);
    if (term.kind === 'name' || !hasPermission(actor, 'member.sensitive')) {
      where.nameContains = f.q.trim();
    } else {
      await admitNumberLookup(ctx, 'search');
      where.numberScope = scopeSql(actor, 'member.sensitive', 'po.path');
      if (term.kind === 'id_number') where.idNumberHash = ctx.secrets.blindIndex(term.value);
      else where.phoneHash = ctx.secrets.blindIndex(phoneIndexInput(term.value));
      return { ...where, byNumber: term.kind };
    }
  }
  return where;
}

/** A list; a search by a full number is audited (who searched which masked number, how many were found). */
export async function listMembers(ctx: Ctx, query: MemberListQuery): Promise<Page<Member>> {
  const where = await memberWhere(ctx, 'member.read', query);
  const { rows, total } = await repo.listMembers(
    ctx.db,
    where,
    query.sort,
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    query.order,
  );
  if (where.byNumber) {
    await recordAudit(ctx, {
      action: 'member.search_number',
      entityType: 'member',
      details: { by: where.byNumber, q: redactedSearch(query.q), results: total },
    });
  }
  return { items: rows.map((r) => memberFor(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * The member registered with this ID number, found through the blind index. No scope check: for the console and the
 * demo loader (linking accounts to members), not for request handlers.
 */
export function findMemberIdByIdNumber(ctx: Ctx, idNumber: string): Promise<string | null> {
  return repo.memberIdByHash(ctx.db, ctx.secrets.blindIndex(idNumber.trim().toUpperCase()));
}

/** Opening a member's record is a read of personal data, and audited as one ('member.view'). */
export async function getMember(ctx: Ctx, id: string): Promise<Member> {
  const row = await loadInScope(ctx, id, 'member.read');
  await recordAudit(ctx, { action: 'member.view', entityType: 'member', entityId: id });
  return memberFor(ctx, row);
}

export async function getMemberHistory(ctx: Ctx, id: string): Promise<MemberHistoryEntry[]> {
  await loadInScope(ctx, id, 'member.read');
  return repo.listHistory(ctx.db, id);
}

// The same words wherever the number is registered: in scope or not, this organ or another.
const idNumberTaken = () =>
  conflict('member.id_number_taken', '该身份证号已登记，请勿重复添加；如需调入，请办理组织关系转接');

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

export async function createMember(ctx: Ctx, body: CreateMemberBody): Promise<Member> {
  const issues: FieldIssue[] = [];
  const org = await memberOrgOrIssue(ctx, body.partyOrgId, 'body.partyOrgId');
  if ('field' in org) issues.push(org);
  else {
    const deptIssue = await departmentIssue(ctx, body.departmentId, org.unitId);
    if (deptIssue) issues.push(deptIssue);
  }
  const identity = identityOf(body.idNumber);
  const facts = memberFactIssues({
    identity,
    gender: body.gender,
    category: body.category,
    joinedOn: body.joinedOn ?? null,
    fullOn: body.fullOn ?? null,
  });
  issues.push(...facts.map((f) => ({ field: `body.${f.field}`, message: f.message })));
  const transferIn = body.transferInOn
    ? transferInProblem(body.transferInOn, body.joinedOn ?? null, todayIso())
    : null;
  if (transferIn) issues.push({ field: 'body.transferInOn', message: transferIn });
  if (issues.length > 0 || 'field' in org)
    throw invalid('member.invalid', '党员信息有误，请按提示修改', issues);

  // "Already registered" tells whether a number exists: the check counts against the look-up limit.
  await admitWriteLookup(ctx);
  const numbers = idNumberColumns(ctx.secrets, body.idNumber);
  if (await repo.memberIdByHash(ctx.db, numbers.idNumberHash)) throw idNumberTaken();
  let id: string;
  try {
    id = await repo.insertMember(ctx.db, {
      unitId: org.unitId,
      partyOrgId: org.id,
      departmentId: body.departmentId ?? null,
      name: body.name,
      gender: identity.gender,
      birthDate: identity.birthDate,
      ethnicity: body.ethnicity ?? null,
      education: body.education ?? null,
      ...numbers,
      ...phoneColumns(ctx.secrets, body.phone ?? null),
      category: body.category,
      joinedOn: body.joinedOn ?? null,
      fullOn: body.fullOn ?? null,
      partyPost: body.partyPost ?? null,
      businessPost: body.businessPost ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw idNumberTaken();
    throw error;
  }
  await repo.insertHistory(ctx.db, [
    {
      unitId: org.unitId,
      memberId: id,
      partyOrgId: org.id,
      fromOn: body.transferInOn ?? todayIso(),
      reason: null,
    },
  ]);
  const row = await reload(ctx, id);
  await recordAudit(ctx, {
    action: 'member.create',
    entityType: 'member',
    entityId: id,
    after: auditView(row),
  });
  return memberFor(ctx, row);
}

const pick = <T>(next: T | undefined, current: T): T => (next === undefined ? current : next);

export async function updateMember(ctx: Ctx, id: string, body: UpdateMemberBody): Promise<Member> {
  const before = await loadInScope(ctx, id, 'member.write');
  if (before.version !== body.version) throw staleVersion(memberFor(ctx, before));

  const patch: repo.MemberPatch = {};
  const issues: FieldIssue[] = [];
  // Comparing a typed number with the stored one (and with every other) is a look-up like a search.
  if (body.idNumber !== undefined) await admitWriteLookup(ctx);
  const idChanged =
    body.idNumber !== undefined && ctx.secrets.blindIndex(body.idNumber) !== before.idNumberHash;
  const identity =
    body.idNumber && idChanged
      ? identityOf(body.idNumber)
      : { gender: before.gender as 'male' | 'female', birthDate: before.birthDate };
  const category = pick(body.category, before.category as 'full' | 'probationary');
  const joinedOn = pick(body.joinedOn, before.joinedOn);
  const fullOn = pick(body.fullOn, before.fullOn);
  const facts = memberFactIssues({ identity, gender: body.gender, category, joinedOn, fullOn });
  issues.push(...facts.map((f) => ({ field: `body.${f.field}`, message: f.message })));
  if (body.departmentId !== undefined && body.departmentId !== before.departmentId) {
    const org = await findPartyOrgById(ctx.db, before.partyOrgId);
    const deptIssue = await departmentIssue(ctx, body.departmentId, org?.unitId ?? null);
    if (deptIssue) issues.push(deptIssue);
  }
  if (issues.length > 0) throw invalid('member.invalid', '党员信息有误，请按提示修改', issues);

  if (body.idNumber && idChanged) {
    const numbers = idNumberColumns(ctx.secrets, body.idNumber);
    if (await repo.memberIdByHash(ctx.db, numbers.idNumberHash)) throw idNumberTaken();
    Object.assign(patch, numbers, identity);
  }
  if (body.phone !== undefined) {
    const current = before.phoneCipher ? ctx.secrets.decrypt(before.phoneCipher) : null;
    if ((body.phone ?? null) !== current) Object.assign(patch, phoneColumns(ctx.secrets, body.phone));
  }
  const plain = {
    name: body.name,
    ethnicity: body.ethnicity,
    education: body.education,
    category: body.category,
    joinedOn: body.joinedOn,
    fullOn: body.fullOn,
    partyPost: body.partyPost,
    businessPost: body.businessPost,
    departmentId: body.departmentId,
  } as const;
  for (const [key, value] of Object.entries(plain) as [keyof typeof plain, string | null | undefined][]) {
    if (value !== undefined && value !== before[key]) (patch as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(patch).length === 0) return memberFor(ctx, before);

  let updated: { id: string } | undefined;
  try {
    updated = await repo.updateMemberRow(ctx.db, id, body.version, patch);
  } catch (error) {
    if (isUniqueViolation(error)) throw idNumberTaken();
    throw error;
  }
  if (!updated) throw staleVersion(memberFor(ctx, await reload(ctx, id)));
  const after = await reload(ctx, id);
  await recordAudit(ctx, {
    action: 'member.update',
    entityType: 'member',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return memberFor(ctx, after);
}
