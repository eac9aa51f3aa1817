import { expect } from 'vitest';
import type { Ctx } from '../server/src/core/context.ts';
import { multipartUpload, PDF, smallPhoto, testOwnerKind } from './attachment-fixtures.ts';
import { type Case, type CaseCtx, okJson, pending, type Req, status } from './authorization-requests.ts';
import { BRANCHES, type BranchCode, holderReaches, type World } from './authorization-world.ts';
import type { Client } from './helpers.ts';

// Requests of the attachment routes (ADR 26). Every route is open to any signed-in account and the owner kind decides
// the rest, so the matrix runs them against an owner kind of its own, 'matrix.record', with the rule a branch's
// records have: a record of an organisation is read and changed by whoever holds a role on it or above it (its
// subtree), and a record kept for one person (a member's own) by that person only. 'Own' here is "a record the caller
// reaches": a branch record where the caller's role reaches the home branch, else the caller's personal record;
// "another's" is a record of a branch the caller's role does not reach, else another account's personal record.

type Owner = { unitId: string; path: string | null; userId: string | null };

const reaches = (r: Owner, ctx: Ctx) =>
  !!ctx.actor &&
  (r.path
    ? ctx.actor.assignments.some((a) => a.path !== null && r.path?.startsWith(a.path))
    : r.userId === ctx.actor.userId);

let kind: ReturnType<typeof testOwnerKind> | null = null;
const branchRecords = new Map<string, string>();
const personalRecords = new Map<string, string>();

/** The owner kind, registered once the app exists (buildApp registers the product's own). */
function owners() {
  // Every holder adds files to the same records: no limit to meet here.
  kind ??= testOwnerKind('matrix.record', 100_000);
  return kind;
}

async function branchRecord(w: World, code: BranchCode): Promise<string> {
  const known = branchRecords.get(code);
  if (known) return known;
  const t = w.targets[code];
  const { path } = await w.t.database.db
    .selectFrom('partyOrg')
    .select('path')
    .where('id', '=', t.org.id)
    .executeTakeFirstOrThrow();
  const rec: Owner = { unitId: t.unit.id, path, userId: null };
  const id = owners().add({
    unitId: t.unit.id,
    readers: (ctx) => reaches(rec, ctx),
    writers: (ctx) => reaches(rec, ctx),
  });
  branchRecords.set(code, id);
  return id;
}

function personalRecord(w: World, userId: string): string {
  const known = personalRecords.get(userId);
  if (known) return known;
  const rec: Owner = { unitId: w.home.unit.id, path: null, userId };
  const id = owners().add({
    unitId: rec.unitId,
    readers: (ctx) => reaches(rec, ctx),
    writers: (ctx) => reaches(rec, ctx),
  });
  personalRecords.set(userId, id);
  return id;
}

/** The record a request is about, and who can put a file on it (the caller for its own, the fixture for another's). */
async function recordOf(c: CaseCtx): Promise<{ ownerId: string; uploader: Client }> {
  if (!c.foreign) {
    const uploader = c.h.client ?? c.w.fixture;
    if (holderReaches(c.h, c.t.code)) return { ownerId: await branchRecord(c.w, c.t.code), uploader };
    return { ownerId: personalRecord(c.w, c.h.client ? c.h.userId : c.w.fixture.userId), uploader };
  }
  const away = BRANCHES.find((b) => !holderReaches(c.h, b));
  return {
    ownerId: away ? await branchRecord(c.w, away) : personalRecord(c.w, c.w.fixture.userId),
    uploader: c.w.fixture,
  };
}

const uploadOf = (ownerId: string, file: { name: string; bytes: Buffer }): Omit<Req, 'via'> => ({
  method: 'POST',
  url: '/api/attachments',
  ...multipartUpload({ ownerKind: 'matrix.record', ownerId }, file),
});

/** A file on the request's record, put there by whoever may. */
async function fileOf(c: CaseCtx, photo = false): Promise<string> {
  const { ownerId, uploader } = await recordOf(c);
  const file = photo
    ? { name: '主题党日.jpg', bytes: await smallPhoto() }
    : { name: '会议记录.pdf', bytes: PDF };
  const res = await uploader.request(uploadOf(ownerId, file) as Parameters<Client['request']>[0]);
  return okJson<{ id: string }>(res).id;
}

export const ATTACHMENT_CASES: Record<string, Case> = {
  'POST /api/attachments': {
    scope: 'own',
    request: async (c) => uploadOf((await recordOf(c)).ownerId, { name: '支委会记录.pdf', bytes: PDF }),
    ok: (res) =>
      expect(okJson(res)).toMatchObject({ mediaType: 'application/pdf', fileName: '支委会记录.pdf' }),
  },
  'GET /api/attachments': {
    scope: 'own',
    request: async (c) => {
      const { ownerId } = await recordOf(c);
      pending.set(c, await fileOf(c));
      return { method: 'GET', url: `/api/attachments?ownerKind=matrix.record&ownerId=${ownerId}` };
    },
    ok: (res, c) => expect(okJson<{ id: string }[]>(res).map((a) => a.id)).toContain(pending.get(c)),
  },
  'GET /api/attachments/:id': {
    scope: 'own',
    request: async (c) => ({ method: 'GET', url: `/api/attachments/${await fileOf(c)}` }),
    ok: (res) => {
      status(res, 200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.rawPayload.equals(PDF)).toBe(true);
    },
  },
  'GET /api/attachments/:id/thumbnail': {
    scope: 'own',
    request: async (c) => ({ method: 'GET', url: `/api/attachments/${await fileOf(c, true)}/thumbnail` }),
    ok: (res) => {
      status(res, 200);
      expect(res.headers['content-type']).toBe('image/jpeg');
    },
  },
  'DELETE /api/attachments/:id': {
    scope: 'own',
    request: async (c) => ({ method: 'DELETE', url: `/api/attachments/${await fileOf(c)}` }),
    ok: (res) => expect(okJson(res)).toEqual({ ok: true }),
  },
};
