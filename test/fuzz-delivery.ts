import fc from 'fast-check';
import { notify } from '../server/src/modules/notification/index.ts';
import type { Hint } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// The delivery routes in the fuzz test (test/fuzz.int.test.ts): the officer's group robots (their webhooks point at
// a closed loopback port, so a test message fails at once instead of waiting on the network) and a few deliveries
// given up, for the log's retry; a person's own preferences, whose version starts at 0.

export const DELIVERY_POOLS = ['deliveryChannel', 'deliveryFailed'] as const;

/** Nothing listens on the discard port: a post there is refused at once. */
const DEAD_ROBOT = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=fuzz';

/** The robot of the deliveries the log's retry takes: listed like any other, never handed to DELETE. */
const LOG_ROBOT = '模糊测试推送记录';

const isDeliveryUrl = (url: string) =>
  url.startsWith('/api/delivery') || url === '/api/me/delivery-preferences';

export function deliveryPoolOf(url: string, key: string): [string, string?] | undefined {
  if (!url.startsWith('/api/delivery')) return undefined;
  if (key === 'id') return url.startsWith('/api/delivery/log') ? ['deliveryFailed'] : ['deliveryChannel'];
  if (key === 'channelId') return ['deliveryChannel'];
  return undefined;
}

/** Mostly what a person types: a working webhook, an address, quiet hours both set or both empty. */
export function deliveryHint(url: string): Hint {
  return (key: string) => {
    if (!isDeliveryUrl(url)) return undefined;
    const mostly = <T>(likely: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: likely, weight: 4 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 });
    if (key === 'webhookUrl') return mostly(fc.constant(DEAD_ROBOT));
    if (key === 'email') return mostly(fc.constantFrom('dang@example.gov.cn', null));
    if (key === 'quietFrom' || key === 'quietUntil') return mostly(fc.constant(null));
    if (key === 'version' && url === '/api/me/delivery-preferences') return fc.nat({ max: 3 });
    if (key === 'severities')
      return fc.oneof(
        { arbitrary: fc.constantFrom(['urgent'], ['urgent', 'overdue']), weight: 4 },
        { arbitrary: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), weight: 1 },
      );
    return undefined;
  };
}

/** Takes robots from any answer of the delivery routes into the run's pools. */
export function harvestDelivery(
  o: Record<string, unknown>,
  remember: (pool: string, id: string) => void,
  versions: Map<string, number>,
) {
  if (typeof o.id !== 'string' || typeof o.hasSecret !== 'boolean' || o.name === LOG_ROBOT) return;
  remember('deliveryChannel', o.id);
  if (typeof o.version === 'number') versions.set(o.id, o.version);
}

/** Two robots of `partyOrgId` made by `officer`, and deliveries of a notification to it, given up. */
export async function buildDeliveryWorld(w: {
  t: TestApp;
  officer: Client;
  partyOrgId: string;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
}): Promise<void> {
  for (const kind of ['wecom', 'dingtalk']) {
    const res = await w.officer.post('/api/delivery/channels', {
      partyOrgId: w.partyOrgId,
      kind,
      name: `模糊测试${kind}`,
      webhookUrl: DEAD_ROBOT,
    });
    if (res.statusCode !== 200) throw new Error(`setup robot: ${res.statusCode} ${res.body}`);
    w.harvest('/api/delivery/channels', res.json());
  }
  // The log's robot is kept out of the pools (by its name): the run's DELETE must not take its deliveries away.
  const org = await w.t.database.db
    .selectFrom('partyOrg')
    .select('unitId')
    .where('id', '=', w.partyOrgId)
    .executeTakeFirstOrThrow();
  const logRobot = await w.t.database.db
    .insertInto('deliveryChannel')
    .values({
      unitId: org.unitId,
      partyOrgId: w.partyOrgId,
      kind: 'wecom',
      name: LOG_ROBOT,
      webhookCipher: w.t.secrets.encrypt(DEAD_ROBOT),
      host: '127.0.0.1:9',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const failed: string[] = [];
  for (let i = 0; i < 8; i++) {
    const [note] = await notify(w.t.ctx(), {
      userIds: [w.officer.userId],
      kind: `fuzz.delivery.${i}`,
      day: '2026-12-08',
      title: '模糊测试推送',
      lines: [{ text: '模糊测试', link: '/', severity: 'info' }],
    });
    if (!note) throw new Error('setup delivery: no notification');
    const row = await w.t.database.db
      .insertInto('delivery')
      .values({
        notificationId: note.id,
        userId: w.officer.userId,
        channel: 'wecom',
        target: logRobot.id,
        status: 'failed',
        attempts: 10,
        lastError: 'HTTP 500',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    failed.push(row.id);
  }
  w.setPool('deliveryFailed', failed);
}
