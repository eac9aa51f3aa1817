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
import { chunked } from '../../core/chunked.ts';
import { type Ctx, nowOf } from '../../core/context.ts';
import { holdersCovering } from '../identity/index.ts';
import { type NotifyInput, notifyEach } from '../notification/index.ts';
import type { Subject } from './warning.facts.ts';

/** Rows of the history per insert: 7 parameters a row stay well below PostgreSQL's 65,535. */
export const EVENTS_PER_INSERT = 1000;

export type Told = {
  id: string;
  kind: string;
  level: string;
  dataText: string;
  deadline: string | null;
};

export type Telling = {
  warning: Told;
  org: Subject;
  /** The first ladder step to try. */
  from: number;
  /** A plan or rectification whose date passed: the climb resumed. */
  lapsed: boolean;
};

/**
 * Tells each warning's first step from `from` with someone to tell; answers the step each reached (`from` when
 * nobody is found), in the order given. Set-based for an organ's evaluation: one read of the holders for all of
 * them, the red ones' notifications in one insert, the history in one.
 */
export async function tellSteps(
  ctx: Ctx,
  q: { unitId: string; tellings: readonly Telling[]; ladder: readonly LadderStep[]; today: string },
): Promise<number[]> {
  const { ladder } = q;
  if (q.tellings.length === 0) return [];
  const from = Math.min(...q.tellings.map((t) => t.from));
  const roles = [...new Set(ladder.slice(from).map((s) => s.role))];
  const holders = await holdersCovering(
    ctx.db,
    q.tellings.map((t) => t.org.path),
    roles,
  );
  const reds: NotifyInput[] = [];
  const events: { warningId: string; kind: string; step: number; text: string }[] = [];
  const reached = q.tellings.map(({ warning: w, org, from, lapsed }) => {
    const mine = holders.get(org.path);
    const passed: string[] = [];
    let step = from;
    let users: string[] = [];
    for (let i = from; i < ladder.length; i++) {
      const role = (ladder[i] as LadderStep).role;
      const found = mine?.get(role) ?? [];
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
      reds.push({
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
      lapsed ? '整改计划或整改事项已过期，预警继续升级' : null,
      passed.length > 0 ? `${passed.join('、')}无人可通知，已跳过` : null,
      who
        ? now
          ? `已通知${who}（${users.length} 人）`
          : `已列入${who}（${users.length} 人）的每日提醒`
        : '升级链上无人可通知',
    ]
      .filter(Boolean)
      .join('；');
    events.push({ warningId: w.id, kind: lapsed ? 'plan_lapsed' : 'escalated', step, text });
    return step;
  });
  await notifyEach(ctx, reds);
  const at = nowOf(ctx);
  for (const chunk of chunked(events, EVENTS_PER_INSERT))
    await ctx.db
      .insertInto('warningEvent')
      .values(chunk.map((e) => ({ unitId: q.unitId, at, level: null, ...e })))
      .execute();
  return reached;
}
