// The demo organ's deliveries (ADR 30): two group robots — 企业微信 for the organ's Party committee, 钉钉 (加签) for
// its first general branch — a year of the committee robot's posts in the log, and the officers' own choices.
//
// The demo must never post anywhere: the robots point at hosts under `example.invalid` (a name that never resolves,
// RFC 6761) AND are paused (停用), so that neither enqueueing nor the sender touches them until an officer switches
// one on; the officers' addresses are under `example.invalid` too, with mail left off, so that the morning digest
// hands nothing to the installation's mail server. The log holds no pending row for the sender to pick up.
//
// The notices are the urgent ones an organ committee sends its cadres (role holders, not ordinary members): written
// through `notify`, before the robots and preferences exist, so that nothing is enqueued for them; their posts are
// then written as the sender left them. Deterministic: the same seed and day give the same rows.
import { type RawBuilder, sql } from 'kysely';
import type { OrgImportRow } from '#contracts/org';
import { type Ctx, todayOf } from '../../core/context.ts';
import { findUserIdByUsername } from '../identity/index.ts';
import { notify } from '../notification/index.ts';
import { listPartyOrgRefsByCodes } from '../org/index.ts';
import { seatsOfAccounts, speaksFor } from './delivery.audience.ts';
import { backoffMinutes, clockToMinutes, MAX_ATTEMPTS } from './delivery.schedule.ts';

export const DEMO_NOTICE_KIND = 'delivery.demo_notice';
/** Two urgent notices a month over the year before the load: a committee that uses its group for what cannot wait. */
export const DEMO_NOTICES = 24;
const NOTICE_EVERY_DAYS = 15;
/** The notice the committee's group robot was rate-limited on (errcode 45009): each post went out at the second try. */
const RATE_LIMITED = 9;
/** The notice sent while the organ's outbound proxy was down: given up, and partly sent again the next morning. */
const PROXY_DOWN = 18;
/** Of the posts given up on PROXY_DOWN, this many were put back by the officer and went out; the rest stay failed. */
const RETRIED_NEXT_MORNING = 2;
/** As postToRobot writes a connection that never opens: the organ's outbound proxy did not answer. */
const PROXY_ERROR = '无法连接：connect ETIMEDOUT 10.12.0.8:3128';

const NOTICES: readonly { title: string; text: string; link: string }[] = [
  {
    title: '紧急通知：明天上午召开机关党委扩大会议',
    text: '明天上午 9:00 在三楼第一会议室召开机关党委扩大会议，请各支部书记准时参加，不能参加的请向机关党委办公室请假。',
    link: '/notifications',
  },
  {
    title: '请于今天 17:00 前报送“三会一课”落实情况',
    text: '请各支部于今天 17:00 前在“支部工作记录”中补齐本季度支部委员会、党小组会和党课记录。',
    link: '/branch/records',
  },
  {
    title: '紧急：上级党委巡察组明日进驻',
    text: '巡察组明日进驻，请各支部今天内备齐近一年的会议记录、党费收缴台账和发展党员材料。',
    link: '/branch/records',
  },
  {
    title: '请于本周五前完成党员信息核对',
    text: '年度党内统计即将开始，请各支部于本周五前核对本支部党员的基本信息，发现错误及时更正。',
    link: '/members',
  },
  {
    title: '节前廉洁提醒',
    text: '节日将至，请各支部今天内向全体党员传达节前廉洁自律要求，并在支部工作记录中留痕。',
    link: '/branch/records',
  },
  {
    title: '请于今天下班前上报党费收缴明细',
    text: '财务对账需要，请各支部于今天下班前核对并上报本月党费收缴明细。',
    link: '/branch/dues',
  },
];

/** mulberry32: a small seeded stream, so that the same seed gives the same times of day. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The working day `back` days before `today` (a weekend moves to the Friday before). */
function workingDayBefore(today: string, back: number): string {
  const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * DAY_MS);
  const weekday = day.getUTCDay();
  const shift = weekday === 6 ? 1 : weekday === 0 ? 2 : 0;
  return new Date(day.getTime() - shift * DAY_MS).toISOString().slice(0, 10);
}

