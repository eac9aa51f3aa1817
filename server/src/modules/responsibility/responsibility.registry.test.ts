import { describe, expect, it } from 'vitest';
import { allRecordKinds, registerRecordKinds, unregisterRecordKind } from './responsibility.registry.ts';

const kind = (key: string, zh: string, en = 'Meeting') => ({ key, label: { zh, en }, find: async () => [] });

describe('the record kind registry', () => {
  it('refuses kinds that count logins, online time, clicks or check-ins (burden-reduction rules)', () => {
    for (const [key, zh, en] of [
      ['app.login_days', '登录天数', 'Login days'],
      ['app.checkin', '每日签到', 'Daily check-in'],
      ['study.online_minutes', '在线时长', 'Minutes online'],
      ['study.article', '文章点击量', 'Clicks'],
      ['branch.daka', '打卡', 'Punch'],
    ] as const)
      expect(() => registerRecordKinds([kind(key, zh, en)]), key).toThrow(/refused/);
    expect(allRecordKinds().map((k) => k.key)).not.toContain('app.checkin');
  });
  it('takes records of work, namespaced by their module, and replaces a key registered again', () => {
    registerRecordKinds([kind('testreg.theme_day', '主题党日')]);
    registerRecordKinds([kind('testreg.theme_day', '主题党日（新）')]);
    expect(
      allRecordKinds()
        .filter((k) => k.key === 'testreg.theme_day')
        .map((k) => k.label.zh),
    ).toEqual(['主题党日（新）']);
    expect(() => registerRecordKinds([kind('theme_day', '主题党日')])).toThrow(/namespaced/);
    unregisterRecordKind('testreg.theme_day');
  });
});
