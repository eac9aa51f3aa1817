// 党组成员联系支部 (liaison points) and 支部联络员 (liaison officers). Their contact activity is counted from the
// branch's records they attended (the record kinds' attendance), never typed in again.
import type { z } from 'zod';
import type { EndLiaisonBodySchema, Liaison, LiaisonBodySchema } from '#contracts/handover';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { allRecordKinds } from './responsibility.registry.ts';

const NOT_FOUND = '联系点不存在或不在您的管辖范围内';

export async function listLiaisons(
  ctx: Ctx,
  q: { partyOrgId?: string | undefined; year?: number | undefined },
): Promise<Liaison[]> {
  let query = ctx.db
    .selectFrom('liaison as l')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.branchOrgId'),
    )
    .selectAll('l')
    .select('o.name as branchName')
    .where(scopeSql(ctx.actor, 'responsibility.read', 'o.path'))
    .orderBy('o.path')
    .orderBy('l.kind')
    .orderBy('l.since');
  if (q.partyOrgId) query = query.where('l.branchOrgId', '=', q.partyOrgId);
  const rows = await query.execute();
  const year = q.year ?? Number(todayOf(ctx).slice(0, 4));
  const names = await memberRefs(
    ctx.db,
    rows.map((r) => r.memberId),
  );
  const out: Liaison[] = [];
  for (const r of rows) {
    const from = r.since > `${year}-01-01` ? r.since : `${year}-01-01`;
    const to = r.until && r.until < `${year}-12-31` ? r.until : `${year}-12-31`;
    const contacts: Liaison['contacts'] = [];
    if (from <= to)
      for (const kind of allRecordKinds()) {
        if (!kind.attendedBy) continue;
        const held = await kind.attendedBy(ctx, {
          unitId: r.unitId,
          memberId: r.memberId,
          orgIds: [r.branchOrgId],
          from,
          to,
        });
        for (const h of held)
          contacts.push({ kind: kind.key, kindLabel: kind.label.zh, id: h.id, date: h.date, title: h.title });
      }
    contacts.sort((a, b) => a.date.localeCompare(b.date));
    out.push({
      id: r.id,
      kind: r.kind as Liaison['kind'],
      memberId: r.memberId,
      memberName: names.get(r.memberId)?.name ?? '',
      branchOrgId: r.branchOrgId,
      branchName: r.branchName,
      since: r.since,
      until: r.until,
      contacts,
    });
  }
  return out;
}

export async function createLiaison(ctx: Ctx, body: z.output<typeof LiaisonBodySchema>): Promise<Liaison> {
  const branch = (await partyOrgRefs(ctx.db, [body.branchOrgId])).get(body.branchOrgId);
  if (!branch || !isInScope(ctx.actor, 'responsibility.manage', branch.path))
    throw notFound('responsibility.org_not_found', '党支部不存在或不在您的管辖范围内');
  // A branch names its own 联络员; which 党组 member liaises with it is arranged from above.
  if (body.kind === 'point' && !isInScope(ctx.actor, 'responsibility.organise', branch.path))
    throw forbidden('responsibility.not_organiser', '党组成员联系点由机关党委安排，请联系机关党委设置');
  const issues: { field: string; message: string }[] = [];
  if (!['branch', 'general_branch'].includes(branch.kind) || branch.status !== 'active')
    issues.push({ field: 'body.branchOrgId', message: '联系点和联络员应设在在建的党支部或党总支' });
  const member = (await memberRefs(ctx.db, [body.memberId])).get(body.memberId);
  if (!member || member.unitId !== branch.unitId || member.status !== 'active')
    issues.push({ field: 'body.memberId', message: '须为本单位在册党员' });
  if (issues.length) throw invalid('responsibility.invalid_liaison', '联系点信息有误，请按提示修改', issues);
  const existing = await ctx.db
    .selectFrom('liaison')
    .select('id')
    .where('unitId', '=', branch.unitId)
    .where('branchOrgId', '=', branch.id)
    .where('memberId', '=', body.memberId)
    .where('kind', '=', body.kind)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', body.since)]))
    .executeTakeFirst();
  if (existing) throw conflict('responsibility.liaison_exists', '该同志已是此支部的联系人，无需重复设置');
  const row = await ctx.db
    .insertInto('liaison')
    .values({ unitId: branch.unitId, ...body })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'responsibility.liaison_create',
    entityType: 'liaison',
    entityId: row.id,
    after: body,
  });
  return oneLiaison(ctx, row.id);
}

async function oneLiaison(ctx: Ctx, id: string): Promise<Liaison> {
  const row = await ctx.db
    .selectFrom('liaison')
    .select(['branchOrgId'])
    .where('id', '=', id)
    .executeTakeFirst();
  const found = row
    ? (await listLiaisons(ctx, { partyOrgId: row.branchOrgId })).find((l) => l.id === id)
    : undefined;
  if (!found) throw notFound('responsibility.liaison_not_found', NOT_FOUND);
  return found;
}

export async function endLiaison(
  ctx: Ctx,
  id: string,
  body: z.output<typeof EndLiaisonBodySchema>,
): Promise<Liaison> {
  const row = await ctx.db
    .selectFrom('liaison as l')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.branchOrgId'),
    )
    .select(['l.unitId', 'l.kind', 'l.since', 'l.until', 'o.path'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'responsibility.manage', row.path))
    throw notFound('responsibility.liaison_not_found', NOT_FOUND);
  if (row.kind === 'point' && !isInScope(ctx.actor, 'responsibility.organise', row.path))
    throw forbidden('responsibility.not_organiser', '党组成员联系点由机关党委安排，请联系机关党委调整');
  if (row.until)
    throw conflict('responsibility.liaison_ended', `该联系已于 ${row.until} 结束，如需恢复请重新设置`);
  if (body.until < row.since)
    throw invalid('responsibility.invalid_liaison', '结束日期有误', [
      { field: 'body.until', message: `结束日期不能早于开始日期 ${row.since}` },
    ]);
  await ctx.db
    .updateTable('liaison')
    .set({ until: body.until })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, {
    action: 'responsibility.liaison_end',
    entityType: 'liaison',
    entityId: id,
    after: body,
  });
  return oneLiaison(ctx, id);
}
