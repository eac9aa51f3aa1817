import fc from 'fast-check';
import type { z } from 'zod';
import { dateBetween, type Hint, Ref } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Branch work records in the fuzz test (test/fuzz.int.test.ts): records harvested from every answer (with their
// versions), values the schema alone would rarely make meet the rules (a kind a branch holds, a day in the past, the
// branch's members as attendees, a talk's host), and the records the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const RECORDS_URL = /^\/api\/branch\/(records|settings|obligations|burden|study-hours|temporary-orgs)\b/;
export const isBranchRecordUrl = (url: string) => RECORDS_URL.test(url);

export const BRANCH_POOLS = ['branchRecord', 'temporaryOrg'] as const;

/** The pool of a reference of a branch record route; undefined when the route is not one of theirs. */
export function branchPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isBranchRecordUrl(url)) return undefined;
  if (key === 'id') {
    if (url.startsWith('/api/branch/records/')) return ['branchRecord'];
    // Mostly the world's audit team, which only these routes touch; now and then one the run made temporary.
    if (url.startsWith('/api/branch/temporary-orgs/')) return ['temporaryOrg', 'keptTemporaryOrg'];
    return null;
  }
  if (key === 'memberIds') return ['member'];
  if (key === 'partyOrgId') return ['org', 'memberOrg'];
  if (key === 'hostMemberId' || key === 'recorderMemberId' || key === 'memberId') return ['member'];
  return undefined;
}

const sometimes = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });

/** Values of the record routes the schema alone would rarely make meet the rules. */
export function branchHint(url: string): Hint {
  return (key: string, _schema: z.ZodType) => {
    if (!isBranchRecordUrl(url)) return undefined;
    // Kinds every branch holds, without the fields of their own (talk: a host; study: what was applied).
    if (key === 'kind')
      return fc.constantFrom(
        'committee_meeting',
        'general_meeting',
        'party_lecture',
        'theme_day',
        'org_life_meeting',
      );
    // Held records, which every rule applies to (plans are tested in branch.records.int.test.ts).
    if (key === 'status') return fc.constant('held');
    if (key === 'plannedOn') return fc.constant(undefined);
    if (key === 'heldOn' || key === 'on') return dateBetween(YEAR - 1, YEAR - 1);
    // One member present (two could be the same member, which the rules refuse): a member of the fuzz organ.
    if (key === 'attendees')
      return fc.oneof(
        {
          arbitrary: fc.nat().map((n) => [{ memberId: new Ref('member', n), attendance: 'present' }]),
          weight: 3,
        },
        { arbitrary: fc.constant([]), weight: 1 },
      );
    // The organ's theme-day setting has no id to keep its version by: a small version now and then is the current one.
    if (key === 'version' && url.startsWith('/api/branch/settings')) return fc.integer({ min: 1, max: 4 });
    if (key === 'planId') return fc.constant(undefined);
    if (key === 'clientKey') return sometimes(fc.uuid());
    if (key === 'from' || key === 'to') return sometimes(dateBetween(YEAR - 1, YEAR - 1));
    if (key === 'grades' || key === 'parts') return fc.constant(undefined);
    if (key === 'studied' || key === 'appliedTo' || key === 'outcome') return fc.constant(undefined);
    if (key === 'attendance')
      return fc.oneof(
        { arbitrary: fc.constant('present'), weight: 4 },
        { arbitrary: fc.constant('absent'), weight: 1 },
      );
    if (key === 'themeDayOfMonth') return fc.integer({ min: 1, max: 28 });
    // Joint holders and partners (联学联建): left as they are mostly, now and then none, or one that fits a theme
    // day (another branch of the organ, a partner of the organ); random ids would refuse every edit.
    if (key === 'jointOrgIds')
      return fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.constant([]), weight: 2 },
        { arbitrary: fc.nat().map((n) => [new Ref('leadOrg', n)]), weight: 2 },
      );
    if (key === 'partnerOrgIds')
      return fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.constant([]), weight: 2 },
        { arbitrary: fc.nat().map((n) => [new Ref('activePartner', n)]), weight: 1 },
      );
    return undefined;
  };
}

/** Takes records (and their versions) from a record answer, a page of them, or a stale edit's current record. */
export function harvestBranchRecord(
  o: Record<string, unknown>,
  remember: (pool: string, id: string) => void,
  versions: Map<string, number>,
): void {
  if (typeof o.id !== 'string' || typeof o.kind !== 'string' || typeof o.topic !== 'string') return;
  if (typeof o.version === 'number') versions.set(o.id, o.version);
  remember('branchRecord', o.id);
}

/** A few records to start from: held and planned meetings of the fuzz branches. */
export async function buildBranchWorld(w: {
  officer: Client;
  orgId: (code: string) => string;
  members: readonly string[];
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
  /** Keeps a record out of the pools other routes draw from (they could make it permanent or close it). */
  keepApart: (id: string) => void;
}): Promise<void> {
  // An audit team's temporary organisation, running this year, for the routes of its drawn members: kept apart from
  // the organisation routes, so that it is still temporary and running when they come.
  const team = await w.officer.post('/api/party-orgs', {
    parentId: w.orgId('F-ROOT'),
    code: 'F-TMP',
    name: '驻县审计组临时党支部',
    kind: 'branch',
    isTemporary: true,
    tempStartOn: `${YEAR - 1}-01-01`,
    tempEndOn: `${YEAR + 1}-12-31`,
  });
  if (team.statusCode !== 200) throw new Error(`branch world: ${team.statusCode} ${team.body}`);
  const teamId = (team.json() as { id: string }).id;
  w.keepApart(teamId);
  w.setPool('temporaryOrg', [teamId]);
  for (const [i, code] of ['F-A', 'F-B', 'F-GB'].entries()) {
    const partyOrgId = w.orgId(code);
    const res = await w.officer.post('/api/branch/records', {
      partyOrgId,
      kind: 'committee_meeting',
      heldOn: `${YEAR - 1}-0${i + 3}-12`,
      topic: `研究部署第${i + 1}季度工作`,
      attendees: w.members.slice(0, 2).map((memberId) => ({ memberId, attendance: 'present' })),
    });
    if (res.statusCode !== 200) throw new Error(`branch world: ${res.statusCode} ${res.body}`);
    w.harvest('/api/branch/records', res.json());
  }
}
