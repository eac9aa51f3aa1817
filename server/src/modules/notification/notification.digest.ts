// The daily digest (每日提醒): every morning each person gets at most one notification that gathers what the modules
// have to remind them of — duties due soon, overdue ones — instead of one message per item (ADR 24: fewer, grouped
// reminders are the point; a notice per item is the burden the product exists to take away).
//
// Modules contribute digest sources (a registry: server.ts lists them once, as it lists scheduled jobs); the job
// asks each source for its lines of the day, merges them per person, and writes one row per person in a few
// multi-row inserts. The row's key (user, kind, day) makes "one digest per person per day" hold across reruns and
// instances: whichever run writes first wins, the others add nothing.
import type { NotificationLine } from '#contracts/notification';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { chinaDate, type JobDefinition } from '../../core/jobs.ts';
import { notifyListeners } from './notification.listeners.ts';
import { insertNotifications, type NewNotification } from './notification.repository.ts';

export type DigestLine = NotificationLine;

export type DigestSource = {
  /** Names the source in the job's outcome, e.g. 'responsibility.duties'. */
  key: string;
  /** The lines each account should see in the digest of `day` (China date YYYY-MM-DD). Reads only. */
  collect(ctx: Ctx, day: string): Promise<Array<{ userId: string; lines: DigestLine[] }>>;
};

export const DIGEST_KIND = 'digest';
export const DIGEST_JOB = 'notification.daily_digest';
/** Lines shown in one digest; the rest are counted in a last line that sends the person to their full list. */
export const DIGEST_MAX_LINES = 50;
/** Where every outstanding item of a person is listed: the responsibility module's "my duties" page. */
export const DIGEST_MORE_LINK = '/duties';

const RANK: Record<DigestLine['severity'], number> = { overdue: 0, due_soon: 1, info: 2 };

/**
 * One person's digest from all their lines: overdue first, then due soon, then the rest (each group in the order
 * the sources gave); at most DIGEST_MAX_LINES of them and a line counting the others. The title counts every line,
 * shown or not. Null when there is nothing to say.
 */
export function composeDigest(lines: readonly DigestLine[]): { title: string; lines: DigestLine[] } | null {
  if (lines.length === 0) return null;
  // Array.prototype.sort is stable: within a severity the sources' own order (nearest deadline first) is kept.
  const ordered = [...lines].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const count = (severity: DigestLine['severity']) => lines.filter((l) => l.severity === severity).length;
  const parts = (
    [
      [count('due_soon'), '项即将到期'],
      [count('overdue'), '项已逾期'],
      [count('info'), '条其他提醒'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`);
  const shown = ordered.slice(0, DIGEST_MAX_LINES);
  const hidden = ordered.length - shown.length;
  if (hidden > 0)
    shown.push({
      text: `还有 ${hidden} 项，请到“我的职责”查看`,
      link: DIGEST_MORE_LINK,
      severity: 'info',
    });
  return { title: `今日提醒：${parts.join('，')}`, lines: shown };
}

/** Every source's lines of `day`, merged per account (a source that fails is reported, the others still count). */
async function collectAll(ctx: Ctx, sources: readonly DigestSource[], day: string) {
  const byUser = new Map<string, DigestLine[]>();
  const failed: string[] = [];
  // One source after another: on the embedded database the queries would queue on its one session anyway.
  for (const source of sources) {
    try {
      for (const { userId, lines } of await source.collect(ctx, day)) {
        const merged = byUser.get(userId);
        if (merged) merged.push(...lines);
        else byUser.set(userId, [...lines]);
      }
    } catch (error) {
      ctx.log.error({ source: source.key, day, err: error }, 'digest source failed');
      failed.push(`${source.key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { byUser, failed };
}

/** Writes the digest of `day` for everyone the sources name; answers how many were created and skipped. */
export async function sendDailyDigest(ctx: Ctx, sources: readonly DigestSource[], day: string) {
  const { byUser, failed } = await collectAll(ctx, sources, day);
  const rows: NewNotification[] = [];
  for (const [userId, lines] of byUser) {
    const digest = composeDigest(lines);
    if (digest) rows.push({ userId, kind: DIGEST_KIND, day, ...digest });
  }
  // The listeners' writes (deliveries) commit with the digests or not at all.
  const created = await inTransaction(ctx, async (tx) => {
    const inserted = await insertNotifications(tx.db, rows);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    await notifyListeners(
      tx,
      inserted.flatMap((c) => {
        const row = byUser.get(c.userId);
        return row
          ? [{ ...c, kind: row.kind, day: row.day, title: row.title, lines: row.lines, urgent: false }]
          : [];
      }),
    );
    return inserted;
  });
  return { people: rows.length, created: created.length, failed };
}

/** The digest job over `sources` (server.ts passes DIGEST_SOURCES), daily at 07:30 China time. */
export function digestJobs(sources: readonly DigestSource[]): JobDefinition[] {
  return [
    {
      name: DIGEST_JOB,
      schedule: { daily: '07:30' },
      run: async (ctx, dueAt) => {
        const day = chinaDate(dueAt);
        const { people, created, failed } = await sendDailyDigest(ctx, sources, day);
        const outcome = `${day}: ${created} digests created for ${people} people (${people - created} had theirs or are disabled); ${sources.length} sources`;
        // Those who had lines from the sources that worked got their digest; the run still shows as failed, with why.
        if (failed.length > 0) throw new Error(`${outcome}; failed sources: ${failed.join('; ')}`);
        return outcome;
      },
    },
  ];
}
