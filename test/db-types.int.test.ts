import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../server/src/core/db.ts';
import type { DB } from '../server/src/core/db-types.ts';
import { createTestDatabase } from './db.ts';

/** Accepts a list of keys of T only when it names every key (a compile error otherwise). */
const allKeys =
  <T>() =>
  <const A extends readonly (keyof T)[]>(
    keys: A & ([keyof T] extends [A[number]] ? unknown : 'a column is missing'),
  ) =>
    keys;

// Written once per table: TypeScript refuses this file when db-types.ts gains or loses a column and this list
// does not, and the test below refuses it when the migrated database differs.
const declared: { [K in keyof DB]: readonly string[] } = {
  unit: allKeys<DB['unit']>()([
    'id',
    'code',
    'name',
    'rootPartyOrgId',
    'version',
    'createdAt',
    'updatedAt',
    'kind',
  ]),
  partyOrg: allKeys<DB['partyOrg']>()([
    'id',
    'unitId',
    'parentId',
    'code',
    'name',
    'kind',
    'path',
    'depth',
    'isTemporary',
    'tempStartOn',
    'tempEndOn',
    'foundedOn',
    'status',
    'closedOn',
    'closeReason',
    'sortOrder',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  partyOrgEvent: allKeys<DB['partyOrgEvent']>()([
    'id',
    'partyOrgId',
    'kind',
    'details',
    'actorUserId',
    'at',
    'unitId',
  ]),
  department: allKeys<DB['department']>()([
    'id',
    'unitId',
    'parentId',
    'code',
    'name',
    'kind',
    'path',
    'status',
    'sortOrder',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  branchDepartment: allKeys<DB['branchDepartment']>()(['partyOrgId', 'departmentId', 'createdAt', 'unitId']),
  member: allKeys<DB['member']>()([
    'id',
    'unitId',
    'partyOrgId',
    'departmentId',
    'name',
    'gender',
    'birthDate',
    'ethnicity',
    'education',
    'idNumberCipher',
    'idNumberHash',
    'idNumberMasked',
    'phoneCipher',
    'phoneMasked',
    'phoneHash',
    'category',
    'joinedOn',
    'fullOn',
    'partyPost',
    'businessPost',
    'status',
    'leftOn',
    'leftReason',
    'nameSortKey',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  correctionRequest: allKeys<DB['correctionRequest']>()([
    'id',
    'unitId',
    'memberId',
    'requestedByUserId',
    'field',
    'message',
    'status',
    'resolution',
    'resolvedByUserId',
    'resolvedAt',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  importMapping: allKeys<DB['importMapping']>()([
    'id',
    'unitId',
    'kind',
    'columns',
    'updatedBy',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  memberImportStage: allKeys<DB['memberImportStage']>()([
    'batchId',
    'seq',
    'op',
    'memberId',
    'expectedVersion',
    'moved',
    'historyFromOn',
    'unitId',
    'partyOrgId',
    'departmentId',
    'name',
    'gender',
    'birthDate',
    'ethnicity',
    'education',
    'idNumberCipher',
    'idNumberHash',
    'idNumberMasked',
    'phoneCipher',
    'phoneMasked',
    'phoneHash',
    'category',
    'joinedOn',
    'fullOn',
    'partyPost',
    'businessPost',
    'nameSortKey',
    'createdAt',
  ]),
  memberImportBatch: allKeys<DB['memberImportBatch']>()(['batchId', 'rows', 'committedAt']),
  memberIdentity: allKeys<DB['memberIdentity']>()(['idNumberHash', 'unitId', 'memberId']),
  orgCode: allKeys<DB['orgCode']>()(['kind', 'code', 'unitId', 'id']),
  transferFile: allKeys<DB['transferFile']>()([
    'token',
    'ownerId',
    'kind',
    'filename',
    'content',
    'size',
    'createdAt',
    'expiresAt',
    'seq',
  ]),
  importRun: allKeys<DB['importRun']>()(['ownerId', 'runId', 'startedAt', 'expiresAt']),
  memberOrgHistory: allKeys<DB['memberOrgHistory']>()([
    'id',
    'memberId',
    'partyOrgId',
    'fromOn',
    'toOn',
    'reason',
    'createdAt',
    'unitId',
  ]),
  appUser: allKeys<DB['appUser']>()([
    'id',
    'username',
    'displayName',
    'passwordHash',
    'mustChangePassword',
    'passwordChangedAt',
    'memberId',
    'status',
    'lastLoginAt',
    'isDemo',
    'rolesSuspendedAt',
    'version',
    'createdAt',
    'updatedAt',
  ]),
  passwordHistory: allKeys<DB['passwordHistory']>()(['id', 'userId', 'passwordHash', 'createdAt']),
  roleAssignment: allKeys<DB['roleAssignment']>()(['id', 'userId', 'role', 'partyOrgId', 'createdAt']),
  userSession: allKeys<DB['userSession']>()([
    'idHash',
    'userId',
    'csrfToken',
    'ip',
    'userAgent',
    'createdAt',
    'lastSeenAt',
  ]),
  loginAttempt: allKeys<DB['loginAttempt']>()(['id', 'username', 'ip', 'success', 'at']),
  loginLock: allKeys<DB['loginLock']>()([
    'id',
    'kind',
    'key',
    'failures',
    'lockedAt',
    'lockedUntil',
    'clearedAt',
    'clearedBy',
  ]),
  numberLookup: allKeys<DB['numberLookup']>()(['id', 'userId', 'kind', 'at']),
  auditLog: allKeys<DB['auditLog']>()([
    'seq',
    'at',
    'actorUserId',
    'actorUsername',
    'ip',
    'action',
    'entityType',
    'entityId',
    'before',
    'after',
    'details',
    'prevHash',
    'hash',
    'hashScheme',
  ]),
  auditHead: allKeys<DB['auditHead']>()(['id', 'seq', 'hash', 'mac', 'updatedAt']),
  jobRun: allKeys<DB['jobRun']>()([
    'job',
    'dueAt',
    'status',
    'instance',
    'startedAt',
    'finishedAt',
    'attempts',
    'outcome',
  ]),
};

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

it('db-types.ts describes exactly the tables and columns of the migrated database', async () => {
  const r = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and table_name not like 'schema_migration%'`.execute(database.db);
  const actual: Record<string, string[]> = {};
  for (const row of r.rows) {
    const table = camel(row.table);
    actual[table] = [...(actual[table] ?? []), camel(row.column)];
  }
  const expected = Object.fromEntries(Object.entries(declared).map(([t, cols]) => [t, [...cols].sort()]));
  const got = Object.fromEntries(Object.entries(actual).map(([t, cols]) => [t, [...cols].sort()]));
  expect(got).toEqual(expected);
});
