// The development register (发展党员): people on their way into the Party, kept by the branch secretary and the
// officers (development.manage), read by whoever reads the branch (branch.read). Every change is checked against the
// rules on the whole timeline (branch.development.rules.ts) and refused with the rule's reason at the field. The
// member record itself is the member module's to make; once it exists the register links to it by the ID number.
import {
  type CreateDevelopmentBody,
  DEVELOPMENT_STAGES,
  type DevelopmentListQuery,
  type DevelopmentPerson,
  type PatchDevelopmentBody,
} from '#contracts/branch-development';
import type { FieldIssue } from '#contracts/errors';
import { birthDateFromIdNumber, genderFromIdNumber, maskIdNumber } from '#contracts/id-number';
import type { Permission } from '#contracts/identity';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { findMemberIdByIdNumber } from '../member/index.ts';
import {
  earliestDates,
  type IntroducerFacts,
  probationEndsOn,
  stageOf,
  type Timeline,
  timelineIssues,
} from './branch.development.rules.ts';
import { actorOf, orgInScope } from './branch.dues.access.ts';
import { peopleByIds } from './branch.dues.repository.ts';

const NOT_FOUND = '该发展对象不存在或不在您的管辖范围内';
/** Organisations that develop members: a branch, or a general branch; never a temporary organisation. */
const DEVELOPING_KINDS = ['branch', 'general_branch'];

function selectPeople(ctx: Ctx) {
  return ctx.db
    .selectFrom('developmentPerson as d')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'd.unitId').onRef('o.id', '=', 'd.partyOrgId'),
    )
    .selectAll('d')
    .select(['o.name as orgName', 'o.path as orgPath']);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof selectPeople>['executeTakeFirst']>>>;

const timelineOf = (r: Row): Timeline => ({
  birthDate: r.birthDate,
  appliedOn: r.appliedOn,
  activistOn: r.activistOn,
  candidateOn: r.candidateOn,
  probationaryOn: r.probationaryOn,
  fullOn: r.fullOn,
});
const introducerIds = (r: Pick<Row, 'introducer1MemberId' | 'introducer2MemberId'>) =>
  [r.introducer1MemberId, r.introducer2MemberId].filter((x): x is string => x !== null);

async function views(ctx: Ctx, rows: readonly Row[]): Promise<DevelopmentPerson[]> {
  const names = new Map((await peopleByIds(ctx.db, rows.flatMap(introducerIds))).map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const t = timelineOf(r);
    const full = isInScope(ctx.actor, 'development.manage', r.orgPath);
    return {
      id: r.id,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.orgName,
      name: r.name,
      gender: r.gender as DevelopmentPerson['gender'],
      birthDate: full ? r.birthDate : null,
      birthMonth: r.birthDate.slice(0, 7),
      idNumber: r.idNumberMasked,
      stage: r.stage as DevelopmentPerson['stage'],
      appliedOn: r.appliedOn,
      activistOn: r.activistOn,
      candidateOn: r.candidateOn,
      probationaryOn: r.probationaryOn,
      fullOn: r.fullOn,
      earliest: earliestDates(t),
      probationEndsOn: probationEndsOn(t),
      introducers: introducerIds(r).map((memberId) => ({ memberId, name: names.get(memberId) ?? '' })),
      memberId: r.memberId,
      notes: r.notes,
      version: r.version,
    };
  });
}