/** A China date and minute of the day as an instant. */
const at = (day: string, minute: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + minute * 60_000 - CHINA_OFFSET_MS);

export type DeliveryDemoResult = {
  loaded: boolean;
  channels: number;
  notices: number;
  deliveries: { sent: number; failed: number };
  preferences: number;
};

const NOT_LOADED: DeliveryDemoResult = {
  loaded: false,
  channels: 0,
  notices: 0,
  deliveries: { sent: 0, failed: 0 },
  preferences: 0,
};

/**
 * Loads the demo organ's robots, log and preferences. `orgs`: the organ's organisations as generated (its Party
 * committee and general branches are picked by kind); `usernames`: its accounts. An organ that already has a robot
 * is left alone, so that a second load changes nothing.
 */
export async function loadDeliveryDemo(
  ctx: Ctx,
  input: {
    orgs: readonly Pick<OrgImportRow, 'code' | 'kind'>[];
    usernames: readonly string[];
    seed: number;
  },
): Promise<DeliveryDemoResult> {
  const committeeCode = input.orgs.find((o) => o.kind === 'organ_committee')?.code;
  const branchCode = input.orgs.find((o) => o.kind === 'general_branch')?.code;
  if (!committeeCode) return NOT_LOADED;
  const refs = await listPartyOrgRefsByCodes(
    ctx.db,
    branchCode ? [committeeCode, branchCode] : [committeeCode],
  );
  const committee = refs.get(committeeCode);
  if (!committee) return NOT_LOADED;
  const generalBranch = branchCode ? refs.get(branchCode) : undefined;
  const existing = await ctx.db
    .selectFrom('deliveryChannel')
    .select('id')
    .where('unitId', '=', committee.unitId)
    .executeTakeFirst();
  if (existing) return NOT_LOADED;

  // The cadres the committee's robot speaks for: accounts holding a role in the committee's subtree.
  const usernames = new Map<string, string>();
  for (const username of [...input.usernames].sort()) {
    const id = await findUserIdByUsername(ctx.db, username);
    if (id) usernames.set(id, username);
  }
  const ids = [...usernames.keys()];
  const seats = await seatsOfAccounts(ctx.db, ids);
  const cadres = ids.filter((id) =>
    speaksFor(
      committee.path,
      seats.get(id)?.filter((s) => s.role !== null && s.role !== 'member'),
    ),
  );

  const random = seeded(input.seed ^ 0x0de1_1e57);
  const today = todayOf(ctx);
  let sent = 0;
  let failed = 0;
  const posts: RawBuilder<unknown>[] = [];
  // Written before the robots exist: `notify` enqueues nothing for these past notices.
  const notices: { id: string; userId: string; createdAt: Date }[][] = [];
  for (let i = 0; i < DEMO_NOTICES && cadres.length; i++) {
    const day = workingDayBefore(today, NOTICE_EVERY_DAYS * (DEMO_NOTICES - i));
    const minute = clockToMinutes('08:30') + Math.floor(random() * 8 * 60);
    const notice = NOTICES[i % NOTICES.length] as (typeof NOTICES)[number];
    const created = await notify(ctx, {
      userIds: cadres,
      kind: DEMO_NOTICE_KIND,
      day,
      title: notice.title,
      lines: [{ text: notice.text, link: notice.link, severity: 'info' }],
      urgent: true,
    });
    notices.push(created.map((c) => ({ ...c, createdAt: at(day, minute) })));
  }
  const wecom = await insertRobot(ctx, {
    unitId: committee.unitId,
    partyOrgId: committee.id,
    kind: 'wecom',
    name: '机关党委工作群',
    webhook: `https://qyapi.example.invalid/cgi-bin/webhook/send?key=demo-${input.seed}-wecom`,
    secret: null,
    severities: ['urgent'],
  });
  if (generalBranch)
    await insertRobot(ctx, {
      unitId: generalBranch.unitId,
      partyOrgId: generalBranch.id,
      kind: 'dingtalk',
      name: `${generalBranch.name}钉钉群`,
      webhook: `https://oapi.example.invalid/robot/send?access_token=demo-${input.seed}-dingtalk`,
      secret: `SECdemo${input.seed}`,
      severities: ['urgent', 'overdue'],
    });

  for (const [i, rows] of notices.entries())
    for (const [k, row] of rows.entries()) {
      const t = row.createdAt;
      const second = (n: number) => new Date(t.getTime() + n * 1000);
      let post: {
        status: 'sent' | 'failed';
        attempts: number;
        next: Date;
        error: string | null;
        sentAt: Date | null;
      };
      if (i === PROXY_DOWN && k >= RETRIED_NEXT_MORNING) {
        // Ten attempts over about four hours (1 + 2 + 4 … capped at 60 minutes between them), then given up.
        let waited = 0;
        for (let a = 1; a < MAX_ATTEMPTS; a++) waited += backoffMinutes(a);
        post = {
          status: 'failed',
          attempts: MAX_ATTEMPTS,
          next: second(waited * 60),
          error: PROXY_ERROR,
          sentAt: null,
        };
        failed++;
      } else if (i === PROXY_DOWN) {
        // Put back by the officer the next morning (attempts counted afresh) and sent at once.
        const morning = new Date(t.getTime() + 18 * 3_600_000);
        post = { status: 'sent', attempts: 1, next: morning, error: null, sentAt: morning };
        sent++;
      } else if (i === RATE_LIMITED) {
        post = { status: 'sent', attempts: 2, next: second(60), error: null, sentAt: second(61) };
        sent++;
      } else {
        post = {
          status: 'sent',
          attempts: 1,
          next: t,
          error: null,
          sentAt: second(1 + Math.floor(random() * 4)),
        };
        sent++;
      }
      posts.push(
        sql`(${row.id}::uuid, ${row.userId}::uuid, 'wecom', ${wecom}, true, ${post.status}, ${post.attempts}::int, ${post.next}::timestamptz, ${post.error}, ${post.sentAt}::timestamptz, ${t}::timestamptz)`,
      );
    }
  for (let i = 0; i < posts.length; i += 1000)
    await sql`
      insert into delivery
        (notification_id, user_id, channel, target, urgent, status, attempts, next_attempt_at, last_error, sent_at,
         created_at)
      select * from (values ${sql.join(posts.slice(i, i + 1000))}) as v
      on conflict (notification_id, channel, target) do nothing`.execute(ctx.db);

  // The cadres' own choices: an address each, mail left off; quiet hours 22:00–07:30 for every other one.
  const quiet = { from: clockToMinutes('22:00'), until: clockToMinutes('07:30') };
  if (cadres.length) {
    await ctx.db
      .insertInto('deliveryPreference')
      .values(
        cadres.map((userId, k) => ({
          userId,
          email: `${usernames.get(userId)}@example.invalid`,
          emailEnabled: false,
          quietFrom: k % 2 === 0 ? quiet.from : null,
          quietUntil: k % 2 === 0 ? quiet.until : null,
        })),
      )
      .onConflict((oc) => oc.column('userId').doNothing())
      .execute();
  }
  return {
    loaded: true,
    channels: generalBranch ? 2 : 1,
    notices: notices.length,
    deliveries: { sent, failed },
    preferences: cadres.length,
  };
}

/** A paused robot: enqueueing passes it by and the sender skips it until an officer switches it on. */
async function insertRobot(
  ctx: Ctx,
  r: {
    unitId: string;
    partyOrgId: string;
    kind: 'wecom' | 'dingtalk';
    name: string;
    webhook: string;
    secret: string | null;
    severities: string[];
  },
): Promise<string> {
  const row = await ctx.db
    .insertInto('deliveryChannel')
    .values({
      unitId: r.unitId,
      partyOrgId: r.partyOrgId,
      kind: r.kind,
      name: r.name,
      webhookCipher: ctx.secrets.encrypt(r.webhook),
      secretCipher: r.secret ? ctx.secrets.encrypt(r.secret) : null,
      host: new URL(r.webhook).host,
      severities: sql<string[]>`${`{${r.severities.join(',')}}`}::text[]`,
      enabled: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
