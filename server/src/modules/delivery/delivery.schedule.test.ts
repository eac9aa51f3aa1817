import { describe, expect, it } from 'vitest';
import {
  backoffMinutes,
  clockToMinutes,
  dingtalkSign,
  MAX_ATTEMPTS,
  quietHoursEnd,
  signedDingtalkUrl,
  webhookHost,
} from './delivery.schedule.ts';

// The pure arithmetic of deliveries. Every expected value below is written by hand.

describe('back-off', () => {
  it('doubles from one minute and stops at an hour', () => {
    // 2^(n-1): 1, 2, 4, 8, 16, 32; 2^6 = 64 > 60, so the seventh and later wait 60.
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffMinutes)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
  it('gives up after ten attempts: a channel down for about four hours', () => {
    // Waits between the ten attempts: 1+2+4+8+16+32+60+60+60 = 243 minutes.
    expect(MAX_ATTEMPTS).toBe(10);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMinutes(i + 1)).reduce(
      (a, b) => a + b,
    );
    expect(total).toBe(243);
  });
  it('refuses an attempt number below one', () => {
    expect(() => backoffMinutes(0)).toThrow(RangeError);
  });
});

describe('quiet hours (China time, UTC+8)', () => {
  // 22:00–07:30: from 1320 (22*60) to 450 (7*60+30) minutes after midnight.
  const from = clockToMinutes('22:00');
  const until = clockToMinutes('07:30');
  it('reads HH:MM as minutes after midnight', () => {
    expect([from, until]).toEqual([1320, 450]);
  });
  it('holds a message at 23:00 until 07:30 the next morning (across midnight)', () => {
    // 23:00 on 7 Dec in Beijing = 15:00Z; the end, 07:30 on 8 Dec in Beijing = 2026-12-07T23:30Z.
    expect(quietHoursEnd(new Date('2026-12-07T15:00:00Z'), from, until)?.toISOString()).toBe(
      '2026-12-07T23:30:00.000Z',
    );
  });
  it('holds a message at 03:00 until 07:30 the same morning', () => {
    // 03:00 on 8 Dec in Beijing = 19:00Z on 7 Dec; the end is the same 23:30Z.
    expect(quietHoursEnd(new Date('2026-12-07T19:00:00Z'), from, until)?.toISOString()).toBe(
      '2026-12-07T23:30:00.000Z',
    );
  });
  it('lets a message through at 07:30 sharp and at 21:59', () => {
    expect(quietHoursEnd(new Date('2026-12-07T23:30:00Z'), from, until)).toBeNull(); // 07:30 Beijing
    expect(quietHoursEnd(new Date('2026-12-07T13:59:00Z'), from, until)).toBeNull(); // 21:59 Beijing
  });
  it('starts at 22:00 sharp', () => {
    // 22:00 Beijing = 14:00Z; ends 07:30 next day = 23:30Z the same UTC day.
    expect(quietHoursEnd(new Date('2026-12-07T14:00:00Z'), from, until)?.toISOString()).toBe(
      '2026-12-07T23:30:00.000Z',
    );
  });
  it('handles a window within one day (12:00–14:00)', () => {
    // 13:15 Beijing = 05:15Z; the end, 14:00 Beijing = 06:00Z. 14:00 itself is outside.
    expect(quietHoursEnd(new Date('2026-12-07T05:15:00Z'), 720, 840)?.toISOString()).toBe(
      '2026-12-07T06:00:00.000Z',
    );
    expect(quietHoursEnd(new Date('2026-12-07T06:00:00Z'), 720, 840)).toBeNull();
  });
});

describe('钉钉 加签', () => {
  // printf '1700000000000\nSECtest' | openssl dgst -sha256 -hmac 'SECtest' -binary | base64
  //   → aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=   (URL-encoded: the '=' becomes %3D)
  it('signs timestamp + "\\n" + secret with the secret', () => {
    expect(dingtalkSign('SECtest', 1700000000000)).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
  });
  it('appends timestamp and the URL-encoded sign to the webhook', () => {
    expect(
      signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECtest', 1700000000000),
    ).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D',
    );
  });
  it('leaves an unsigned robot’s URL as it is', () => {
    expect(signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', null, 1)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
    );
  });
});

it('shows only the host of a webhook', () => {
  expect(webhookHost('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key')).toBe(
    'qyapi.weixin.qq.com',
  );
});
