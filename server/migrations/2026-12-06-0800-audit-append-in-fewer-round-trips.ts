import { type Kysely, sql } from 'kysely';

// Every audited request holds the audit chain's lock from the moment it takes it until its transaction commits, so
// the round trips made while holding it bound how many audited requests the whole deployment serves per second
// (B3: opening a member's record, creating a member). Taking the lock, reading the head and reserving the next seq
// become one call: a volatile PL/pgSQL function takes a fresh snapshot for each statement, so the head it reads
// after the lock is the one the previous holder committed (one plain SELECT would read it from a snapshot taken
// before the lock was granted). The record and the head then move in one statement: three round trips under the
// lock (with the commit) instead of five. The key is the one the application used before (7240001).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_chain_next() returns table (head_hash text, next_seq bigint)
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(7240001);
      return query select (select h.hash from audit_head h), nextval(pg_get_serial_sequence('audit_log', 'seq'));
    end $$`.execute(db);
}
