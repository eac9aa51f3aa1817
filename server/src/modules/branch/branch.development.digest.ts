// The reminder before a probationary year ends (ADR 24's daily digest): from PROBATION_REMINDER_DAYS before the end
// until the branch records the decision (转为正式党员, or the date is changed), the branch's secretary and the two
// introducers are reminded to prepare the branch meeting, and the probationary member — once their member record
// exists and their account is linked to it — to hand in their written application (书面转正申请).
import { PROBATION_REMINDER_DAYS } from '#contracts/branch-development';
import { accountsOfMembers } from '../identity/index.ts';
import { postHoldersOf } from '../member/index.ts';
import type { DigestLine, DigestSource } from '../notification/index.ts';
import { addDays, addYears } from './branch.development.rules.ts';

export const developmentDigest: DigestSource = {
  key: 'branch.development',
  async collect(ctx, day) {
    // probationaryOn + 1 year ≤ day + REMINDER  ⇔  probationaryOn ≤ (day + REMINDER) − 1 year (29 Feb aside, a day
    // early at worst): one indexed read over every organ, the exact end computed below.
    const horizon = addDays(day, PROBATION_REMINDER_DAYS);
    const rows = await ctx.db
      .selectFrom('developmentPerson as d')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'd.unitId').onRef('o.id', '=', 'd.partyOrgId'),
      )
      .select([
        'd.id',
        'd.unitId',
        'd.partyOrgId',
        'd.name',
        'd.probationaryOn',
        'd.introducer1MemberId',
        'd.introducer2MemberId',
        'd.memberId',
        'o.name as orgName',
      ])
      .where('d.fullOn', 'is', null)
      .where('d.probationaryOn', 'is not', null)
      .where('d.probationaryOn', '<=', addYears(horizon, -1))
      .execute();
    const lines = new Map<string, DigestLine[]>();
    const add = (memberId: string | null, line: DigestLine) => {
      if (memberId) lines.set(memberId, [...(lines.get(memberId) ?? []), line]);
    };
    const byUnit = new Map<string, typeof rows>();
    for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
    for (const [unitId, people] of byUnit) {
      const secretaries = await postHoldersOf(
        ctx.db,
        unitId,
        people.map((p) => p.partyOrgId),
        'secretary',
      );
      for (const p of people) {
        const end = addYears(p.probationaryOn as string, 1);
        if (end > horizon) continue;
        const over = end <= day;
        const severity = over ? 'overdue' : 'due_soon';
        const officer: DigestLine = {
          text: over
            ? `预备期已满：${p.orgName} ${p.name}（${end} 期满），请及时召开支部党员大会讨论能否转为正式党员`
            : `预备期即将届满：${p.orgName} ${p.name}（${end} 期满），请提前准备转正讨论`,
          link: `/branch/development?partyOrgId=${p.partyOrgId}&person=${p.id}`,
          severity,
        };
        const recipients = new Set([
          ...(secretaries.get(p.partyOrgId) ?? []).map((s) => s.id),
          p.introducer1MemberId,
          p.introducer2MemberId,
        ]);
        for (const m of recipients) if (m !== p.memberId) add(m, officer);
        add(p.memberId, {
          text: over
            ? `您的预备期已于 ${end} 届满，请尽快向党支部提交书面转正申请`
            : `您的预备期将于 ${end} 届满，请按时向党支部提交书面转正申请`,
          link: '/me',
          severity,
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
