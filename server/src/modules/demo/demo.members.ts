// Members (党员) of the demo organ, generated branch by branch as a stream so that very large scales never hold the
// whole roster in memory. Each branch draws from its own random stream; only the uniqueness bookkeeping (ID numbers)
// is shared, which is why the branches are always visited in the same order.

import { idNumberCheckChar } from '#contracts/id-number';
import type { MemberImportRow } from '#contracts/member';
import {
  EDUCATION_BY_ERA,
  ETHNICITIES,
  GIVEN_NAME_LEADING_CHARS,
  givenNameChars,
  ID_REGIONS,
  PHONE_PREFIXES,
  STAFF_RANKS_BY_AGE,
  SURNAMES,
} from './demo.names.ts';
import { type DemoOptions, REFERENCE_DATE } from './demo.options.ts';
import { addDays, addYears, DemoRandom, dayToIso, isoToDay } from './demo.random.ts';
import { type BranchPlan, buildDemoStructure, type DemoStructure } from './demo.structure.ts';

type Gender = 'male' | 'female';

/** Rank decides who may take which Party post: chiefs never, heads first for secretary. */
type Rank = 'chief' | 'division_head' | 'division_deputy' | 'section_head' | 'section_deputy' | 'staff';

type Slot = { rank: Rank; post: string | null; born: readonly [number, number]; section: number };

const REFERENCE_YEAR = Number(REFERENCE_DATE.slice(0, 4));
const LATEST_FULL_JOIN = addDays(REFERENCE_DATE, -367);
/** Phone tails are an affine map of the member index modulo 10^8: a bijection, so phones never repeat. */
const PHONE_MULTIPLIER = 54_435_761;
const PHONE_SPACE = 100_000_000;
/** Random stream for phone offsets, far away from the branch streams (1, 2, 3 …). */
const PHONE_STREAM = 0x7fff_0001;

/** ISO dates compare as strings. */
const earlier = (a: string, b: string) => (a < b ? a : b);

function rosterSlots(plan: BranchPlan, rng: DemoRandom): Slot[] {
  const slots: Slot[] = [];
  const add = (rank: Rank, post: string | null, born: readonly [number, number], section = 0) =>
    slots.push({ rank, post, born, section });
  if (plan.leaders === 'organ') {
    add('chief', '关长', [1966, 1972]);
    for (let i = 0; i < 3; i++) add('chief', '副关长', [1966, 1978]);
  } else if (plan.leaders === 'office') {
    add('chief', '关长', [1966, 1976]);
    for (let i = rng.int(1, 2); i > 0; i--) add('chief', '副关长', [1967, 1980]);
  }
  if (plan.divisionHead) {
    add('division_head', plan.divisionHead, [1966, 1980]);
    if (rng.chance(0.7)) add('division_deputy', `副${plan.divisionHead}`, [1970, 1985]);
  }
  plan.sectionCodes.forEach((_, s) => {
    add('section_head', '科长', [1970, 1990], s);
    if (rng.chance(0.6)) add('section_deputy', '副科长', [1976, 1993], s);
  });
  while (slots.length < plan.size) {
    // Mean of two uniforms: a workforce bunched around the mid-1980s, thinning out at both ends.
    const year = 1966 + Math.floor(((rng.next() + rng.next()) / 2) * 36);
    add('staff', null, [year, year], rng.int(0, plan.sectionCodes.length - 1));
  }
  return slots;
}

export function personName(rng: DemoRandom, gender: Gender): string {
  const chars = givenNameChars(gender);
  const surname = rng.weightedPick(SURNAMES);
  if (rng.chance(0.28)) return surname + rng.pick(chars);
  const first = rng.chance(0.3) ? rng.pick(GIVEN_NAME_LEADING_CHARS) : rng.pick(chars);
  return surname + first + rng.pick(chars);
}

function staffRank(rng: DemoRandom, birthYear: number): string {
  const age = REFERENCE_YEAR - birthYear;
  const band =
    STAFF_RANKS_BY_AGE.find((b) => age >= b.minAge) ?? STAFF_RANKS_BY_AGE[STAFF_RANKS_BY_AGE.length - 1];
  return band ? rng.weightedPick(band.ranks) : '科员';
}

function education(rng: DemoRandom, birthYear: number): string {
  if (birthYear < 1975) return rng.weightedPick(EDUCATION_BY_ERA.before1975);
  if (birthYear < 1986) return rng.weightedPick(EDUCATION_BY_ERA.before1986);
  return rng.weightedPick(EDUCATION_BY_ERA.later);
}

/** Section heads of units that are not 科 (laboratories, offices) are 主任 rather than 科长. */
function sectionTitle(post: string, sectionName: string | undefined): string {
  if (!sectionName || sectionName.endsWith('科')) return post;
  return post === '科长' ? '主任' : post === '副科长' ? '副主任' : post;
}

