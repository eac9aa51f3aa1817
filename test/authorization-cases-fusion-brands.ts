import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Resource } from '#contracts/fusion';
import type { Brand, BrandSummary, Pairing, PairingDetail, ShowcaseCase } from '#contracts/fusion-brand';
import {
  brandStanding,
  got,
  newCase,
  newEvidence,
  newPairing,
  note,
  spareBranch,
  standing,
  versionOf,
} from './authorization-fusion-fixtures.ts';
import {
  type Case,
  type CaseCtx,
  cellsOf,
  ids,
  okJson,
  pending,
  status,
  upload,
} from './authorization-requests.ts';
import { today } from './authorization-responsibility-fixtures.ts';

// Request cases of brands, typical cases, pairings, the two Word documents and the list imports (issue 11 points 1,
// 4–7), merged in authorization-cases-fusion.ts. Everything is read organ-wide (scope 'unit'); a case the work
// committee selected is read from every organ, so the other organ's selected case stays readable where its draft is
// hidden. The organ committee reviews brands, publishes and returns cases and imports the needs at the organ's root
// ('O'); a branch keeps its brand, its cases, its pairings and its resources (scope 'org'); only the work committee
// selects cases. A request that moves a record on gets one of its own.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const isDocument = (res: LightMyRequestResponse) => {
  status(res, 200);
  expect(res.headers['content-type']).toBe(DOCX);
  expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
};
const s = (c: CaseCtx) => brandStanding(c.w, c.t);

const BRAND_CASES: Record<string, Case> = {
  'GET /api/fusion/brands': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await s(c)).brand.id);
      return { method: 'GET', url: `/api/fusion/brands?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<BrandSummary[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/fusion/brands': {
    scope: 'org',
    // One brand per branch: each request names a branch of its own under the target.
    request: async (c) => {
      const partyOrgId = await spareBranch(c.w, c.t);
      pending.set(c, partyOrgId);
      return { method: 'POST', url: '/api/fusion/brands', payload: { partyOrgId, name: '法治先锋' } };
    },
    ok: (res, c) =>
      expect(okJson<Brand>(res)).toMatchObject({
        partyOrgId: pending.get(c),
        name: '法治先锋',
        status: 'cultivating',
      }),
  },
  'GET /api/fusion/brands/:id': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await s(c)).brand.id);
      return { method: 'GET', url: `/api/fusion/brands/${pending.get(c)}` };
    },
    ok: (res, c) => expect(okJson<Brand>(res)).toMatchObject({ id: pending.get(c), partyOrgId: c.t.org.id }),
  },
  'PATCH /api/fusion/brands/:id': {
    scope: 'org',
    request: async (c) => {
      const { brand } = await s(c);
      const concept = `学法用法，依法行政（修订${c.w.seq()}）`;
      pending.set(c, concept);
      return {
        method: 'PATCH',
        url: `/api/fusion/brands/${brand.id}`,
        payload: { concept, version: await versionOf(c.w, 'brand', brand.id) },
      };
    },
    ok: (res, c) => expect(okJson<Brand>(res).concept).toBe(pending.get(c)),
  },
  'POST /api/fusion/brands/:id/evidence': {
    scope: 'org',
    request: async (c) => {
      const { brand } = await s(c);
      const text = `2026年服务对象满意度 9${c.w.seq() % 10}.5%`;
      pending.set(c, text);
      return {
        method: 'POST',
        url: `/api/fusion/brands/${brand.id}/evidence`,
        payload: { element: 'effect', kind: 'satisfaction', note: text },
      };
    },
    ok: (res, c) => expect(okJson<Brand>(res).evidence.map((e) => e.title)).toContain(pending.get(c)),
  },
  'DELETE /api/fusion/brands/:id/evidence/:evidenceId': {
    scope: 'org',
    request: async (c) => {
      const { brand } = await s(c);
      const evidence = await newEvidence(c.w, brand.id);
      pending.set(c, evidence);
      return { method: 'DELETE', url: `/api/fusion/brands/${brand.id}/evidence/${evidence}` };
    },
    ok: (res, c) => expect(ids(okJson<Brand>(res).evidence)).not.toContain(pending.get(c)),
  },
  'POST /api/fusion/brands/:id/reviews': {
    scope: 'unit',
    request: async (c) => {
      const { brand } = await s(c);
      return {
        method: 'POST',
        url: `/api/fusion/brands/${brand.id}/reviews`,
        payload: {
          year: Number(today().slice(0, 4)) - 1,
          scores: { name: 8, mark: 0, concept: 10, standards: 12, measures: 12, effect: 15 },
          status: 'cultivating',
          comment: '标识尚未确定，继续培育',
          version: await versionOf(c.w, 'brand', brand.id),
        },
      };
    },
    ok: (res) =>
      expect(okJson<Brand>(res).reviews).toContainEqual(
        expect.objectContaining({ total: 57, status: 'cultivating', reviewedOn: today() }),
      ),
  },
  'GET /api/fusion/brands/:id/document': {
    scope: 'unit',
    request: async (c) => ({ method: 'GET', url: `/api/fusion/brands/${(await s(c)).brand.id}/document` }),
    ok: isDocument,
  },
  'GET /api/fusion/projects/:id/document': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/fusion/projects/${(await s(c)).accepted.id}/document`,
    }),
    ok: isDocument,
  },
};

