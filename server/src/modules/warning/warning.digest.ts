// Warnings in the daily digest (issue 13 point 4: "still one digest per person per day, with urgent (red) warnings
// sent at once"): every open warning nobody has answered (or whose plan's date has passed) is a line in the morning
// digest of each person at its ladder step, day after day until it is answered or cleared. Red ones were also sent
// at once when told (warning.tell.ts).
import {
  type LadderStep,
  LEVEL_LABELS,
  type Level,
  RULE_KIND_LABELS,
  type RuleKind,
} from '#contracts/warning';
import type { Ctx } from '../../core/context.ts';
import { holdersCovering } from '../identity/index.ts';
import type { DigestLine, DigestSource } from '../notification/index.ts';
import { configOf, ownerUnitOf } from './warning.config.ts';
import { answerHolds } from './warning.escalation.ts';

export const warningDigest: DigestSource = {
  key: 'warning.open',
  collect: async (ctx: Ctx, day: string) => {
    const rows = await ctx.db
      .selectFrom('warning as w')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'w.unitId').onRef('o.id', '=', 'w.partyOrgId'),
      )
      .select([
        'w.id',
        'w.unitId',
        'w.kind',
        'w.level',
        'w.step',
        'w.dataText',
        'w.deadline',
        'w.answerKind',
        'w.answerPlanDue',
        'o.name',
        'o.path',
      ])
      .where('w.status', '=', 'open')
      .where('w.stepAt', 'is not', null)
      .execute();
    const waiting = rows.filter((r) => !answerHolds(r, day));
    if (waiting.length === 0) return [];
    // One work committee's ladder for all its organs (read once per owner).
    const byOwner = new Map<string, readonly LadderStep[]>();
    const ladders = new Map<string, readonly LadderStep[]>();
    for (const unitId of new Set(waiting.map((r) => r.unitId))) {
      const owner = await ownerUnitOf(ctx, unitId);
      let ladder = byOwner.get(owner);
      if (!ladder) {
        ladder = (await configOf(ctx, owner)).ladder;
        byOwner.set(owner, ladder);
      }
      ladders.set(unitId, ladder);
    }
    const roles = [...new Set([...ladders.values()].flatMap((l) => l.map((s) => s.role)))];
    const holders = await holdersCovering(
      ctx.db,
      waiting.map((r) => r.path),
      roles,
    );
    const byUser = new Map<string, DigestLine[]>();
    for (const r of waiting) {
      const role = ladders.get(r.unitId)?.[r.step]?.role;
      if (!role) continue;
      const label = RULE_KIND_LABELS[r.kind as RuleKind]?.zh ?? r.kind;
      const overdue = r.deadline !== null && r.deadline < day;
      const line: DigestLine = {
        text: `${LEVEL_LABELS[r.level as Level].zh}预警｜${r.name}${label}：${r.dataText}${r.deadline ? `，${overdue ? '已过' : ''}期限 ${r.deadline}` : ''}${r.answerKind ? '（整改计划已过期）' : '，尚未答复'}`,
        link: `/warnings/${r.id}`,
        severity: overdue || r.level !== 'yellow' ? 'overdue' : 'due_soon',
      };
      for (const userId of holders.get(r.path)?.get(role) ?? []) {
        const list = byUser.get(userId) ?? [];
        list.push(line);
        byUser.set(userId, list);
      }
    }
    return [...byUser].map(([userId, lines]) => ({ userId, lines }));
  },
};
