import { type Kysely, sql } from 'kysely';

// Member look-ups: a keyed hash of the phone number so that a list search by phone works without decrypting
// anything (the number itself stays only encrypted), and an index on the masked ID number, which roster imports use
// to match rows exported without member.sensitive back to their member.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member add column phone_hash text`.execute(db);
  await sql`create index member_phone_hash_idx on member (phone_hash)`.execute(db);
  await sql`create index member_id_number_masked_idx on member (id_number_masked)`.execute(db);
}
