// The fusion module's lines in the daily digest (ADR 24): a milestone its owner owes within DUE_SOON_DAYS or is late
// with, and a brand under rectification whose deadline nears or has passed (to the branch's secretary) — the
// reminder the annual review promises. Reads only; one query per kind for every organ.
import { BRAND_STATUS_LABELS } from '#contracts/fusion-brand';
import { OPEN_STAGES } from '#contracts/fusion-project';
import { accountsOfMembers } from '../identity/index.ts';
import { postHoldersOf } from '../member/index.ts';
import type { DigestLine, DigestSource } from '../notification/index.ts';
import { DUE_SOON_DAYS } from '../responsibility/index.ts';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const fusionDigest: DigestSource = {
  key: 'fusion',
  async collect(ctx, day) {
    const horizon = addDays(day, DUE_SOON_DAYS);
    const lines = new Map<string, DigestLine[]>();
    const add = (memberId: string, line: DigestLine) =>
      lines.set(memberId, [...(lines.get(memberId) ?? []), line]);

    const milestones = await ctx.db
      .selectFrom('fusionMilestone as ms')
      .innerJoin('fusionProject as p', (j) =>
        j.onRef('p.unitId', '=', 'ms.unitId').onRef('p.id', '=', 'ms.projectId'),
      )
      .select(['ms.ownerMemberId', 'ms.title', 'ms.dueOn', 'p.id as projectId', 'p.title as projectTitle'])
      .where('ms.doneOn', 'is', null)
      .where('ms.dueOn', '<=', horizon)
      .where('p.stage', 'in', [...OPEN_STAGES])
      .orderBy('ms.dueOn')
      .execute();
    for (const m of milestones) {
      const over = m.dueOn < day;
      add(m.ownerMemberId, {
        text: over
          ? `项目节点已逾期：${m.projectTitle}“${m.title}”（${m.dueOn} 到期），请抓紧完成或调整计划`
          : `项目节点即将到期：${m.projectTitle}“${m.title}”（${m.dueOn} 到期）`,
        link: `/fusion/projects/${m.projectId}`,
        severity: over ? 'overdue' : 'due_soon',
      });
    }

    // A brand under rectification: its latest review says 整改, with the deadline.
    const reviews = await ctx.db
      .selectFrom('brandReview as r')
      .innerJoin('brand as b', (j) => j.onRef('b.unitId', '=', 'r.unitId').onRef('b.id', '=', 'r.brandId'))
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'b.unitId').onRef('o.id', '=', 'b.partyOrgId'),
      )
      .select([
        'r.brandId',
        'r.unitId',
        'r.status',
        'r.rectifyBy',
        'r.createdAt',
        'b.name',
        'b.partyOrgId',
        'o.name as orgName',
      ])
      .where((eb) =>
        eb('r.createdAt', '=', (sub) =>
          sub
            .selectFrom('brandReview as l')
            .select((e) => e.fn.max('l.createdAt').as('at'))
            .whereRef('l.unitId', '=', 'r.unitId')
            .whereRef('l.brandId', '=', 'r.brandId'),
        ),
      )
      .where('r.status', '=', 'rectifying')
      .where('r.rectifyBy', '<=', horizon)
      .execute();
    const byUnit = new Map<string, typeof reviews>();
    for (const r of reviews) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
    for (const [unitId, brands] of byUnit) {
      const secretaries = await postHoldersOf(
        ctx.db,
        unitId,
        brands.map((b) => b.partyOrgId),
        'secretary',
      );
      for (const b of brands) {
        const over = (b.rectifyBy as string) < day;
        for (const s of secretaries.get(b.partyOrgId) ?? [])
          add(s.id, {
            text: over
              ? `品牌${BRAND_STATUS_LABELS.rectifying.zh}已逾期：${b.orgName}“${b.name}”（期限 ${b.rectifyBy}），请尽快完成整改并申请复评`
              : `品牌${BRAND_STATUS_LABELS.rectifying.zh}即将到期：${b.orgName}“${b.name}”（期限 ${b.rectifyBy}）`,
            link: `/fusion/brands/${b.brandId}`,
            severity: over ? 'overdue' : 'due_soon',
          });
      }
    }
    const accounts = await accountsOfMembers(ctx.db, [...lines.keys()]);
    const out: { userId: string; lines: DigestLine[] }[] = [];
    for (const [memberId, own] of lines)
      for (const userId of accounts.get(memberId) ?? []) out.push({ userId, lines: own });
    return out;
  },
};
