// ADR 14: the mask and the birth date shown beside it are chosen together. An attacker who sees what a role without
// member.sensitive sees (the masked number, the gender, and the birth date or month) enumerates every ID number
// consistent with it; that set must stay large. The old choice (first four and last four, full birth date) left a
// handful of candidates, which the search then confirmed.
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, idNumberProblem, maskIdNumber } from '#contracts/id-number';
import type { Member } from '#contracts/member';
import type { MemberRow } from './member.repository.ts';
import { toMember } from './member.view.ts';

type Seen = { mask: string; gender: 'male' | 'female'; birth: string | null };

/** How many valid 身份证号 agree with everything seen: the mask's visible characters, gender, birth date or month. */
function candidates(seen: Seen): number {
  const birthDigits = (seen.birth ?? '').replaceAll('-', ''); // YYYYMMDD or YYYYMM
  const options: string[][] = [];
  for (let i = 0; i < 17; i++) {
    const shown = seen.mask[i] ?? '*';
    const fromBirth = i >= 6 && i - 6 < birthDigits.length ? birthDigits[i - 6] : undefined;
    let digits = shown !== '*' ? [shown] : fromBirth ? [fromBirth] : [...'0123456789'];
    if (i === 16) digits = digits.filter((d) => Number(d) % 2 === (seen.gender === 'male' ? 1 : 0));
    options.push(digits);
  }
  const shownCheck = seen.mask[17] && seen.mask[17] !== '*' ? seen.mask[17] : null;
  let count = 0;
  const walk = (prefix: string) => {
    const i = prefix.length;
    if (i === 14 && idNumberProblem(`${prefix}0000`) === 'birth_date') return; // no such day
    if (i === 17) {
      const check = idNumberCheckChar(prefix);
      if (shownCheck === null || shownCheck === check) count++;
      return;
    }
    for (const d of options[i] ?? []) walk(prefix + d);
  };
  walk('');
  return count;
}

const ID = `${'33020619870923417'}${idNumberCheckChar('33020619870923417')}`;

describe('what the mask and the visible birth date leave unknown', () => {
  it('left about ten candidates with the old mask and the full birth date', () => {
    const old = `${ID.slice(0, 4)}**********${ID.slice(-4)}`;
    const n = candidates({ mask: old, gender: 'male', birth: '1987-09-23' });
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20);
  });

  it('leaves at least 100,000 candidates with what a viewer without member.sensitive is shown now', () => {
    const row = {
      id: 'x',
      gender: 'male',
      birthDate: '1987-09-23',
      idNumberMasked: maskIdNumber(ID),
      phoneMasked: null,
    } as unknown as MemberRow;
    const shown: Member = toMember(row, false);
    expect(shown.birthDate).toBeNull();
    const n = candidates({ mask: shown.idNumber, gender: shown.gender, birth: shown.birthMonth });
    // 100 area digits × 30 days × 100 sequence numbers × 5 gender digits, before anyone rules out area codes.
    expect(n).toBe(100 * 30 * 100 * 5);
    expect(n).toBeGreaterThanOrEqual(100_000);
  });
});
