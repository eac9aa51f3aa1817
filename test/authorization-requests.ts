import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  fixtureMember,
  type Holder,
  holderReaches,
  holderTouchesUnit,
  isWorkbook,
  multipart,
  type Target,
  type World,
  workbook,
  workbookCells,
} from './authorization-world.ts';
import type { Client } from './helpers.ts';

// The shape of a request case of the authorisation matrix (test/authorization-cases-*.ts) and the helpers the
// cases share. A case says how to call a route of test/authorization-table.ts validly, and what success looks like. Every request is one
// that must succeed for a role allowed there (real versions, right passwords, valid ID numbers): a 403 or 404 can
// then only come from the access rules. Requests aimed at a target out of the caller's scope use the same builder.

export type Req = {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Sent through this client instead of the caller's own (another session of the same account). */
  via?: Client;
};
export type CaseCtx = {
  w: World;
  h: Holder;
  /** The branch the request is about. */
  t: Target;
  /** For 'own' routes: aim at a record of another account. */
  foreign: boolean;
};
export type Case = {
  /**
   * What an out-of-scope request means: 'org' aims at a branch outside the caller's subtree; 'unit' at a branch of
   * an organ the caller's subtree does not touch (organ-level data); 'own' at another account's record; 'none':
   * the route holds no organisation's data.
   */
  scope: 'org' | 'unit' | 'own' | 'none';
  request: (c: CaseCtx) => Promise<Req> | Req;
  /** Throws unless the answer is the success it should be (status, and the effect where cheap to see). */
  ok: (res: LightMyRequestResponse, c: CaseCtx) => Promise<void> | void;
  /** Throws unless the answer hides the target. Default: 404. */
  hidden?: (res: LightMyRequestResponse, c: CaseCtx) => Promise<void> | void;
  /** The answer shows the target branch's standing member (where full numbers are shown, they must appear). */
  showsMember?: true;
};

export const OLD_DATE = '2024-06-30';
export const status = (res: LightMyRequestResponse, code: number) =>
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(code);
export const okJson = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => {
  status(res, 200);
  return res.json() as T;
};
export const ids = (items: { id: string }[]) => items.map((i) => i.id);

export async function version(
  w: World,
  table: 'partyOrg' | 'department' | 'appUser',
  id: string,
): Promise<number> {
  const row = await w.t.database.db
    .selectFrom(table)
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}
export async function fixtureCell(w: World, under: Target) {
  const r = await w.fixture.post('/api/party-orgs', {
    parentId: under.org.id,
    code: `MXC-${w.seq()}`,
    name: `矩阵党小组${w.seq()}`,
    kind: 'cell',
  });
  return okJson<{ id: string; code: string; version: number }>(r);
}
export async function fixtureClosedCell(w: World, under: Target) {
  const cell = await fixtureCell(w, under);
  const r = await w.fixture.post(`/api/party-orgs/${cell.id}/close`, {
    closedOn: OLD_DATE,
    reason: '测试',
    version: cell.version,
  });
  return okJson<{ id: string; version: number }>(r);
}
export const fresh = (c: CaseCtx) => fixtureMember(c.w, c.t.code, c.t.org.id);
/** Another branch in the caller's subtree, for moves; the target itself when there is none. */
export const peerOf = (c: CaseCtx): Target =>
  c.t.code !== 'MXA-2' && holderReaches(c.h, 'MXA-2') ? c.w.targets['MXA-2'] : c.t;
/** The target lies in an organ the caller's subtree does not touch. */
export const otherOrgan = (c: CaseCtx) => !holderTouchesUnit(c.h, c.t.code);
export const upload = async (
  method: string,
  url: string,
  sheets: Record<string, unknown[][]>,
): Promise<Req> => ({
  method,
  url,
  ...multipart(await workbook(sheets)),
});
export const cellsOf = async (res: LightMyRequestResponse) => {
  status(res, 200);
  expect(isWorkbook(res), 'an .xlsx answer').toBe(true);
  return workbookCells(res.rawPayload);
};

export const newName = (c: CaseCtx) => `新党员${c.w.seq()}`;
/** What a request created or sent (a code, a name, a password), for its check to look for. */
export const pending = new WeakMap<CaseCtx, string>();
