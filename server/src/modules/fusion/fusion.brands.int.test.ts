// Branch brands (issue 11 point 5): the six haves each backed by evidence and a completeness check that names what is
// missing; the organ committee's annual review against the rubric, with a rectification deadline the branch is
// reminded of; and the brand's profile as a Word document read back.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brand } from '#contracts/fusion-brand';
import { multipartUpload, transparentPng } from '../../../../test/attachment-fixtures.ts';
import { documentText, unzip } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { fusionDigest } from './fusion.digest.ts';
import { type FusionWorld, fusionWorld, ok } from './fusion.test-helpers.ts';

let w: FusionWorld;
beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
});
afterAll(async () => {
  await w.t.close();
});

const fields = (res: { json: () => unknown }) =>
  ((res.json() as { error: { issues?: { field: string }[] } }).error.issues ?? []).map((i) => i.field);
const SCORES = { name: 10, mark: 9, concept: 14, standards: 19, measures: 19, effect: 23 }; // 94

async function heldRecord(orgId: string, topic: string): Promise<string> {
  return (
    await w.t.database.db
      .insertInto('branchRecord')
      .values({
        unitId: w.unitId,
        partyOrgId: orgId,
        kind: 'theme_day',
        status: 'held',
        heldOn: '2026-05-09',
        topic,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

describe('a branch brand', () => {
  it('names every missing element of the six haves until each has its content and evidence', async () => {
    let b = await ok<Brand>(w.bs1.post('/api/fusion/brands', { partyOrgId: w.B1.id, name: '法治先锋' }));
    expect(b.status).toBe('cultivating');
    expect(b.missing.map((m) => `${m.element}:${m.what}`)).toEqual([
      'name:evidence',
      'mark:content',
      'concept:content',
      'concept:evidence',
      'standards:content',
      'standards:evidence',
      'measures:content',
      'measures:evidence',
      'effect:content',
      'effect:evidence',
    ]);
    expect(b.missing[1]?.message).toBe('尚未上传品牌标识图片');
    // One brand per branch; another branch's secretary does not reach it.
    expectError(
      await w.bs1.post('/api/fusion/brands', { partyOrgId: w.B1.id, name: '第二个' }),
      409,
      'fusion.brand_exists',
    );
    expectError(
      await w.bs2.patch(`/api/fusion/brands/${b.id}`, { name: '改名', version: b.version }),
      404,
      'fusion.brand_not_found',
    );

    b = await ok<Brand>(
      w.bs1.patch(`/api/fusion/brands/${b.id}`, {
        concept: '学法用法，依法行政',
        serviceStandards: '复议案件受理当日告知',
        creationMeasures: '每月一次以案释法',
        effect: '复议案件办理提速',
        version: b.version,
      }),
    );
    // The mark: an image uploaded to the brand; a PDF is refused as a mark.
    const upload = (bytes: Buffer, name: string, type: string) =>
      ok<{ id: string }>(
        w.bs1.request({
          method: 'POST',
          url: '/api/attachments',
          ...multipartUpload({ ownerKind: 'fusion.brand', ownerId: b.id }, { name, bytes, type }),
        }),
      );
    const png = await upload(await transparentPng(), 'mark.png', 'image/png');
    const doc = await upload(
      Buffer.from('%PDF-1.4\n%品牌命名文件\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      '命名文件.pdf',
      'application/pdf',
    );
    const notImage = await w.bs1.patch(`/api/fusion/brands/${b.id}`, {
      markAttachmentId: doc.id,
      version: b.version,
    });
    expectError(notImage, 400, 'fusion.brand_invalid');
    b = await ok<Brand>(
      w.bs1.patch(`/api/fusion/brands/${b.id}`, { markAttachmentId: png.id, version: b.version }),
    );

    // Evidence of each kind; a record of another branch and an unaccepted project are refused at the field.
    const own = await heldRecord(w.B1.id, '主题党日：以案释法');
    const foreign = await heldRecord(w.B2.id, '第二支部主题党日');
    const add = (body: object) => w.bs1.post(`/api/fusion/brands/${b.id}/evidence`, body);
    expect(fields(await add({ element: 'measures', kind: 'record', refId: foreign }))).toEqual([
      'body.refId',
    ]);
    expect(fields(await add({ element: 'effect', kind: 'satisfaction' }))).toEqual(['body.note']);
    const project = (
      await w.t.database.db
        .insertInto('fusionProject')
        .values({
          unitId: w.unitId,
          title: '复议提速',
          leadOrgId: w.B1.id,
          teamKind: 'tackle_team',
          ownerMemberId: w.m.sec1,
          stage: 'accepted',
          acceptedOn: '2026-05-30',
          outcome: '办理天数降到 12 天',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await ok(add({ element: 'name', kind: 'document', refId: doc.id }));
    await ok(add({ element: 'concept', kind: 'record', refId: own }));
    await ok(add({ element: 'standards', kind: 'document', refId: doc.id }));
    await ok(add({ element: 'measures', kind: 'record', refId: own }));
    b = await ok<Brand>(add({ element: 'effect', kind: 'project', refId: project }));
    expect(b.missing).toEqual([]);
    expect(b.evidence.find((e) => e.kind === 'project')).toMatchObject({
      title: '复议提速',
      date: '2026-05-30',
    });
    b = await ok<Brand>(add({ element: 'effect', kind: 'satisfaction', note: '2026年服务对象满意度 97.2%' }));
    expect(b.evidence.at(-1)).toMatchObject({
      kind: 'satisfaction',
      title: '2026年服务对象满意度 97.2%',
      refId: null,
    });

    // The profile as Word: the six haves with their evidence, the mark as a picture.
    const res = await w.lgm.get(`/api/fusion/brands/${b.id}/document`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const parts = unzip(res.rawPayload);
    const text = documentText(parts);
    for (const s of [
      '“法治先锋”支部品牌',
      '有服务标准',
      '复议案件受理当日告知',
      '主题党日：以案释法',
      '2026年服务对象满意度 97.2%',
      '齐全',
    ])
      expect(text).toContain(s);
    expect([...parts.keys()].some((k) => /^word\/media\/.+\.png$/.test(k))).toBe(true);
  });

  it('is reviewed by the organ committee against the rubric; a failing brand gets a deadline and a reminder', async () => {
    let b = await ok<Brand>(w.bs2.post('/api/fusion/brands', { partyOrgId: w.B2.id, name: '审批先锋' }));
    const review = (body: object, by = w.officer) =>
      by.post(`/api/fusion/brands/${b.id}/reviews`, {
        year: 2026,
        scores: SCORES,
        version: b.version,
        ...body,
      });
    expectError(await review({ status: 'cultivating' }, w.bs2), 403, 'auth.forbidden');
    // Incomplete: not 达标; over the rubric: refused at the element.
    const incomplete = await review({ status: 'qualified' });
    expectError(incomplete, 400, 'fusion.review_invalid');
    expect(fields(incomplete)).toEqual(['body.status']);
    const over = await review({ status: 'cultivating', scores: { ...SCORES, effect: 26 } });
    expect(fields(over)).toEqual(['body.scores.effect']);
    expect(fields(await review({ status: 'rectifying' }))).toEqual(['body.rectifyBy']);
    b = await ok<Brand>(
      review({ status: 'rectifying', rectifyBy: '2026-06-20', comment: '六有不全，限期整改' }),
    );
    expect(b).toMatchObject({
      status: 'rectifying',
      rectifyBy: '2026-06-20',
      lastReview: { year: 2026, total: 94 },
    });
    expect(b.reviews[0]).toMatchObject({
      total: 94,
      reviewedOn: '2026-06-15',
      comment: '六有不全，限期整改',
    });

    // The branch's secretary is reminded as the deadline nears, and after it passes.
    const linesOn = async (day: string) => {
      const out = await fusionDigest.collect(w.t.ctx(), day);
      return out.find((o) => o.userId === w.bs2.userId)?.lines.map((l) => `${l.severity} ${l.text}`) ?? [];
    };
    expect(await linesOn('2026-06-01')).toEqual([]);
    expect(await linesOn('2026-06-15')).toEqual([
      'due_soon 品牌整改即将到期：第二党支部“审批先锋”（期限 2026-06-20）',
    ]);
    expect((await linesOn('2026-06-21'))[0]).toMatch(/^overdue 品牌整改已逾期/);
    // A new review that is not 整改 ends the reminders; the history keeps both.
    b = await ok<Brand>(review({ status: 'cultivating', scores: { ...SCORES, effect: 10 } }));
    expect(b.reviews.map((r) => r.status)).toEqual(['cultivating', 'rectifying']);
    expect(await linesOn('2026-06-21')).toEqual([]);
  });
});
