import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allocate,
  baseFor,
  fenOfYuan,
  lastDayOf,
  monthlyDue,
  monthOwners,
  monthState,
  percentOf,
  rateBp,
} from './branch.dues.rules.ts';

const yuan = (y: number) => Math.round(y * 100);

describe('the dues brackets (按月工资收入（税后）计算)', () => {
  it('serving members: up to 3,000 inclusive 0.5%, to 5,000 inclusive 1%, to 10,000 inclusive 1.5%, above 2%', () => {
    const cases: [number, number, number][] = [
      // income (yuan), rate (bp), monthly amount (yuan)
      [0, 50, 0],
      [2000, 50, 10],
      [3000, 50, 15],
      [3000.01, 100, 30],
      [4000, 100, 40],
      [5000, 100, 50],
      [5000.01, 150, 75],
      [8000, 150, 120],
      [10000, 150, 150],
      [10000.01, 200, 200],
      [12345.67, 200, 246.91],
    ];
    for (const [income, bp, amount] of cases) {
      expect(rateBp('serving', yuan(income)), `${income}`).toBe(bp);
      expect(monthlyDue('serving', yuan(income)), `${income}`).toEqual({
        rateBp: bp,
        monthlyFen: yuan(amount),
      });
    }
  });

  it('retired members: up to 5,000 inclusive 0.5%, above 1%', () => {
    expect(monthlyDue('retired', yuan(3000))).toEqual({ rateBp: 50, monthlyFen: yuan(15) });
    expect(monthlyDue('retired', yuan(5000))).toEqual({ rateBp: 50, monthlyFen: yuan(25) });
    expect(monthlyDue('retired', yuan(5000.01))).toEqual({ rateBp: 100, monthlyFen: yuan(50) });
    expect(monthlyDue('retired', yuan(6000))).toEqual({ rateBp: 100, monthlyFen: yuan(60) });
  });

  it('members without income pay a fixed small amount, 0.20 yuan unless set', () => {
    expect(monthlyDue('no_income', null)).toEqual({ rateBp: 0, monthlyFen: 20 });
    expect(monthlyDue('no_income', null, 50)).toEqual({ rateBp: 0, monthlyFen: 50 });
  });

  it('rounds half a fen up, in integers', () => {
    expect(percentOf(yuan(3333.33), 100)).toBe(3333); // 33.3333 → 33.33
    expect(percentOf(yuan(1234.5), 50)).toBe(617); // 6.1725 → 6.17
    expect(percentOf(yuan(1235), 50)).toBe(618); // 6.175 → 6.18
    expect(percentOf(100_000_000, 200)).toBe(2_000_000);
  });
});

describe('months', () => {
  it('knows month ends and steps across years', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('gives a month to the organisation the member was in on its first day, or that they joined in it', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const owners = monthOwners(
      [
        { partyOrgId: 'A', fromOn: '2026-01-15', toOn: '2026-03-10' },
        { partyOrgId: 'B', fromOn: '2026-03-10', toOn: '2026-05-01' },
      ],
      months,
    );
    // Joined mid-January: January is due; transferred mid-March: A collects March; left on 1 May: May is not due.
    expect([...owners]).toEqual([
      ['2026-01', 'A'],
      ['2026-02', 'A'],
      ['2026-03', 'A'],
      ['2026-04', 'B'],
    ]);
    // A transfer on the 1st hands that month to the new branch; a span of no days counts for nothing.
    expect([
      ...monthOwners(
        [
          { partyOrgId: 'A', fromOn: '2025-01-01', toOn: '2026-02-01' },
          { partyOrgId: 'X', fromOn: '2026-02-01', toOn: '2026-02-01' },
          { partyOrgId: 'B', fromOn: '2026-02-01', toOn: null },
        ],
        ['2026-01', '2026-02'],
      ),
    ]).toEqual([
      ['2026-01', 'A'],
      ['2026-02', 'B'],
    ]);
  });

  it('takes the base in force in a month', () => {
    const bases = [
      { effectiveFrom: '2026-04', monthlyFen: 40 },
      { effectiveFrom: '2026-01', monthlyFen: 15 },
    ];
    expect(baseFor(bases, '2025-12')).toBeNull();
    expect(baseFor(bases, '2026-03')?.monthlyFen).toBe(15);
    expect(baseFor(bases, '2026-04')?.monthlyFen).toBe(40);
    expect(baseFor(bases, '2027-01')?.monthlyFen).toBe(40);
  });
});

describe('payments and states', () => {
  it('fills the months in order, what each still lacks, and adds up to the amount', () => {
    const months = [
      { month: '2026-02', dueFen: 1500, paidFen: 0 },
      { month: '2026-01', dueFen: 1500, paidFen: 1000 },
      { month: '2026-03', dueFen: 1500, paidFen: 0 },
    ];
    expect(allocate(3000, months)).toEqual([
      { month: '2026-01', amountFen: 500 },
      { month: '2026-02', amountFen: 1500 },
      { month: '2026-03', amountFen: 1000 },
    ]);
    // More than due: the rest to the last month (自愿多交).
    expect(allocate(5000, months).map((m) => m.amountFen)).toEqual([500, 1500, 3000]);
    // Months without a base share what remains.
    expect(
      allocate(1001, [
        { month: '2026-01', dueFen: null, paidFen: 0 },
        { month: '2026-02', dueFen: null, paidFen: 0 },
      ]),
    ).toEqual([
      { month: '2026-01', amountFen: 500 },
      { month: '2026-02', amountFen: 501 },
    ]);
  });

  it('tells paid, part paid, in arrears and due apart as of the current month', () => {
    const now = '2026-06';
    expect(monthState(false, 1500, 0, '2026-01', now)).toBe('none');
    expect(monthState(true, null, 0, '2026-01', now)).toBe('unassessed');
    expect(monthState(true, null, 100, '2026-01', now)).toBe('paid');
    expect(monthState(true, 1500, 1500, '2026-01', now)).toBe('paid');
    expect(monthState(true, 1500, 1000, '2026-01', now)).toBe('partial');
    expect(monthState(true, 1500, 0, '2026-05', now)).toBe('arrears');
    expect(monthState(true, 1500, 0, '2026-06', now)).toBe('due');
    expect(monthState(true, 1500, 1000, '2026-07', now)).toBe('due');
  });

  it('reads yuan as typed into a payroll sheet, refusing what is not a sum of money', () => {
    expect(fenOfYuan(15)).toBe(1500);
    expect(fenOfYuan(3000.1)).toBe(300010);
    expect(fenOfYuan('3,000.00')).toBe(300000);
    expect(fenOfYuan('￥15.5元')).toBe(1550);
    expect(fenOfYuan('15.555')).toBeNull();
    expect(fenOfYuan(-1)).toBeNull();
    expect(fenOfYuan('十五')).toBeNull();
  });
});
