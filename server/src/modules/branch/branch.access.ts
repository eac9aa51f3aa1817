// Who may see and change branch records. A record belongs to the organisation that held it (a branch, a cell, a
// temporary organisation): the organisation tree scopes it as everywhere. A talk (谈心谈话) is the one exception:
// everyone in scope sees that it took place and who took part, but what was said is for its participants and the
// branch secretary only — in the detail, lists, searches, exports and the ledger alike.
import { type RawBuilder, sql } from 'kysely';
import type { Permission } from '#contracts/identity';
import type { ActorCtx, Ctx } from '../../core/context.ts';
import { notFound, unauthenticated } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';

export const RECORD_NOT_FOUND = '该记录不存在或不在您的管辖范围内';
export const ORG_NOT_FOUND = '该党组织不存在或不在您的管辖范围内';

export function requireActor(ctx: Ctx): ActorCtx {
  if (!ctx.actor) throw unauthenticated();
  return ctx as ActorCtx;
}

/** A record with the path, name and kind of the organisation that held it. */
export async function loadRecord(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('branchRecord as r')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
    )
    .selectAll('r')
    .select(['o.path as orgPath', 'o.name as orgName'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RecordRow = NonNullable<Awaited<ReturnType<typeof loadRecord>>>;

export async function recordInScope(ctx: Ctx, id: string, permission: Permission): Promise<RecordRow> {
  const row = await loadRecord(ctx, id);
  if (!row || !isInScope(ctx.actor, permission, row.orgPath))
    throw notFound('branch.record_not_found', RECORD_NOT_FOUND);
  return row;
}

/** The actor is a branch secretary of the organisation at `orgPath` (held on it or on an organisation above it). */
export function isSecretaryOf(ctx: Ctx, orgPath: string): boolean {
  return (ctx.actor?.assignments ?? []).some(
    (a) => a.role === 'branch_secretary' && a.path !== null && orgPath.startsWith(a.path),
  );
}

/** The actor is an officer (of the work committee or the organ committee) over the organisation at `orgPath`. */
export function isOfficerOver(ctx: Ctx, orgPath: string): boolean {
  return (ctx.actor?.assignments ?? []).some(
    (a) =>
      (a.role === 'work_committee_officer' || a.role === 'organ_committee_officer') &&
      a.path !== null &&
      orgPath.startsWith(a.path),
  );
}

/**
 * May the actor read what was said in a talk: a participant (the one who talked, or one talked to) or the branch
 * secretary. Not the officers above, not the committee members: a talk is confidential by its nature.
 */
export function mayReadTalk(
  ctx: Ctx,
  talk: { orgPath: string; hostMemberId: string | null },
  participantIds: readonly string[],
): boolean {
  const me = ctx.actor?.memberId;
  if (me && (talk.hostMemberId === me || participantIds.includes(me))) return true;
  return isSecretaryOf(ctx, talk.orgPath);
}

/**
 * A WHERE condition for searches by words: true for every record but a talk, and for a talk only when the actor may
 * read it (host or one talked to, by the linked member; or the branch secretary over `orgPath`) — a talk's topic
 * answers nobody else's search. `record` is the alias of branch_record, `orgPath` the column of its organisation's path.
 */
export function talkReadableSql(ctx: Ctx, record: string, orgPath: string): RawBuilder<boolean> {
  const me = ctx.actor?.memberId;
  const ref = (column: string) => sql.ref(`${record}.${column}`);
  const or = [sql`${ref('kind')} <> 'talk'`];
  for (const a of ctx.actor?.assignments ?? [])
    if (a.role === 'branch_secretary' && a.path) or.push(sql`${sql.ref(orgPath)} like ${`${a.path}%`}`);
  if (me)
    or.push(
      sql`${ref('hostMemberId')} = ${me}`,
      sql`exists (select 1 from branch_record_attendee ta where ta.unit_id = ${ref('unitId')}
        and ta.record_id = ${ref('id')} and ta.member_id = ${me})`,
    );
  return sql<boolean>`(${sql.join(or, sql` or `)})`;
}
