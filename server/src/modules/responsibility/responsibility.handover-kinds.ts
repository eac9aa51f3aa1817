// What this module registers with its own handover registry: duties owned, approvals waiting, lists held, liaison
// posts and year-end ratings not yet given. Later modules register theirs the same way (server/src/registrations.ts).
import type { Ctx } from '../../core/context.ts';
import { conflict } from '../../core/errors.ts';
import type { HandoverKind } from './responsibility.registry.ts';

const ids = (q: { ids: readonly string[] }) => [...q.ids];

export const RESPONSIBILITY_HANDOVER_KINDS: readonly HandoverKind[] = [
  {
    key: 'responsibility.item',
    label: { zh: '责任清单职责', en: 'Duties' },
    async listOpen(ctx: Ctx, q) {
      const rows = await ctx.db
        .selectFrom('responsibilityItem as i')
        .innerJoin('responsibilityList as l', (j) =>
          j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
        )
        .select(['i.id', 'i.title', 'l.title as listTitle', 'i.deadline'])
        .where('i.unitId', '=', q.unitId)
        .where('i.ownerMemberId', '=', q.memberId)
        .where('i.status', '=', 'active')
        .where('l.year', '>=', Number(q.today.slice(0, 4)))
        .orderBy('i.seq')
        .execute();
      return rows.map((r) => ({ id: r.id, label: `${r.title}（${r.listTitle}）`, dueOn: r.deadline }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      await ctx.db
        .updateTable('responsibilityItem')
        .set({ ownerMemberId: q.toMemberId, updatedAt: new Date() })
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', '=', q.fromMemberId)
        .where('id', 'in', ids(q))
        .execute();
    },
  },
  {
    key: 'responsibility.list',
    label: { zh: '本人责任清单', en: 'Own lists' },
    async listOpen(ctx, q) {
      const rows = await ctx.db
        .selectFrom('responsibilityList')
        .select(['id', 'title'])
        .where('unitId', '=', q.unitId)
        .where('holderMemberId', '=', q.memberId)
        .where('year', '>=', Number(q.today.slice(0, 4)))
        .execute();
      return rows.map((r) => ({ id: r.id, label: r.title, dueOn: null }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      const lists = await ctx.db
        .selectFrom('responsibilityList')
        .select(['id', 'year', 'level', 'partyOrgId', 'title'])
        .where('unitId', '=', q.unitId)
        .where('holderMemberId', '=', q.fromMemberId)
        .where('id', 'in', ids(q))
        .execute();
      for (const list of lists) {
        // A successor who already keeps their own list of the same year, level and organisation takes the duties
        // into it (one person, one list: 一岗双责); the emptied list goes. Otherwise the list changes holder.
        const theirs = await ctx.db
          .selectFrom('responsibilityList')
          .select('id')
          .where('unitId', '=', q.unitId)
          .where('holderMemberId', '=', q.toMemberId)
          .where('year', '=', list.year)
          .where('level', '=', list.level)
          .where('partyOrgId', '=', list.partyOrgId)
          .executeTakeFirst();
        if (!theirs) {
          await ctx.db
            .updateTable('responsibilityList')
            .set({ holderMemberId: q.toMemberId, updatedAt: new Date() })
            .where('unitId', '=', q.unitId)
            .where('id', '=', list.id)
            .execute();
          continue;
        }
        const report = await ctx.db
          .selectFrom('reportAppraisal')
          .select('id')
          .where('unitId', '=', q.unitId)
          .where('listId', '=', list.id)
          .executeTakeFirst();
        if (report)
          throw conflict(
            'handover.list_has_report',
            `移交人的《${list.title}》已有述职报告，接任人又有同年度的本人清单，无法合并；请先在接任人清单中补录这些职责，或待年度述职评议结束后再办理交接`,
          );
        const last = await ctx.db
          .selectFrom('responsibilityItem')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('unitId', '=', q.unitId)
          .where('listId', '=', theirs.id)
          .executeTakeFirst();
        await ctx.db
          .updateTable('responsibilityItem')
          .set((eb) => ({ listId: theirs.id, seq: eb('seq', '+', last?.seq ?? 0), updatedAt: new Date() }))
          .where('unitId', '=', q.unitId)
          .where('listId', '=', list.id)
          .execute();
        await ctx.db
          .deleteFrom('responsibilityList')
          .where('unitId', '=', q.unitId)
          .where('id', '=', list.id)
          .execute();
      }
    },
  },
  {
    key: 'responsibility.approval',
    label: { zh: '待审批的豁免申请', en: 'Approvals waiting' },
    async listOpen(ctx, q) {
      const rows = await ctx.db
        .selectFrom('responsibilityExemption as e')
        .innerJoin('responsibilityItem as i', (j) =>
          j.onRef('i.unitId', '=', 'e.unitId').onRef('i.id', '=', 'e.itemId'),
        )
        .select(['e.id', 'i.title', 'e.startsOn'])
        .where('e.unitId', '=', q.unitId)
        .where('e.approverMemberId', '=', q.memberId)
        .where('e.status', '=', 'pending')
        .execute();
      return rows.map((r) => ({ id: r.id, label: `${r.title} 的豁免申请`, dueOn: r.startsOn }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      await ctx.db
        .updateTable('responsibilityExemption')
        .set({ approverMemberId: q.toMemberId })
        .where('unitId', '=', q.unitId)
        .where('approverMemberId', '=', q.fromMemberId)
        .where('status', '=', 'pending')
        .where('id', 'in', ids(q))
        .execute();
    },
  },
  {
    key: 'responsibility.liaison',
    label: { zh: '联系点和联络员', en: 'Liaison posts' },
    async listOpen(ctx, q) {
      const rows = await ctx.db
        .selectFrom('liaison as l')
        .innerJoin('partyOrg as o', (j) =>
          j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.branchOrgId'),
        )
        .select(['l.id', 'l.kind', 'o.name'])
        .where('l.unitId', '=', q.unitId)
        .where('l.memberId', '=', q.memberId)
        .where((eb) => eb.or([eb('l.until', 'is', null), eb('l.until', '>=', q.today)]))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        label: `${r.kind === 'point' ? '联系点' : '联络员'}：${r.name}`,
        dueOn: null,
      }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      await ctx.db
        .updateTable('liaison')
        .set({ memberId: q.toMemberId })
        .where('unitId', '=', q.unitId)
        .where('memberId', '=', q.fromMemberId)
        .where('id', 'in', ids(q))
        .execute();
    },
  },
  {
    key: 'responsibility.rating',
    label: { zh: '待完成的述职评议', en: 'Ratings to give' },
    async listOpen(ctx, q) {
      const rows = await ctx.db
        .selectFrom('reportRating as r')
        .innerJoin('reportAppraisal as a', (j) =>
          j.onRef('a.unitId', '=', 'r.unitId').onRef('a.id', '=', 'r.reportId'),
        )
        .innerJoin('responsibilityList as l', (j) =>
          j.onRef('l.unitId', '=', 'a.unitId').onRef('l.id', '=', 'a.listId'),
        )
        .select(['r.id', 'l.title'])
        .where('r.unitId', '=', q.unitId)
        .where('r.raterMemberId', '=', q.memberId)
        .where('r.grade', 'is', null)
        .execute();
      return rows.map((r) => ({ id: r.id, label: `评议：${r.title}`, dueOn: null }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      // A successor who already rates the same report keeps their own place; the leaver's is then dropped.
      const rows = await ctx.db
        .selectFrom('reportRating')
        .select(['id', 'reportId'])
        .where('unitId', '=', q.unitId)
        .where('id', 'in', ids(q))
        .execute();
      const taken = await ctx.db
        .selectFrom('reportRating')
        .select('reportId')
        .where('unitId', '=', q.unitId)
        .where('raterMemberId', '=', q.toMemberId)
        .execute();
      const has = new Set(taken.map((t) => t.reportId));
      const drop = rows.filter((r) => has.has(r.reportId)).map((r) => r.id);
      const move = rows.filter((r) => !has.has(r.reportId)).map((r) => r.id);
      if (drop.length)
        await ctx.db
          .deleteFrom('reportRating')
          .where('unitId', '=', q.unitId)
          .where('id', 'in', drop)
          .execute();
      if (move.length)
        await ctx.db
          .updateTable('reportRating')
          .set({ raterMemberId: q.toMemberId })
          .where('unitId', '=', q.unitId)
          .where('id', 'in', move)
          .execute();
    },
  },
];