/** The organ B case the work committee selected: readable from every organ. */
const selectedElsewhere = async (c: CaseCtx) => (await brandStanding(c.w, c.w.targets['MXB-1'])).published;

const SHOWCASE_CASES: Record<string, Case> = {
  'GET /api/fusion/cases': {
    scope: 'unit',
    request: async (c) => {
      const x = await s(c);
      note(c, { draft: x.draft.id, published: x.published.id });
      return { method: 'GET', url: `/api/fusion/cases?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) =>
      expect(ids(okJson<ShowcaseCase[]>(res))).toEqual(
        expect.arrayContaining([got(c, 'draft'), got(c, 'published')]),
      ),
  },
  'GET /api/fusion/showcase': {
    scope: 'unit',
    // The organ's published cases and, from organ B, the one the work committee selected; never a draft.
    request: async (c) => {
      const x = await s(c);
      note(c, { draft: x.draft.id, published: x.published.id, selected: (await selectedElsewhere(c)).id });
      return { method: 'GET', url: `/api/fusion/showcase?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => {
      const shown = ids(okJson<ShowcaseCase[]>(res));
      expect(shown).toEqual(expect.arrayContaining([got(c, 'published'), got(c, 'selected')]));
      expect(shown).not.toContain(got(c, 'draft'));
    },
  },
  'POST /api/fusion/cases': {
    scope: 'org',
    // Drafted from the branch's accepted project: what is left out comes from it.
    request: async (c) => {
      const { accepted } = await s(c);
      pending.set(c, accepted.id);
      return {
        method: 'POST',
        url: '/api/fusion/cases',
        payload: { partyOrgId: c.t.org.id, projectId: accepted.id },
      };
    },
    ok: (res, c) => {
      const made = okJson<ShowcaseCase>(res);
      expect(made).toMatchObject({ projectId: pending.get(c), partyOrgId: c.t.org.id, status: 'draft' });
      expect(made.result).not.toBe('');
    },
  },
  'GET /api/fusion/cases/:id': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await s(c)).draft.id);
      return { method: 'GET', url: `/api/fusion/cases/${pending.get(c)}` };
    },
    ok: (res, c) => expect(okJson<ShowcaseCase>(res)).toMatchObject({ id: pending.get(c), status: 'draft' }),
    // Another organ's draft is hidden; the case the work committee selected there is not.
    hidden: async (res, c) => {
      status(res, 404);
      const selected = await selectedElsewhere(c);
      const open = await c.h.client?.get(`/api/fusion/cases/${selected.id}`);
      if (!open) throw new Error('no session');
      expect(okJson<ShowcaseCase>(open)).toMatchObject({ id: selected.id, committeeSelected: true });
    },
  },
  'PATCH /api/fusion/cases/:id': {
    scope: 'org',
    request: async (c) => {
      const { draft } = await s(c);
      const actions = `党员先锋岗预审材料，一次告知（补充${c.w.seq()}）`;
      pending.set(c, actions);
      return {
        method: 'PATCH',
        url: `/api/fusion/cases/${draft.id}`,
        payload: { actions, version: await versionOf(c.w, 'showcaseCase', draft.id) },
      };
    },
    ok: (res, c) =>
      expect(okJson<ShowcaseCase>(res)).toMatchObject({ actions: pending.get(c), status: 'draft' }),
  },
  'POST /api/fusion/cases/:id/submit': {
    scope: 'org',
    request: async (c) => {
      const x = await newCase(c.w, c.t, 'draft', (await s(c)).brand.id);
      return { method: 'POST', url: `/api/fusion/cases/${x.id}/submit`, payload: { version: x.version } };
    },
    ok: (res) => expect(okJson<ShowcaseCase>(res).status).toBe('submitted'),
  },
  'POST /api/fusion/cases/:id/publish': {
    scope: 'unit',
    request: async (c) => {
      const x = await newCase(c.w, c.t, 'submitted', (await s(c)).brand.id);
      return { method: 'POST', url: `/api/fusion/cases/${x.id}/publish`, payload: { version: x.version } };
    },
    ok: (res) =>
      expect(okJson<ShowcaseCase>(res)).toMatchObject({ status: 'published', publishedOn: today() }),
  },
  'POST /api/fusion/cases/:id/return': {
    scope: 'unit',
    request: async (c) => {
      const x = await newCase(c.w, c.t, 'submitted', (await s(c)).brand.id);
      return {
        method: 'POST',
        url: `/api/fusion/cases/${x.id}/return`,
        payload: { version: x.version, note: '成效请补充数据来源' },
      };
    },
    ok: (res) =>
      expect(okJson<ShowcaseCase>(res)).toMatchObject({
        status: 'returned',
        returnNote: '成效请补充数据来源',
      }),
  },
  'POST /api/fusion/cases/:id/select': {
    scope: 'unit',
    request: async (c) => {
      const x = await newCase(c.w, c.t, 'published', (await s(c)).brand.id);
      return {
        method: 'POST',
        url: `/api/fusion/cases/${x.id}/select`,
        payload: { version: x.version, selected: true },
      };
    },
    ok: (res) =>
      expect(okJson<ShowcaseCase>(res)).toMatchObject({ committeeSelected: true, selectedOn: today() }),
  },
};

