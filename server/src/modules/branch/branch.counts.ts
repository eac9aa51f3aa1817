// The burden meter's counts of one record (issue 10, point 6): how many of its fields a person typed, and how many
// the product filled in for them — prefilled (the roster on the day, the secretary as host, the organ's theme day,
// the last place), reused (taken over from the record's plan) or imported. Computed by the server from what it
// would have prefilled itself, so no client can claim a lighter load than it gave.

export type FieldCounts = { typed: number; prefilled: number; reused: number; imported: number };

/** What the form was given before anyone typed: the server's own prefill for the record's branch, kind and day. */
export type PrefillValues = {
  date: string;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  place: string | null;
  /** Member ids on the roster on the day (each prefilled as present). */
  expected: ReadonlySet<string>;
  /** The plan of this record, when a planned record is taken over. */
  planned: { topic: string; plannedOn: string | null; place: string | null } | null;
};

export type EnteredValues = {
  date: string | null;
  place?: string | null;
  hostMemberId?: string | null;
  recorderMemberId?: string | null;
  topic: string;
  /** Free texts (content, resolutions, 五个一 parts, 学用融 fields): each filled one is typed. */
  texts: readonly (string | null | undefined)[];
  attendees: readonly { memberId: string; attendance: string; reason?: string | null }[];
  grades: readonly { grade: string; note?: string | null }[];
};

const filled = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

export function countFields(
  entered: EnteredValues,
  prefill: PrefillValues,
  source: 'entry' | 'import' | 'demo',
): FieldCounts {
  const out: FieldCounts = { typed: 0, prefilled: 0, reused: 0, imported: 0 };
  const fields: ('typed' | 'prefilled' | 'reused')[] = [];
  const compare = (
    value: string | null | undefined,
    pre: string | null | undefined,
    plan?: string | null,
  ) => {
    if (!filled(value)) return;
    if (filled(pre) && value === pre) fields.push('prefilled');
    else if (filled(plan) && value === plan) fields.push('reused');
    else fields.push('typed');
  };
  compare(entered.date, prefill.date, prefill.planned?.plannedOn);
  compare(entered.place, prefill.place, prefill.planned?.place);
  compare(entered.hostMemberId, prefill.hostMemberId);
  compare(entered.recorderMemberId, prefill.recorderMemberId);
  compare(entered.topic, null, prefill.planned?.topic);
  for (const text of entered.texts) compare(text, null);
  for (const a of entered.attendees) {
    // The roster's members come marked present: leaving one so is not typing; marking one away, or adding a guest, is.
    const asPrefilled = prefill.expected.has(a.memberId) && a.attendance === 'present' && !filled(a.reason);
    fields.push(asPrefilled ? 'prefilled' : 'typed');
  }
  // 民主评议: every member comes graded 合格; only another grade, or a note, is typed.
  for (const g of entered.grades)
    fields.push(g.grade === 'qualified' && !filled(g.note) ? 'prefilled' : 'typed');
  if (source !== 'entry') {
    out.imported = fields.length;
    return out;
  }
  for (const f of fields) out[f]++;
  return out;
}

/** Share of fields not typed by a person, 0–1 (1 when nothing was entered at all). */
export function untypedShare(c: FieldCounts): number {
  const all = c.typed + c.prefilled + c.reused + c.imported;
  return all === 0 ? 1 : (all - c.typed) / all;
}
