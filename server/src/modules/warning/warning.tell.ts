// Telling a step of the ladder (issue 13 point 3): the accounts holding the step's role over the organisation hear
// of the warning — a red one at once in their notification centre (and by mail or group robot through the
// deliveries, urgent); yellow and orange in their morning digest (warning.digest.ts), until it is answered.
// A step with nobody to tell (a branch without a secretary's account, the organ's root at the branch step) is
// passed over to the next that has someone, and the history says so.
import {
  LADDER_ROLE_LABELS,
  type LadderStep,
  LEVEL_LABELS,
  type Level,
  RULE_KIND_LABELS,
  type RuleKind,
} from '#contracts/warning';
import { type Ctx, nowOf } from '../../core/context.ts';
import { holdersCovering } from '../identity/index.ts';
import { notify } from '../notification/index.ts';
import type { Subject } from './warning.facts.ts';

export type Told = {
  id: string;
  kind: string;
  level: string;
  dataText: string;
  deadline: string | null;
};

/** Tells the first step from `from` with someone to tell; answers the step reached (`from` when nobody is found). */
export async function tellStep(
  ctx: Ctx,
  q: {
    unitId: string;
    warning: Told;
    org: Subject;
    ladder: readonly LadderStep[];
    from: number;
    today: string;
    /** A plan or rectification whose date passed: the climb resumed. */
    lapsed: boolean;
  },
): Promise<number> {
  const { warning: w, org, ladder } = q;
  const roles = [...new Set(ladder.slice(q.from).map((s) => s.role))];
  const holders = (await holdersCovering(ctx.db, [org.path], roles)).get(org.path);
  const passed: string[] = [];
  let step = q.from;
  let users: string[] = [];
  for (let i = q.from; i < ladder.length; i++) {
    const role = (ladder[i] as LadderStep).role;
    const found = holders?.get(role) ?? [];
    if (found.length > 0) {
      step = i;
      users = found;
      break;
    }
    passed.push(LADDER_ROLE_LABELS[role].zh);
  }
  const level = w.level as Level;
  const label = RULE_KIND_LABELS[w.kind as RuleKind]?.zh ?? w.kind;
  const who = users.length > 0 ? LADDER_ROLE_LABELS[(ladder[step] as LadderStep).role].zh : null;
  // Red is sent at once; yellow and orange wait for the morning digest (warning.digest.ts), one per person a day.
  const now = level === 'red' && users.length > 0;
  if (now)
    await notify(ctx, {
      userIds: users,
      kind: `warning:${w.id}:${step}`,
      day: q.today,
      title: `${LEVEL_LABELS[level].zh}预警：${org.name}${label}`,
      lines: [
        {
          text: `${org.name}：${w.dataText}${w.deadline ? `，请于 ${w.deadline} 前处理` : ''}${step > 0 ? '（未及时答复，已升级）' : ''}`,
          link: `/warnings/${w.id}`,
          severity: 'overdue',
        },
      ],
      urgent: true,
    });
  const text = [
    q.lapsed ? '整改计划或整改事项已过期，预警继续升级' : null,
    passed.length > 0 ? `${passed.join('、')}无人可通知，已跳过` : null,
    who
      ? now
        ? `已通知${who}（${users.length} 人）`
        : `已列入${who}（${users.length} 人）的每日提醒`
      : '升级链上无人可通知',
  ]
    .filter(Boolean)
    .join('；');
  await ctx.db
    .insertInto('warningEvent')
    .values({
      unitId: q.unitId,
      warningId: w.id,
      at: nowOf(ctx),
      kind: q.lapsed ? 'plan_lapsed' : 'escalated',
      level: null,
      step,
      text,
    })
    .execute();
  return step;
}
