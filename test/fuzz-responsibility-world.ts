import type { LightMyRequestResponse } from 'fastify';
import { ensureDefaultTemplate } from '../server/src/modules/responsibility/index.ts';
import { EVIDENCE, setFocus, today, YEAR } from './fuzz-responsibility.ts';
import type { Client, TestApp } from './helpers.ts';

// The responsibility system's part of the fuzz world (test/fuzz.int.test.ts): a work committee's standard template
// and work points, this year's lists with duties of every kind (one-off and recurring, with and without an owner),
// their periods, progress with a file, exemptions waiting on the fuzz member, a handover and a delegation to them,
// liaisons, and year-end reports they write or rate. Everything is made through the API, as the rest of the fuzz
// world is, and every answer is harvested into the run's pools.

export type ResponsibilityWorld = {
  t: TestApp;
  officer: Client;
  self: Client;
  /** The fuzz world's members, the first being the fuzz member's own record. */
  members: readonly string[];
  orgId: (code: string) => string;
  /** A member's account, signed in (a peer who submits a report the fuzz member rates). */
  person: (username: string, memberId: string) => Promise<Client>;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
  /** Keeps a record away from the routes that would take it from the rest of the run. */
  protect: (id: string) => void;
};

type Answer = Record<string, unknown> & { id: string; version: number };