async function personInScope(ctx: Ctx, id: string, permission: Permission): Promise<Row> {
  const row = await selectPeople(ctx).where('d.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, permission, row.orgPath))
    throw notFound('development.not_found', NOT_FOUND);
  return row;
}

export async function listDevelopment(ctx: Ctx, q: DevelopmentListQuery): Promise<DevelopmentPerson[]> {
  const org = await orgInScope(ctx, q.partyOrgId, 'branch.read');
  let query = selectPeople(ctx)
    .where('d.unitId', '=', org.unitId)
    .where('o.path', 'like', `${org.path}%`)
    .orderBy('d.appliedOn')
    .orderBy('d.id');
  if (q.stage) query = query.where('d.stage', '=', q.stage);
  return views(ctx, await query.execute());
}

export async function getDevelopment(ctx: Ctx, id: string): Promise<DevelopmentPerson> {
  return (await views(ctx, [await personInScope(ctx, id, 'branch.read')]))[0] as DevelopmentPerson;
}

/** What the rules need of the named introducers: whether each is an active full member of the person's branch. */
async function introducerFacts(
  ctx: Ctx,
  ids: readonly string[],
  branchPath: string,
): Promise<IntroducerFacts[]> {
  const found = new Map((await peopleByIds(ctx.db, ids)).map((p) => [p.id, p]));
  return ids.map((memberId) => {
    const p = found.get(memberId);
    return {
      memberId,
      name: p?.name ?? null,
      active: p?.status === 'active',
      full: p?.category === 'full',
      inBranch: !!p && p.orgPath.startsWith(branchPath),
    };
  });
}

/**
 * The member record registered with this ID number in the register's own organ. The number is unique across organs,
 * so the look-up spans them: a member of another organ is not linked (nor its id shown) here.
 */
async function memberOfOrgan(ctx: Ctx, unitId: string, idNumber: string): Promise<string | null> {
  const id = await findMemberIdByIdNumber(ctx, idNumber);
  const [person] = id ? await peopleByIds(ctx.db, [id]) : [];
  return person?.unitId === unitId ? person.id : null;
}

function refuse(issues: readonly FieldIssue[]): void {
  if (issues.length > 0)
    throw invalid('development.rule', issues[0]?.message ?? '不符合发展党员的程序，请按提示修改', [
      ...issues,
    ]);
}

export async function createDevelopment(ctx: Ctx, body: CreateDevelopmentBody): Promise<DevelopmentPerson> {
  const actor = actorOf(ctx).actor;
  const org = await orgInScope(ctx, body.partyOrgId, 'development.manage');
  const issues: FieldIssue[] = [];
  if (!DEVELOPING_KINDS.includes(org.kind) || org.status !== 'active')
    issues.push({ field: 'body.partyOrgId', message: '发展党员由党支部（党总支）负责，请选择在建的党支部' });
  const gender = genderFromIdNumber(body.idNumber);
  if (body.gender && body.gender !== gender)
    issues.push({ field: 'body.gender', message: '性别与身份证号不符，请核对身份证号' });
  const birthDate = birthDateFromIdNumber(body.idNumber);
  const t: Timeline = {
    birthDate,
    appliedOn: body.appliedOn,
    activistOn: null,
    candidateOn: null,
    probationaryOn: null,
    fullOn: null,
  };
  issues.push(...timelineIssues(t, [], todayOf(ctx)));
  refuse(issues);
  const hash = ctx.secrets.blindIndex(body.idNumber);
  const existing = await selectPeople(ctx)
    .where('d.unitId', '=', org.unitId)
    .where('d.idNumberHash', '=', hash)
    .executeTakeFirst();
  if (existing) {
    // Where is said only to whoever reads that branch: the number alone must not tell another branch's keeper.
    const where = isInScope(ctx.actor, 'branch.read', existing.orgPath) ? existing.orgName : '本单位';
    throw conflict('development.person_exists', `此人已在${where}的发展党员名册中，请勿重复登记`);
  }
  const { id } = await ctx.db
    .insertInto('developmentPerson')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      name: body.name,
      gender,
      birthDate,
      idNumberCipher: ctx.secrets.encrypt(body.idNumber),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(body.idNumber),
      stage: 'applicant',
      appliedOn: body.appliedOn,
      memberId: await memberOfOrgan(ctx, org.unitId, body.idNumber),
      notes: body.notes ?? null,
      createdByUserId: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'development.create',
    entityType: 'development_person',
    entityId: id,
    details: { name: body.name, partyOrgId: org.id, appliedOn: body.appliedOn },
  });
  return getDevelopment(ctx, id);
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

const DATE_FIELDS = ['appliedOn', 'activistOn', 'candidateOn', 'probationaryOn', 'fullOn'] as const;

export async function patchDevelopment(
  ctx: Ctx,
  id: string,
  body: PatchDevelopmentBody,
): Promise<DevelopmentPerson> {
  const row = await personInScope(ctx, id, 'development.manage');
  const before = (await views(ctx, [row]))[0] as DevelopmentPerson;
  if (row.version !== body.version) throw staleVersion(before);
  const t = timelineOf(row);
  for (const f of DATE_FIELDS) {
    const v = body[f];
    if (v !== undefined) (t as Record<string, string | null>)[f] = v;
  }
  const issues: FieldIssue[] = [];
  const intro = body.introducerMemberIds ?? introducerIds(row);
  // Introducers are judged as they stand when named, or when the person becomes a candidate; the same two later on
  // are not judged again: one who has since moved away or left stays the person's introducer, and must not stop
  // the probationary year from being recorded or ending.
  const kept = row.candidateOn !== null && sameIds(intro, introducerIds(row));
  const facts = kept ? null : await introducerFacts(ctx, intro, row.orgPath);
  issues.push(...timelineIssues(t, facts, todayOf(ctx)));
  refuse(issues);
  const stage = stageOf(t);
  // The member record is the member module's to make; from 预备党员 on the register finds it by the ID number.
  const memberId =
    row.memberId ??
    (DEVELOPMENT_STAGES.indexOf(stage) >= DEVELOPMENT_STAGES.indexOf('probationary')
      ? await memberOfOrgan(ctx, row.unitId, ctx.secrets.decrypt(row.idNumberCipher))
      : null);
  const updated = await ctx.db
    .updateTable('developmentPerson')
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      appliedOn: t.appliedOn,
      activistOn: t.activistOn,
      candidateOn: t.candidateOn,
      probationaryOn: t.probationaryOn,
      fullOn: t.fullOn,
      stage,
      introducer1MemberId: intro[0] ?? null,
      introducer2MemberId: intro[1] ?? null,
      memberId,
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw staleVersion(before);
  const after = await getDevelopment(ctx, id);
  const pick = (p: DevelopmentPerson) => ({
    name: p.name,
    stage: p.stage,
    appliedOn: p.appliedOn,
    activistOn: p.activistOn,
    candidateOn: p.candidateOn,
    probationaryOn: p.probationaryOn,
    fullOn: p.fullOn,
    introducerMemberIds: p.introducers.map((i) => i.memberId),
  });
  await recordAudit(ctx, {
    action: 'development.update',
    entityType: 'development_person',
    entityId: id,
    before: pick(before),
    after: pick(after),
  });
  return after;
}