/** A valid 18-digit number whose 17th digit matches the gender, drawn again until it is unused. */
function uniqueIdNumber(rng: DemoRandom, birthDate: string, gender: Gender, seen: Set<string>): string {
  const region = rng.weightedPick(ID_REGIONS);
  let day = isoToDay(birthDate);
  for (let attempt = 0; ; attempt++) {
    // After many clashes on one day (only at huge scales) move to the next day rather than spin.
    if (attempt > 0 && attempt % 40 === 0) day++;
    const date = dayToIso(day).replaceAll('-', '');
    const parity = gender === 'male' ? 1 : 0;
    const first17 = `${region}${date}${String(rng.int(0, 99)).padStart(2, '0')}${2 * rng.int(0, 4) + parity}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/**
 * Streams the demo roster: every non-temporary branch gets its members, exactly one secretary, 0–1 deputy secretary
 * and 1–3 committee members. Pass a structure already built (e.g. by the loader) to avoid building it twice.
 */
export function* generateDemoMembers(
  source: DemoOptions | DemoStructure = {},
  /** ID numbers already taken (by other organs of a province): drawn again when met, and added to. */
  seenIds: Set<string> = new Set(),
): Generator<MemberImportRow, void, undefined> {
  const structure = 'branches' in source ? source : buildDemoStructure(source);
  const { seed } = structure.options;
  const sectionNames = new Map(structure.departments.map((d) => [d.code, d.name]));
  const phoneOffset = new DemoRandom(seed, PHONE_STREAM).int(0, PHONE_SPACE - 1);
  let index = 0;

  for (const plan of structure.branches) {
    const rng = new DemoRandom(seed, plan.stream);
    const rows: MemberImportRow[] = [];
    const ranks: Rank[] = [];
    for (const slot of rosterSlots(plan, rng)) {
      const birthYear = rng.int(slot.born[0], slot.born[1]);
      const birthDate = rng.dateBetween(`${birthYear}-01-01`, `${birthYear}-12-31`);
      const gender: Gender = rng.chance(slot.rank === 'staff' ? 0.58 : 0.72) ? 'male' : 'female';
      const idNumber = uniqueIdNumber(rng, birthDate, gender, seenIds);
      const probationary = slot.rank === 'staff' && birthYear >= 1991 && rng.chance(0.2);
      let joinedOn: string;
      if (probationary) {
        joinedOn = rng.dateBetween(addDays(REFERENCE_DATE, -360), addDays(REFERENCE_DATE, -10));
      } else {
        const latest = addYears(birthDate, rng.chance(0.85) ? 30 : 45);
        joinedOn = rng.dateBetween(addYears(birthDate, 18), earlier(latest, LATEST_FULL_JOIN));
      }
      if (index >= PHONE_SPACE) throw new RangeError('too many members for unique demo phone numbers');
      const tail = (((index * PHONE_MULTIPLIER) % PHONE_SPACE) + phoneOffset) % PHONE_SPACE;
      const departmentCode = plan.sectionCodes[slot.section] ?? null;
      rows.push({
        name: personName(rng, gender),
        gender,
        idNumber,
        ethnicity: rng.weightedPick(ETHNICITIES),
        education: education(rng, birthYear),
        phone: rng.pick(PHONE_PREFIXES) + String(tail).padStart(8, '0'),
        category: probationary ? 'probationary' : 'full',
        joinedOn,
        fullOn: probationary ? null : addYears(joinedOn, 1),
        partyOrgCode: plan.code,
        partyPost: null,
        departmentCode,
        businessPost: slot.post
          ? sectionTitle(slot.post, sectionNames.get(departmentCode ?? ''))
          : staffRank(rng, birthYear),
      });
      ranks.push(slot.rank);
      index++;
    }
    assignPartyPosts(rows, ranks, rng);
    yield* rows;
  }
}

function assignPartyPosts(rows: MemberImportRow[], ranks: readonly Rank[], rng: DemoRandom): void {
  const free = (i: number) =>
    rows[i]?.partyPost === null && rows[i]?.category === 'full' && ranks[i] !== 'chief';
  const firstOf = (...wanted: Rank[]) => {
    for (const rank of wanted) {
      const i = ranks.findIndex((r, k) => r === rank && free(k));
      if (i >= 0) return i;
    }
    return -1;
  };
  // The division head leads the branch where there is one (书记由处长担任), otherwise the section head does.
  const secretary = firstOf('division_head', 'section_head', 'section_deputy', 'staff');
  const row = rows[secretary];
  if (!row) throw new Error('demo branch without a possible secretary');
  row.partyPost = 'secretary';
  if (rng.chance(0.5)) {
    const deputy = rows[firstOf('division_deputy', 'section_head', 'section_deputy')];
    if (deputy) deputy.partyPost = 'deputy_secretary';
  }
  const candidates = rng.shuffle(rows.map((_, i) => i).filter(free));
  for (const i of candidates.slice(0, rng.int(1, 3)))
    (rows[i] as MemberImportRow).partyPost = 'committee_member';
}