const PAIRING_CASES: Record<string, Case> = {
  // The organ's committees and branches, for naming the other side of joint work: read organ-wide.
  'GET /api/fusion/orgs': {
    scope: 'unit',
    request: (c) => ({ method: 'GET', url: `/api/fusion/orgs?unitId=${c.t.unit.id}` }),
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(c.t.org.id),
  },
  'GET /api/fusion/pairings': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await s(c)).pairing.id);
      return { method: 'GET', url: `/api/fusion/pairings?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Pairing[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/fusion/pairings': {
    scope: 'org',
    request: async (c) => {
      const { partner } = await standing(c.w, c.t);
      pending.set(c, partner.id);
      return {
        method: 'POST',
        url: '/api/fusion/pairings',
        payload: {
          partyOrgId: c.t.org.id,
          partnerOrgId: partner.id,
          title: '支部与社区结对共建',
          startsOn: '2025-01-01',
          endsOn: '2027-12-31',
        },
      };
    },
    ok: (res, c) =>
      expect(okJson<PairingDetail>(res)).toMatchObject({
        partyOrgId: c.t.org.id,
        partnerOrgId: pending.get(c),
        endedOn: null,
      }),
  },
  'GET /api/fusion/pairings/:id': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await s(c)).pairing.id);
      return { method: 'GET', url: `/api/fusion/pairings/${pending.get(c)}` };
    },
    ok: (res, c) => {
      const p = okJson<PairingDetail>(res);
      expect(p).toMatchObject({ id: pending.get(c), partyOrgId: c.t.org.id });
      expect(p.events.map((e) => e.kind)).toContain('created');
    },
  },
  'PATCH /api/fusion/pairings/:id': {
    scope: 'org',
    request: async (c) => {
      const { pairing } = await s(c);
      const agreement = `每季度联合开展一次主题党日（修订${c.w.seq()}）`;
      pending.set(c, agreement);
      return {
        method: 'PATCH',
        url: `/api/fusion/pairings/${pairing.id}`,
        payload: { agreement, version: await versionOf(c.w, 'pairing', pairing.id) },
      };
    },
    ok: (res, c) => expect(okJson<PairingDetail>(res).agreement).toBe(pending.get(c)),
  },
  'POST /api/fusion/pairings/:id/end': {
    scope: 'org',
    request: async (c) => {
      const { partner } = await standing(c.w, c.t);
      const p = await newPairing(c.w, c.t, partner.id);
      return {
        method: 'POST',
        url: `/api/fusion/pairings/${p.id}/end`,
        payload: { reason: '共建单位撤并', version: p.version },
      };
    },
    ok: (res) =>
      expect(okJson<PairingDetail>(res)).toMatchObject({
        state: 'ended',
        endedOn: today(),
        endReason: '共建单位撤并',
      }),
  },
};

const NEED_HEAD = [
  '提出部门',
  '需求（业务难题）',
  '问题描述',
  '影响的业务指标',
  '紧急程度',
  '提出人',
  '提出日期',
  '关键词',
];
const RESOURCE_HEAD = ['党组织', '类别', '资源', '党员', '共建单位', '说明', '关键词', '可同时承担项目数'];

const LIST_FILE_CASES: Record<string, Case> = {
  'GET /api/fusion/needs/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/fusion/needs/template' }),
    ok: async (res) => expect(await cellsOf(res)).toEqual(expect.arrayContaining(NEED_HEAD)),
  },
  'GET /api/fusion/resources/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/fusion/resources/template' }),
    ok: async (res) => expect(await cellsOf(res)).toEqual(expect.arrayContaining(RESOURCE_HEAD)),
  },
  'POST /api/fusion/needs/import': {
    scope: 'unit',
    request: (c) => {
      const title = `${c.t.code}导入需求${c.w.seq()}`;
      pending.set(c, title);
      return upload('POST', `/api/fusion/needs/import?unitId=${c.t.unit.id}`, {
        需求清单: [
          NEED_HEAD,
          [c.t.dept.code, title, '群众多次往返', '一次通过率', '较急', '科长', '2024-05-01', '审批'],
        ],
      });
    },
    ok: (res) => expect(okJson(res)).toEqual({ created: 1, updated: 0 }),
  },
  'POST /api/fusion/resources/import': {
    scope: 'org',
    request: (c) => {
      const title = `${c.t.code}导入资源${c.w.seq()}`;
      pending.set(c, title);
      return upload('POST', `/api/fusion/resources/import?unitId=${c.t.unit.id}`, {
        资源清单: [RESOURCE_HEAD, [c.t.code, '党员先锋岗', title, null, null, '熟悉数据建模', '数据', 2]],
      });
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ created: 1, updated: 0 });
      const list = await c.h.client?.get(`/api/fusion/resources?unitId=${c.t.unit.id}`);
      if (list) expect(okJson<Resource[]>(list).map((r) => r.title)).toContain(pending.get(c));
    },
    // Another organ is not confirmed (404); a branch of the organ out of the caller's reach is refused at its row.
    hidden: (res) => {
      if (res.statusCode === 404) return;
      status(res, 400);
      const issues = (res.json() as { error: { code: string; issues: { field: string }[] } }).error;
      expect(issues.code).toBe('fusion.import_invalid');
      expect(issues.issues.map((i) => i.field)).toEqual(['第2行 党组织']);
    },
  },
};

export const FUSION_BRAND_CASES: Record<string, Case> = {
  ...BRAND_CASES,
  ...SHOWCASE_CASES,
  ...PAIRING_CASES,
  ...LIST_FILE_CASES,
};
