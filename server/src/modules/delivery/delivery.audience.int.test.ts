import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartyOrg } from '../../../../test/factories.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers.ts';
import { createUser } from '../identity/index.ts';
import { notify, sendDailyDigest } from '../notification/index.ts';
import { seatsOfAccounts, speaksFor } from './delivery.audience.ts';

// Whom a robot speaks for, asked of identity, member and org through their indexes (ADR 30 addendum): an account sits
// where its member belongs and where its roles are held; a robot posts for those sitting in its organisation's
// subtree, only what it is set to carry, and only while it is switched on.
let t: TestApp;
type Org = { id: string; path: string; depth: number; unitId: string };
let root: Org;
let branchA: Org;
let branchB: Org;
let otherRoot: Org;
const users: Record<'linked' | 'holder' | 'outsider' | 'officer', string> = {
  linked: '',
  holder: '',
  outsider: '',
  officer: '',
};

async function account(
  username: string,
  memberId: string | null,
  roles: { role: string; partyOrgId: string | null }[],
) {
  await createUser(
    t.ctx(),
    { username, displayName: username, memberId, roles: roles as never },
    { password: 'Test-Passw0rd!', mustChangePassword: false },
  );
  return (
    await t.database.db
      .selectFrom('appUser')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
}

async function robot(org: Org, severities: string[], enabled = true): Promise<string> {
  const row = await t.database.db
    .insertInto('deliveryChannel')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: 'wecom',
      name: `robot-${severities.join('-')}-${enabled}`,
      webhookCipher: t.secrets.encrypt('http://127.0.0.1:9/never'),
      host: '127.0.0.1:9',
      severities: severities as never,
      enabled,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const withUnit = async (o: { id: string; path: string; depth: number }) => ({
    ...o,
    unitId: (
      await db.selectFrom('partyOrg').select('unitId').where('id', '=', o.id).executeTakeFirstOrThrow()
    ).unitId,
  });
  root = await withUnit(await insertPartyOrg(db, { kind: 'organ_committee', name: '甲机关党委' }));
  branchA = await withUnit(await insertPartyOrg(db, { parent: root, name: '甲一支部' }));
  branchB = await withUnit(await insertPartyOrg(db, { parent: root, name: '甲二支部' }));
  otherRoot = await withUnit(await insertPartyOrg(db, { kind: 'organ_committee', name: '乙机关党委' }));
  const member = await db
    .insertInto('member')
    .values({
      unitId: branchA.unitId,
      partyOrgId: branchA.id,
      name: '张敏',
      gender: 'female',
      idNumberCipher: t.secrets.encrypt('110101199001010027'),
      idNumberHash: t.secrets.blindIndex('110101199001010027'),
      idNumberMasked: '1101**************',
      category: 'full',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A member of branch A with no role; a secretary of branch B who is no member here; a member of another organ;
  // the work committee's officer, whose role names no organisation of these.
  users.linked = await account('aud-linked', member.id, []);
  users.holder = await account('aud-holder', null, [{ role: 'branch_secretary', partyOrgId: branchB.id }]);
  users.outsider = await account('aud-outsider', null, [{ role: 'member', partyOrgId: otherRoot.id }]);
  users.officer = await account('aud-officer', null, [{ role: 'security_admin', partyOrgId: null }]);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('seats', () => {
  it('are where an account’s member belongs and where its roles are held', async () => {
    const seats = await seatsOfAccounts(t.database.db, Object.values(users));
    expect(seats.get(users.linked)).toEqual([{ path: branchA.path, role: null }]);
    expect(seats.get(users.holder)).toEqual([{ path: branchB.path, role: 'branch_secretary' }]);
    expect(seats.get(users.outsider)).toEqual([{ path: otherRoot.path, role: 'member' }]);
    // Tied to no organisation: absent.
    expect(seats.has(users.officer)).toBe(false);
    // The committee's robot speaks for both of its branches' people; branch A's for its member only.
    expect(speaksFor(root.path, seats.get(users.linked))).toBe(true);
    expect(speaksFor(root.path, seats.get(users.holder))).toBe(true);
    expect(speaksFor(root.path, seats.get(users.outsider))).toBe(false);
    expect(speaksFor(branchA.path, seats.get(users.holder))).toBe(false);
  });
});

describe('enqueueing', () => {
  it('queues a post per robot that carries the row and speaks for its recipient, while switched on', async () => {
    const rA = await robot(branchA, ['urgent']);
    const rRoot = await robot(root, ['overdue']);
    const rOther = await robot(otherRoot, ['urgent', 'info']);
    await robot(root, ['urgent', 'overdue', 'info'], false);
    const everyone = [users.linked, users.holder, users.outsider];
    const posts = async (day: string) =>
      (
        await t.database.db
          .selectFrom('delivery as d')
          .innerJoin('notification as n', 'n.id', 'd.notificationId')
          .select(['d.userId', 'd.target', 'd.urgent'])
          .where('n.day', '=', day)
          .where('d.channel', '=', 'wecom')
          .execute()
      )
        .map((r) => [r.userId, r.target, r.urgent])
        .sort();

    // Urgent, with an info line (carries urgent + info): branch A's robot for its member; the other organ's robot
    // for its own; the committee's robot carries overdue only; the paused one nothing.
    await notify(t.ctx(), {
      userIds: everyone,
      kind: 'test.notice',
      day: '2026-12-01',
      title: '紧急通知',
      lines: [{ text: '今天下午开会', link: '/', severity: 'info' }],
      urgent: true,
    });
    expect(await posts('2026-12-01')).toEqual(
      [
        [users.linked, rA, true],
        [users.outsider, rOther, true],
      ].sort(),
    );

    // An overdue line, not urgent: the committee's robot speaks for both of its people, and its group hears the
    // notice once (one post, not one per person); the other organ's robot does not carry it.
    await notify(t.ctx(), {
      userIds: everyone,
      kind: 'test.notice',
      day: '2026-12-02',
      title: '今日提醒：1 项已逾期',
      lines: [{ text: '支部委员会已逾期 2 天', link: '/', severity: 'overdue' }],
    });
    const second = await posts('2026-12-02');
    expect(second.map((p) => [p[1], p[2]])).toEqual([[rRoot, false]]);
    expect([users.linked, users.holder]).toContain(second[0]?.[0]);

    // One digest, different lines per person, written in one go: each row is matched on what it says itself — the
    // member's info line reaches no robot (branch A's carries urgent only), the holder's overdue line the committee's,
    // and the outsider's overdue line not the other organ's (it carries urgent and info).
    await sendDailyDigest(
      t.ctx(),
      [
        {
          key: 'test.mixed',
          collect: async () => [
            { userId: users.linked, lines: [{ text: '学习新条例', link: '/', severity: 'info' }] },
            {
              userId: users.holder,
              lines: [{ text: '支部委员会已逾期 1 天', link: '/', severity: 'overdue' }],
            },
            { userId: users.outsider, lines: [{ text: '党课已逾期 3 天', link: '/', severity: 'overdue' }] },
          ],
        },
      ],
      '2026-12-03',
    );
    expect(await posts('2026-12-03')).toEqual([[users.holder, rRoot, false]]);
  });
});
