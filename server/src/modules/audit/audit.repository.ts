import { sql } from 'kysely';
import type { AuditQuery } from '#contracts/audit';
import { actionsMatching } from '#contracts/audit-labels';
import type { Db } from '../../core/db.ts';

export type AuditInsert = {
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  prevHash: string;
  hash: string;
  hashScheme: 'sha256' | 'hmac-sha256';
};

/**
 * Takes the chain's lock until the surrounding transaction ends (every writer of the chain does), then reads the
 * head's hash (null before the first keyed record) and reserves the next record's seq: one round trip
 * (audit_chain_next, migration 0800).
 */
export async function lockChainAndReserve(db: Db): Promise<{ headHash: string | null; seq: number }> {
  const result = await sql<{ headHash: string | null; nextSeq: string }>`
    select head_hash, next_seq from audit_chain_next()`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('audit_chain_next returned nothing');
  return { headHash: row.headHash, seq: Number(row.nextSeq) };
}

export async function findLastHash(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('auditLog')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Appends the record at its reserved seq and moves the head to it, in one statement (the chain lock is held). */
export async function appendRecordAndHead(
  db: Db,
  r: AuditInsert & { seq: number },
  mac: string,
): Promise<void> {
  await sql`
    with record as (
      insert into audit_log (seq, at, actor_user_id, actor_username, ip, action, entity_type, entity_id,
        before, after, details, prev_hash, hash, hash_scheme)
      values (${r.seq}, ${r.at}, ${r.actorUserId}, ${r.actorUsername}, ${r.ip}, ${r.action}, ${r.entityType},
        ${r.entityId}, ${json(r.before)}::jsonb, ${json(r.after)}::jsonb, ${json(r.details)}::jsonb, ${r.prevHash},
        ${r.hash}, ${r.hashScheme})
      returning seq, hash
    )
    insert into audit_head (id, seq, hash, mac) select true, seq, hash, ${mac} from record
    on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, updated_at = now()`.execute(
    db,
  );
}

export type AuditHead = { seq: number; hash: string; mac: string };

export async function findHead(db: Db): Promise<AuditHead | null> {
  const row = await db.selectFrom('auditHead').select(['seq', 'hash', 'mac']).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, mac: row.mac } : null;
}

/** The newest record and whether any record is keyed (to key a chain once, after the upgrade). */
export async function chainState(db: Db): Promise<{ lastSeq: number | null; anyKeyed: boolean }> {
  const last = await db
    .selectFrom('auditLog')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const keyed = await db
    .selectFrom('auditLog')
    .select('seq')
    .where('hashScheme', '=', 'hmac-sha256')
    .limit(1)
    .executeTakeFirst();
  return { lastSeq: last ? Number(last.seq) : null, anyKeyed: keyed !== undefined };
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

function filtered(db: Db, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('auditLog');
  if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('at', '<', sql<Date>`(${q.to}::date + 1)::timestamptz`);
  if (q.actor) {
    // By username or by the person's name, as the audit administrator knows them.
    const like = `%${escapeLike(q.actor)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('actorUsername', 'like', like),
        eb(
          'actorUserId',
          'in',
          eb.selectFrom('appUser').select('appUser.id').where('appUser.displayName', 'like', like),
        ),
      ]),
    );
  }
  if (q.action) {
    const codes = actionsMatching(q.action);
    const prefix = `${escapeLike(q.action)}%`;
    query = query.where((eb) =>
      codes.length
        ? eb.or([eb('action', 'in', codes), eb('action', 'like', prefix)])
        : eb('action', 'like', prefix),
    );
  }
  if (q.entityType) query = query.where('entityType', '=', q.entityType);
  if (q.entityId) query = query.where('entityId', '=', q.entityId);
  return query;
}

export async function listAuditRecords(db: Db, q: AuditQuery) {
  const base = filtered(db, q);
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function listAuditRecordsForExport(
  db: Db,
  q: Omit<AuditQuery, 'page' | 'pageSize'>,
  limit: number,
) {
  return filtered(db, q).selectAll().orderBy('seq', 'asc').limit(limit).execute();
}

/** Reads the chain in pages so that verifying a long trail keeps memory flat. */
export async function* readChain(db: Db, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]?.seq);
  }
}

/**
 * The names of the given ids, whatever they are: members, organisations, departments, accounts and organs. One
 * statement per page of the trail (a read-only look into those modules' tables, documented in ARCHITECTURE.md).
 */
export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = sql.join([...ids].map((id) => sql`${id}::uuid`));
  const result = await sql<{ id: string; name: string }>`
    select id::text as id, name from party_org where id in (${list})
    union all select id::text, name from member where id in (${list})
    union all select id::text, name from department where id in (${list})
    union all select id::text, name from unit where id in (${list})
    union all select id::text, display_name from app_user where id in (${list})`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.name]));
}
