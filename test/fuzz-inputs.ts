import fc from 'fast-check';
import type { z } from 'zod';
import { IdSchema, IsoDateSchema } from '#contracts/common';
import { idNumberCheckChar } from '#contracts/id-number';
import { NewPasswordSchema } from '#contracts/identity';
import { IdNumberSchema } from '#contracts/member';

// Requests derived from the routes' own zod schemas, for the fuzz test: a walker turns a schema into a fast-check
// arbitrary of values the schema accepts, and mutations then break one field at a time. Values that only the test
// world knows (real ids, a record's current version, the current password) are drawn as a Ref and resolved when the
// request is sent, so a seed replays the same choices.

/** A value looked up when the request is sent: the `pick`-th entry of a pool of the test world (or of `fallback`). */
export class Ref {
  constructor(
    readonly pool: string,
    readonly pick: number,
    readonly fallback?: string,
  ) {}
  toJSON(): string {
    return `<${this.pool}#${this.pick}>`;
  }
}

type Check = {
  _zod: {
    def: {
      check: string;
      minimum?: number;
      maximum?: number;
      value?: number;
      inclusive?: boolean;
      format?: string;
      pattern?: RegExp;
    };
  };
};
type Def = {
  type: string;
  checks?: Check[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  coerce?: boolean;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (schema: z.ZodType) => (defOf(schema).checks ?? []).map((c) => c._zod.def);

/**
 * A reference into a pool of the world, or into a pool of likelier targets (where the business rules let the request
 * through, falling back to the first pool when empty) drawn as often, or now and then an id that exists nowhere.
 */
export const refArb = ([pool, likely]: [string, string?]) =>
  fc.oneof(
    { arbitrary: fc.nat().map((n) => new Ref(pool, n)), weight: 3 },
    ...(likely ? [{ arbitrary: fc.nat().map((n) => new Ref(likely, n, pool)), weight: 3 }] : []),
    { arbitrary: fc.uuid(), weight: 1 },
  );

/** Decides values the schema alone cannot: which pool an id comes from, what a version or a password is. */
export type Hint = (key: string, schema: z.ZodType) => fc.Arbitrary<unknown> | undefined;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const dateArb = fc
  .record({
    y: fc.integer({ min: 1950, max: 2025 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);

export const dateBetween = (from: number, to: number) =>
  fc
    .record({
      y: fc.integer({ min: from, max: to }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
/** Mostly a plausible date for the field (after the world's birth and founding dates), sometimes any date. */
export const plausible = (from: number, to: number) =>
  fc.oneof({ arbitrary: dateBetween(from, to), weight: 3 }, { arbitrary: dateArb, weight: 1 });

export const idNumberArb = fc
  .record({
    region: fc.constantFrom('110101', '330203', '440305', '650102', '540102'),
    y: fc.integer({ min: 1950, max: 2004 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, y, m, d, seq }) => {
    const first17 = `${region}${y}${pad(m)}${pad(d)}${pad(seq, 3)}`;
    return `${first17}${idNumberCheckChar(first17)}`;
  });

export const passwordArb = fc
  .string({
    unit: fc.constantFrom(...'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'),
    minLength: 8,
    maxLength: 20,
  })
  .map((s) => `Fz${s}9!`);

// Text people type, all of it valid: Chinese, full-width letters and digits, Chinese punctuation, right-to-left
// scripts (Uyghur, Arabic, Hebrew), combining accents and emoji (surrogate pairs, which are not lone surrogates).
const TEXT_UNITS = [
  ...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢',
  ...'建华明国军伟芳娜敏静丽强磊洋艳勇杰娟涛超秀霞平刚桂英',
  ...'abcxyzABCXYZ0189',
  'Ａ',
  '１',
  '（',
  '）',
  '·',
  '、',
  'ئ',
  'ۇ',
  'ي',
  'م',
  'ر',
  'ש',
  'ל',
  'é',
  'e\u0301',
  '👍',
  '𠮷',
];

function textArb(min: number, max: number): fc.Arbitrary<string> {
  const lo = Math.max(min, 0);
  return fc
    .array(fc.constantFrom(...TEXT_UNITS), {
      minLength: Math.max(lo, 1),
      maxLength: Math.max(lo, Math.min(max, 12)),
    })
    .map((units) => {
      const out = [...units];
      while (out.join('').length > max && out.length > 0) out.pop();
      return out.join('');
    })
    .filter((s) => s.length >= lo);
}

function numberArb(schema: z.ZodType): fc.Arbitrary<number> {
  const checks = checksOf(schema);
  // A multiple of a step (weights: two decimals) is drawn as a count of steps: a random double almost never is one.
  const step = checks.find((c) => c.check === 'multiple_of')?.value;
  let min = 0;
  let max = 1000;
  let int = false;
  for (const c of checks) {
    if (c.check === 'greater_than' && typeof c.value === 'number')
      min = c.inclusive ? c.value : c.value + (step ?? 1);
    if (c.check === 'less_than' && typeof c.value === 'number')
      max = c.inclusive ? c.value : c.value - (step ?? 1);
    if (c.check === 'number_format') int = true;
  }
  max = Math.min(max, min + 1000);
  if (step)
    return fc
      .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
      .map((n) => Number((n * step).toPrecision(12)));
  return int ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
}

function stringArb(schema: z.ZodType): fc.Arbitrary<string> {
  let min = 0;
  let max = 64;
  let pattern: RegExp | undefined;
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = c.minimum;
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = c.maximum;
    if (c.check === 'string_format' && c.pattern) pattern = c.pattern;
  }
  if (pattern) {
    const p = pattern;
    return fc
      .stringMatching(p)
      .filter((s) => s.length >= min && s.length <= max && s.trim() === s && p.test(s));
  }
  return textArb(min, max);
}

/** What a schema node stands for once the wrappers (optional, nullable, default, transform) are taken off. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if (
      (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault') &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

export const isDateField = (schema: z.ZodType | undefined) => !!schema && unwrap(schema) === IsoDateSchema;

/** The schema of the field at `key` of an object schema (or of an array's elements for a numeric key). */
export function fieldSchema(schema: z.ZodType | undefined, key: string | number): z.ZodType | undefined {
  if (!schema) return undefined;
  const d = defOf(unwrap(schema));
  if (d.type === 'object') return d.shape?.[String(key)];
  if (d.type === 'array') return d.element;
  return undefined;
}

/** The fewest elements an array schema accepts. */
export function minItems(schema: z.ZodType | undefined): number {
  if (!schema) return 0;
  const check = checksOf(unwrap(schema)).find((c) => c.check === 'min_length');
  return typeof check?.minimum === 'number' ? check.minimum : 0;
}

export function shapeKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  return Object.keys(defOf(unwrap(schema)).shape ?? {});
}

/** Values the schema accepts (object-level refinements aside), with `hint` deciding the world's values. */
export function arbitraryOf(schema: z.ZodType, hint: Hint, key = ''): fc.Arbitrary<unknown> {
  const hinted = hint(key, schema);
  if (hinted) return hinted;
  if (schema === IsoDateSchema) return dateArb;
  if (schema === IdNumberSchema) return idNumberArb;
  if (schema === NewPasswordSchema) return passwordArb;
  if (schema === IdSchema) return fc.uuid();
  const d = defOf(schema);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return arbitraryOf(d.innerType as z.ZodType, hint, key);
    case 'nullable':
      return fc.oneof(
        { arbitrary: arbitraryOf(d.innerType as z.ZodType, hint, key), weight: 4 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    case 'pipe':
      return arbitraryOf(d.in as z.ZodType, hint, key);
    case 'string':
      return stringArb(schema);
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(d.values ?? []));
    case 'union':
      return fc.oneof(...(d.options ?? []).map((o) => arbitraryOf(o, hint, key)));
    case 'array': {
      let max = 3;
      let min = 0;
      for (const c of checksOf(schema)) {
        if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
        if (c.check === 'min_length' && typeof c.minimum === 'number') min = c.minimum;
      }
      return fc.array(arbitraryOf(d.element as z.ZodType, hint, key), {
        minLength: min,
        maxLength: Math.max(min, max),
      });
    }
    case 'object': {
      const shape = d.shape ?? {};
      const required = Object.keys(shape).filter((k) => {
        const t = defOf(shape[k] as z.ZodType).type;
        return t !== 'optional' && t !== 'default' && t !== 'prefault';
      });
      const fields = Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, arbitraryOf(v, hint, k)] as const),
      );
      return fc.record(fields, { requiredKeys: required });
    }
    default:
      return fc.constant(undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations: one field at a time.

/** Characters no text field may hold: the server must answer 400 naming the field, whatever the field. */
export const FORBIDDEN = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
];
/** Dates that are not calendar days the product keeps. */
export const BAD_DATES = [
  '0000-01-01',
  '0000-00-00',
  '2019-02-29',
  '2020-02-30',
  '2020-13-01',
  '2020-04-31',
  '1899-12-31',
  '2100-01-01',
  '9999-12-31',
  '-001-01-01',
  '20200101',
  '2020-1-1',
  '2020-01-01T00:00:00Z',
];
const HOSTILE_TEXT = [
  '',
  ' ',
  '\u3000',
  '\t',
  '\n',
  '０１２３４５６７８９',
  'ＡＢＣ（全角）',
  'ئۇيغۇرچە',
  'مرحبا بالعالم',
  'שלום',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\ufeff',
  '\ufffd',
  '\uffff',
  'e\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦',
  '𠮷野家',
  'x'.repeat(300),
  '中'.repeat(201),
  "' or 1=1 --",
  '"; drop table member; --',
  '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1',
  '../../etc/passwd',
  '%00',
  '\\u0000',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  ...BAD_DATES,
];
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_TEXT), weight: 6 },
  {
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 12,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 53, 1e308, -0, true, false, null, [], {}, [null], {
      a: 1,
    }),
    weight: 3,
  },
);

export type Part = 'body' | 'querystring' | 'params';
export type Mutation =
  | { kind: 'none' }
  /** A forbidden character inserted into (or, for a non-text value, in place of) one field: expect 400. */
  | { kind: 'forbidden'; at: number; pos: number; char: string }
  /** An impossible date in a date field: expect 400. */
  | { kind: 'bad_date'; at: number; value: string }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; part: number; key: string; value: unknown }
  | { kind: 'whole_body'; value: unknown };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  // Four in ten requests are sent as generated: the controls that must succeed or meet a business rule.
  { arbitrary: fc.constant<Mutation>({ kind: 'none' }), weight: 10 },
  {
    arbitrary: fc.record({
      kind: fc.constant('forbidden' as const),
      at: fc.nat(),
      pos: fc.nat(),
      char: fc.constantFrom(...FORBIDDEN),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('bad_date' as const),
      at: fc.nat(),
      value: fc.constantFrom(...BAD_DATES),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: hostileValue,
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      part: fc.nat(),
      key: fc.constantFrom('x', 'id', 'isAdmin', 'constructor', 'versions', '姓名'),
      value: hostileValue,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('whole_body' as const),
      value: fc.constantFrom<unknown>(null, [], 'x', 0, true, [{}]),
    }),
    weight: 1,
  },
);