export async function buildResponsibilityWorld(w: ResponsibilityWorld): Promise<void> {
  const send = async (
    c: Client,
    method: 'get' | 'post' | 'patch' | 'put',
    url: string,
    body?: unknown,
  ): Promise<Answer> => {
    const res: LightMyRequestResponse = method === 'get' ? await c.get(url) : await c[method](url, body);
    if (res.statusCode !== 200) throw new Error(`setup ${method} ${url}: ${res.statusCode} ${res.body}`);
    const json = res.json() as Answer;
    w.harvest(url, json);
    return json;
  };
  const { officer, self } = w;
  const [me, peer, m2, m3, m4, m5] = w.members as [string, string, string, string, string, string];
  const [root, gb, fa, fb] = ['F-ROOT', 'F-GB', 'F-A', 'F-B'].map(w.orgId) as [
    string,
    string,
    string,
    string,
  ];

  setFocus(me, root);
  // A handover from the fuzz member would hand their duties, approvals and reports to rate away from the run.
  w.protect(me);
  // Raters of the year-end reports (below, and those the run names): members who stay, so that naming them can succeed.
  w.protect(m2);
  w.protect(m3);
  w.setPool('listOrg', [root, gb]);
  await ensureDefaultTemplate(w.t.ctx());
  const [template] = (await send(officer, 'get', '/api/responsibility/templates')) as unknown as Answer[];
  const kinds = (await officer.get('/api/responsibility/record-kinds')).json() as { key: string }[];
  w.setPool(
    'recordKind',
    kinds.map((k) => k.key),
  );
  const point = await send(officer, 'post', '/api/responsibility/work-points', {
    year: YEAR,
    domain: 'fusion',
    category: '融合发展',
    title: '开展“党建+营商环境”攻坚',
    weight: 2,
  });
  await send(officer, 'post', '/api/responsibility/work-points', {
    year: YEAR,
    domain: 'party',
    category: '组织建设',
    title: '推进党支部标准化规范化建设',
  });

  const list = (level: string, partyOrgId: string, holderMemberId: string | null, templateId?: string) =>
    send(officer, 'post', '/api/responsibility/lists', {
      year: YEAR,
      level,
      partyOrgId,
      ...(holderMemberId ? { holderMemberId } : {}),
      ...(templateId ? { templateId } : {}),
    });
  // The organisation's lists at each level from the template (duties of every recurrence, no owner), a branch's
  // list by hand, and personal lists: the fuzz member's own (the template's duties become theirs) and a peer's.
  await list('principal', root, null, template?.id);
  const direct = await list('direct', root, null, template?.id);
  await list('implementing', fa, null, template?.id);
  const branch = await list('implementing', fb, null);
  const ownLists = [
    await list('implementing', fa, me, template?.id),
    await list('direct', gb, me),
    await list('direct', root, me),
  ];
  const peerLists = [
    await list('implementing', fb, peer),
    await list('direct', root, peer),
    await list('direct', gb, peer),
  ];
  await list('implementing', fa, m3);
  await list('implementing', fa, m5);

  const item = (body: Record<string, unknown>) =>
    send(officer, 'post', `/api/responsibility/lists/${branch.id}/items`, {
      domain: 'party',
      category: '组织建设',
      ownerOrgId: fb,
      effectiveFrom: `${YEAR}-01-01`,
      ...body,
    });
  const deadline = `${YEAR}-12-31`;
  const mine = await item({ title: '完成支部委员会换届选举', ownerMemberId: me, deadline });
  const monthly = await item({
    title: '每月开展主题党日活动',
    ownerMemberId: peer,
    recurrence: 'monthly',
    domain: 'fusion',
  });
  const unowned = await item({ title: '报送上半年党建工作总结', deadline: `${YEAR}-06-30` });
  const quarterly = await item({ title: '每季度讲一次专题党课', recurrence: 'quarterly' });
  const issued = await item({
    title: '承接工委工作要点：优化营商环境',
    workPointId: point.id,
    issued: true,
    recurrence: 'yearly',
    domain: 'business',
  });
  const directItems = direct.items as Answer[];
  const study = await item({
    title: '落实机关党委部署的学习任务',
    parentItemId: directItems[0]?.id,
    deadline,
  });
  const archive = await item({ title: '整理移交支部档案', ownerMemberId: m4, deadline });

  // Exemptions waiting on the fuzz member (never on a duty of their own: one does not approve one's own), enough that
  // some are still pending when the decisions come (each is decided once), and one on someone else.
  for (const [it, approver] of [
    [unowned, me],
    [quarterly, me],
    [issued, me],
    [monthly, me],
    [study, me],
    [archive, me],
    [unowned, me],
    [unowned, m2],
  ] as const)
    await send(officer, 'post', `/api/responsibility/items/${it.id}/exemptions`, {
      startsOn: `${YEAR}-01-01`,
      expiresOn: `${YEAR}-12-31`,
      reason: '承担全市专项整治任务，本年度无法按期开展',
      approverMemberId: approver,
    });

  // Progress: the officer's report with a file, and the fuzz member's own.
  const current = (a: Answer) => (a.current as { id: string }).id;
  const report = await send(officer, 'post', `/api/responsibility/periods/${current(quarterly)}/reports`, {
    progress: 50,
    note: '已召开支委会研究部署',
  });
  const boundary = '----fuzzworld';
  const evidence = await officer.request({
    method: 'POST',
    url: `/api/responsibility/reports/${report.id}/files`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="会议记录.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      EVIDENCE.pdf as Buffer,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (evidence.statusCode !== 200) throw new Error(`setup evidence: ${evidence.body}`);
  w.harvest(`/api/responsibility/reports/${report.id}/files`, evidence.json());
  await send(self, 'post', `/api/me/duties/${current(mine)}/reports`, {
    progress: 30,
    note: '已拟定换届工作方案',
  });

  // A peer on leave delegates to the fuzz member; a leaver hands their duty over to them; two more delegations for
  // the route that ends one early.
  const handover = (kind: string, fromMemberId: string, toMemberId: string, endsOn: string | null) =>
    send(officer, 'post', '/api/handovers', {
      kind,
      fromMemberId,
      toMemberId,
      post: '党支部组织委员',
      reason: kind === 'delegation' ? '外出参加脱产培训' : '工作调动',
      startsOn: kind === 'delegation' ? `${YEAR}-01-01` : today(),
      ...(endsOn ? { endsOn } : {}),
    });
  await handover('delegation', peer, me, `${YEAR + 1}-12-31`);
  await handover('handover', m4, me, null);
  await handover('delegation', m2, m3, `${YEAR + 1}-06-30`);
  await handover('delegation', m5, m3, `${YEAR + 1}-06-30`);

  await send(officer, 'post', '/api/liaisons', {
    kind: 'point',
    memberId: me,
    branchOrgId: fb,
    since: `${YEAR}-01-01`,
  });
  await send(officer, 'post', '/api/liaisons', {
    kind: 'officer',
    memberId: peer,
    branchOrgId: fa,
    since: `${YEAR}-01-01`,
  });

  // Year-end reports: the fuzz member writes three; a peer submits three that the fuzz member rates.
  for (const l of ownLists) await send(officer, 'post', '/api/appraisals', { listId: l.id });
  const peerClient = await w.person('fz-peer', peer);
  for (const l of peerLists) {
    const draft = await send(officer, 'post', '/api/appraisals', { listId: l.id });
    await send(officer, 'put', `/api/appraisals/${draft.id}/raters`, { memberIds: [me, m2] });
    await send(peerClient, 'post', `/api/appraisals/${draft.id}/submit`, { version: draft.version });
    w.protect(draft.id);
  }

  // What each side now sees, for the pools: periods of every duty, the fuzz member's own and what waits on them.
  await send(officer, 'get', `/api/responsibility/lists?year=${YEAR}`);
  for (const l of [direct, branch, ...ownLists])
    await send(officer, 'get', `/api/responsibility/lists/${l.id}`);
  await send(officer, 'get', '/api/handovers');
  await send(officer, 'get', `/api/appraisals?year=${YEAR}`);
  for (const url of ['/api/me/duties', '/api/me/handovers', '/api/me/appraisals'])
    await send(self, 'get', url);
}
