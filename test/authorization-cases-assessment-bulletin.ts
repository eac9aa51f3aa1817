import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Cycle, IndicatorSystem } from '#contracts/assessment';
import type { Bulletin, BulletinSummary, SharedBulletin } from '#contracts/assessment-bulletin';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, ids, okJson, pending, status } from './authorization-requests.ts';
import type { Target, World } from './authorization-world.ts';

// This file's own count of the month cycles it made (one system each): the world's sequence, shared by every case,
// passed the 1,200 months a system can hold as the matrix grew.
let monthsMade = 0;

// Request cases of the quarterly bulletins (issue 12 point 6). A bulletin is the organ's: drafted, edited, published
// and shared by whoever runs its assessments at its root ('O'); a published one read and exported by every reader
// of the organ's assessments (scope 'unit'), and through its share key by any account of the organ, members
// included — never by an account of another organ (404) nor by the three administrators (403). What every organ
// holds — a computed cycle with a published bulletin, and a draft — is made once by the world's fixture account; a
// draft to publish, or a computed cycle to draft from, afresh.

type BulletinStanding = { system: IndicatorSystem; published: Bulletin; draft: Bulletin };
const standings = new Map<string, Promise<BulletinStanding>>();

async function computedCycle(
  w: World,
  t: Target,
  system: IndicatorSystem,
  periodKey: string,
): Promise<Cycle> {
  const cycle = await made<Cycle>(
    'bulletin cycle',
    w.fixture.post('/api/assessment/cycles', {
      ownerUnitId: t.unit.id,
      systemId: system.id,
      level: 'branch',
      periodKind: 'month',
      periodKey,
    }),
  );
  return made('bulletin compute', w.fixture.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
}

/** A month no other case uses: years 1900–1999 (the assessment cases' month cycles start at 2000). */
const freshMonth = (w: World) => {
  const n = monthsMade++;
  return `${1900 + (Math.floor(n / 12) % 100)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

async function draftOf(w: World, t: Target, system: IndicatorSystem, written: boolean): Promise<Bulletin> {
  const cycle = await computedCycle(w, t, system, freshMonth(w));
  const draft = await made<Bulletin>(
    'bulletin',
    w.fixture.post('/api/assessment/bulletins', { cycleId: cycle.id }),
  );
  if (!written) return draft;
  return made(
    'bulletin text',
    w.fixture.patch(`/api/assessment/bulletins/${draft.id}`, {
      summary: '矩阵通报',
      notes: Object.fromEntries(draft.content.lowest.map((l) => [l.subjectId, '正在整改'])),
      version: draft.version,
    }),
  );
}

function standing(c: CaseCtx): Promise<BulletinStanding> {
  const key = c.t.unit.id;
  let s = standings.get(key);
  if (!s) {
    s = (async () => {
      const created = await made<IndicatorSystem>(
        'bulletin system',
        c.w.fixture.post('/api/assessment/systems', {
          ownerUnitId: c.t.unit.id,
          name: `${c.t.code}通报矩阵体系${c.w.seq()}`,
        }),
      );
      const system = await made<IndicatorSystem>(
        'bulletin system publish',
        c.w.fixture.post(`/api/assessment/systems/${created.id}/publish`, { version: created.version }),
      );
      const written = await draftOf(c.w, c.t, system, true);
      const published = await made<Bulletin>(
        'bulletin publish',
        c.w.fixture.post(`/api/assessment/bulletins/${written.id}/publish`, { version: written.version }),
      );
      const draft = await draftOf(c.w, c.t, system, false);
      return { system, published, draft };
    })();
    standings.set(key, s);
  }
  return s;
}

const isFile = (type: string) => (res: LightMyRequestResponse) => {
  status(res, 200);
  expect(res.headers['content-type']).toBe(type);
  expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
};

export const ASSESSMENT_BULLETIN_CASES: Record<string, Case> = {
  'GET /api/assessment/bulletins': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c)).published.id);
      return { method: 'GET', url: `/api/assessment/bulletins?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<BulletinSummary[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/bulletins': {
    scope: 'unit',
    request: async (c) => {
      const cycle = await computedCycle(c.w, c.t, (await standing(c)).system, freshMonth(c.w));
      pending.set(c, cycle.id);
      return { method: 'POST', url: '/api/assessment/bulletins', payload: { cycleId: cycle.id } };
    },
    ok: (res, c) => expect(okJson<Bulletin>(res)).toMatchObject({ cycleId: pending.get(c), status: 'draft' }),
  },
  'GET /api/assessment/bulletins/shared/:key': {
    scope: 'unit',
    request: async (c) => {
      const { published } = await standing(c);
      pending.set(c, published.id);
      // A fresh key each time: another case may have revoked the last one.
      const { shareKey } = await made<{ shareKey: string }>(
        'bulletin share',
        c.w.fixture.post(`/api/assessment/bulletins/${published.id}/share`, {}),
      );
      return { method: 'GET', url: `/api/assessment/bulletins/shared/${shareKey}` };
    },
    ok: (res, c) => expect(okJson<SharedBulletin>(res).id).toBe(pending.get(c)),
  },
  'GET /api/assessment/bulletins/:id': {
    scope: 'unit',
    request: async (c) => {
      const { published } = await standing(c);
      pending.set(c, published.id);
      return { method: 'GET', url: `/api/assessment/bulletins/${published.id}` };
    },
    ok: (res, c) => expect(okJson<Bulletin>(res)).toMatchObject({ id: pending.get(c), status: 'published' }),
  },
  'PATCH /api/assessment/bulletins/:id': {
    scope: 'unit',
    request: async (c) => {
      const { draft } = await standing(c);
      const now = await made<Bulletin>(
        'bulletin read',
        c.w.fixture.get(`/api/assessment/bulletins/${draft.id}`),
      );
      return {
        method: 'PATCH',
        url: `/api/assessment/bulletins/${draft.id}`,
        payload: { summary: '矩阵修改', version: now.version },
      };
    },
    ok: (res) => expect(okJson<Bulletin>(res).summary).toBe('矩阵修改'),
  },
  'POST /api/assessment/bulletins/:id/publish': {
    scope: 'unit',
    request: async (c) => {
      const draft = await draftOf(c.w, c.t, (await standing(c)).system, true);
      return {
        method: 'POST',
        url: `/api/assessment/bulletins/${draft.id}/publish`,
        payload: { version: draft.version },
      };
    },
    ok: (res) => expect(okJson<Bulletin>(res).status).toBe('published'),
  },
  'POST /api/assessment/bulletins/:id/share': {
    scope: 'unit',
    request: async (c) => ({
      method: 'POST',
      url: `/api/assessment/bulletins/${(await standing(c)).published.id}/share`,
      payload: {},
    }),
    ok: (res) => expect(okJson<{ shareKey: string }>(res).shareKey).toMatch(/^[A-Za-z0-9_-]{43}$/),
  },
  'DELETE /api/assessment/bulletins/:id/share': {
    scope: 'unit',
    request: async (c) => ({
      method: 'DELETE',
      url: `/api/assessment/bulletins/${(await standing(c)).published.id}/share`,
    }),
    ok: (res) => expect(okJson<{ shareKey: null }>(res).shareKey).toBeNull(),
  },
  'GET /api/assessment/bulletins/:id/docx': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/bulletins/${(await standing(c)).published.id}/docx`,
    }),
    ok: isFile('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  },
  'GET /api/assessment/bulletins/:id/xlsx': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/bulletins/${(await standing(c)).published.id}/xlsx`,
    }),
    ok: isFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  },
};
