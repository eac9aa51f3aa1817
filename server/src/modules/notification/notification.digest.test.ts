import { describe, expect, it } from 'vitest';
import { composeDigest, DIGEST_MAX_LINES, type DigestLine } from './notification.digest.ts';

const line = (severity: DigestLine['severity'], n: number): DigestLine => ({
  text: `${severity} ${n}`,
  link: `/duties?period=${n}`,
  severity,
});

describe('composeDigest', () => {
  it('says nothing when there is nothing to say', () => {
    expect(composeDigest([])).toBeNull();
  });

  it('puts overdue first, then due soon, then the rest, each in the order given, and counts them in the title', () => {
    const digest = composeDigest([
      line('info', 1),
      line('due_soon', 2),
      line('overdue', 3),
      line('due_soon', 4),
    ]);
    expect(digest?.title).toBe('今日提醒：2 项即将到期，1 项已逾期，1 条其他提醒');
    expect(digest?.lines.map((l) => l.text)).toEqual(['overdue 3', 'due_soon 2', 'due_soon 4', 'info 1']);
  });

  it('names only the kinds there are', () => {
    expect(composeDigest([line('overdue', 1)])?.title).toBe('今日提醒：1 项已逾期');
    expect(composeDigest([line('due_soon', 1), line('due_soon', 2)])?.title).toBe('今日提醒：2 项即将到期');
  });

  it('shows at most 50 lines and counts the rest in a last line that leads to the full list', () => {
    const lines = [
      ...Array.from({ length: 40 }, (_, i) => line('due_soon', i)),
      ...Array.from({ length: 21 }, (_, i) => line('overdue', 100 + i)),
    ];
    const digest = composeDigest(lines);
    expect(digest?.title).toBe('今日提醒：40 项即将到期，21 项已逾期');
    expect(digest?.lines).toHaveLength(DIGEST_MAX_LINES + 1);
    expect(digest?.lines.slice(0, 21).every((l) => l.severity === 'overdue')).toBe(true);
    expect(digest?.lines.at(-1)).toEqual({
      text: '还有 11 项，请到“我的职责”查看',
      link: '/duties',
      severity: 'info',
    });
    // Exactly 50: nothing is left over, so no last line.
    expect(composeDigest(lines.slice(0, DIGEST_MAX_LINES))?.lines).toHaveLength(DIGEST_MAX_LINES);
  });
});
