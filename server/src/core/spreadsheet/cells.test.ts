import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isEmptyCell,
  isPrecisionLost,
  matchLabel,
  normalizeText,
  parseBooleanCell,
  parseDateCell,
  parseIntegerCell,
  parseListCell,
} from './cells.ts';

describe('normalizeText', () => {
  it('reads every kind of exceljs value', () => {
    expect(normalizeText('  张三 ')).toBe('张三');
    expect(normalizeText(12)).toBe('12');
    expect(normalizeText(12.0)).toBe('12');
    expect(normalizeText(3.25)).toBe('3.25');
    expect(normalizeText(true)).toBe('TRUE');
    expect(normalizeText(new Date(Date.UTC(2019, 6, 1)))).toBe('2019-07-01');
    expect(normalizeText(new Date(Date.UTC(2019, 6, 1, 8, 30)))).toBe('2019-07-01 08:30:00');
    expect(normalizeText({ richText: [{ text: '机关' }, { text: '党委 ', font: { bold: true } }] })).toBe(
      '机关党委',
    );
    expect(normalizeText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(normalizeText({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' })).toBe('ab');
    expect(normalizeText({ formula: 'A1&B1', result: ' 0012 ' })).toBe('0012');
    expect(normalizeText({ sharedFormula: 'A1', result: 7 })).toBe('7');
  });

  it('gives null for empty and unusable values', () => {
    for (const v of [
      null,
      undefined,
      '',
      '   ',
      '\u3000\u00a0\t\n',
      '\u200b',
      { error: '#N/A' },
      { sharedString: 3 },
    ]) {
      expect(normalizeText(v)).toBeNull();
    }
    expect(normalizeText(Number.NaN)).toBeNull();
    expect(normalizeText(new Date('nope'))).toBeNull();
    expect(normalizeText({ formula: '1/0', result: { error: '#DIV/0!' } })).toBeNull();
    expect(isEmptyCell('\u3000')).toBe(true);
    expect(isEmptyCell(0)).toBe(false);
  });

  it('converts full-width ASCII to half-width', () => {
    expect(normalizeText('３３０２０３１９９００１０１１００Ｘ')).toBe('33020319900101100X');
    expect(normalizeText('ＡＢＣａｂｃ（１）－＿．，：')).toBe('ABCabc(1)-_.,:');
    expect(normalizeText('中共某某委员会（机关党委）', { keepFullWidthPunctuation: true })).toBe(
      '中共某某委员会（机关党委）',
    );
    expect(normalizeText('ＡＢ１（２）', { keepFullWidthPunctuation: true })).toBe('AB1（2）');
  });

  it('strips edge whitespace of every kind, removes invisible characters and collapses inner runs', () => {
    expect(normalizeText('\u3000\u00a0\t 张\u200b三 \r\n')).toBe('张三');
    expect(normalizeText('\ufeff0012')).toBe('0012');
    expect(normalizeText('第一  党\u3000\u3000支部\n\n二组')).toBe('第一 党 支部 二组');
  });

  it('keeps whole numbers exact and refuses to invent digits for big ones', () => {
    expect(normalizeText(330203)).toBe('330203');
    expect(normalizeText(1234567890123456)).toBe('1234567890123456'); // ≥ 1e15 but exact
    const mangledId = 3.30203199001011e17; // an 18-digit ID typed into a number cell
    expect(normalizeText(mangledId)).toBe('3.30203199001011e+17');
    expect(isPrecisionLost(mangledId)).toBe(true);
    expect(isPrecisionLost(1234567890123456)).toBe(false);
    expect(isPrecisionLost('330203199001011000')).toBe(false);
  });

  it('is idempotent', () => {
    const chars = fc.constantFrom(
      'a',
      'Z',
      '0',
      '张',
      ' ',
      '\u3000',
      '\u00a0',
      '\t',
      '\n',
      '\u200b',
      '\u200d',
      '\ufeff',
      '０',
      'Ａ',
      '（',
      '，',
      '＊',
      '*',
      '.',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: chars }), fc.string({ unit: 'binary' })), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        if (once !== null) expect(once).toBe(once.trim());
      }),
      // Fewer runs under mutation testing (test/mutation/vitest.unit.config.ts), where each run is instrumented.
      { numRuns: Number(process.env.CELLS_PROPERTY_RUNS ?? 1000) },
    );
  });
});

describe('parseDateCell', () => {
  const good = (value: unknown) => {
    const r = parseDateCell(value);
    if (!r.ok) throw new Error(`expected ${String(value)} to parse, got ${r.reason}`);
    return r.value;
  };
  const reason = (value: unknown) => {
    const r = parseDateCell(value);
    if (r.ok) throw new Error(`expected ${String(value)} to fail, got ${r.value}`);
    return r.reason;
  };

  it('reads Date values by their UTC parts', () => {
    expect(good(new Date(Date.UTC(2019, 6, 1)))).toBe('2019-07-01');
    expect(good(new Date(Date.UTC(2019, 6, 1, 23, 59, 59)))).toBe('2019-07-01');
    expect(good({ formula: 'DATE(2019,7,1)', result: new Date(Date.UTC(2019, 6, 1)) })).toBe('2019-07-01');
  });

  it('reads Excel serial numbers in the 1900 system, including its leap-year bug', () => {
    expect(good(43647)).toBe('2019-07-01');
    expect(good(43647.75)).toBe('2019-07-01');
    expect(good(1)).toBe('1900-01-01');
    expect(good(59)).toBe('1900-02-28');
    expect(reason(60)).toBe('日期无效：1900-02-29');
    expect(good(61)).toBe('1900-03-01');
    expect(good(2958465)).toBe('9999-12-31');
  });

  it('reads numbers people type into date columns', () => {
    expect(good(20190701)).toBe('2019-07-01');
    expect(good(2019.07)).toBe('2019-07-01');
    expect(good(2019.12)).toBe('2019-12-01');
    expect(reason(2019.1)).toContain('歧义');
    expect(reason(2019)).toContain('年份');
    expect(reason(20190230)).toBe('日期无效：2019-02-30');
  });

  it('reads the accepted text styles', () => {
    for (const text of [
      '2019-07-01',
      '2019-7-1',
      '2019/07/01',
      '2019/7/1',
      '2019.07.01',
      '2019.7.1',
      '2019年7月1日',
      '2019年07月01日',
      '2019年7月1号',
      '20190701',
      ' ２０１９－０７－０１ ',
      '２０１９年７月１日',
      '2019 年 7 月 1 日',
      '\u30002019.07.01\u3000',
      '2019-07-01 00:00:00',
      '2019-07-01T00:00:00.000Z',
      { richText: [{ text: '2019年' }, { text: '7月1日' }] },
    ]) {
      expect(good(text)).toBe('2019-07-01');
    }
    expect(good('2019年7月')).toBe('2019-07-01');
    expect(good('2019-07')).toBe('2019-07-01');
    expect(good('2019.07')).toBe('2019-07-01');
    expect(good('2020-2-29')).toBe('2020-02-29');
  });

  it('refuses impossible dates and unknown formats with Chinese reasons', () => {
    expect(reason('2019-02-30')).toBe('日期无效：2019-02-30');
    expect(reason('2019-2-29')).toBe('日期无效：2019-02-29');
    expect(reason('2019-13-01')).toBe('日期无效：2019-13-01');
    expect(reason('2019年13月')).toBe('日期无效：2019-13');
    const hint = '无法识别的日期格式，请使用 2019-07-01 或 2019年7月1日';
    for (const text of ['7/1/2019', '19-7-1', '2019-07/01', '昨天', '2019', 'abc', '2019-07-01-02']) {
      expect(reason(text)).toBe(hint);
    }
    expect(reason(null)).toBe('未填写日期');
    expect(reason('  ')).toBe('未填写日期');
    expect(reason(new Date('x'))).toBe(hint);
    expect(reason(-5)).toBe(hint);
  });

  it('parses any valid date back to itself in every accepted style', () => {
    const fullWidth = (s: string) =>
      s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1900, 2, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (date, wide) => {
          const y = date.getUTCFullYear();
          const m = date.getUTCMonth() + 1;
          const d = date.getUTCDate();
          const p = (n: number) => String(n).padStart(2, '0');
          const iso = `${y}-${p(m)}-${p(d)}`;
          const day = new Date(Date.UTC(y, m - 1, d));
          const serial = Math.round(day.getTime() / 86_400_000) + 25_569;
          const styles = [
            iso,
            `${y}-${m}-${d}`,
            `${y}/${p(m)}/${p(d)}`,
            `${y}.${p(m)}.${p(d)}`,
            `${y}.${m}.${d}`,
            `${y}年${m}月${d}日`,
            `${y}年${p(m)}月${p(d)}日`,
            `${y}${p(m)}${p(d)}`,
            ` ${y} 年 ${m} 月 ${d} 日\u3000`,
          ].map((s) => (wide ? fullWidth(s) : s));
          for (const s of styles) expect(good(s)).toBe(iso);
          expect(good(day)).toBe(iso);
          // Serials 1900–2100 (days in 1905) read as a year typed alone, which a person types far more often than
          // a date in 1905: that window is refused with the year-only hint (see dateFromNumber).
          if (serial < 1900 || serial > 2100) expect(good(serial)).toBe(iso);
          else expect(reason(serial)).toBe('只填写了年份，请填写完整日期，如 2019-07-01');
          expect(good(`${y}年${m}月`)).toBe(`${y}-${p(m)}-01`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseBooleanCell', () => {
  it('reads the usual yes/no spellings', () => {
    for (const v of ['是', 'Y', 'y', 'YES', 'true', 'TRUE', '1', 1, true, '√', '✓', ' 是 ']) {
      expect(parseBooleanCell(v)).toEqual({ ok: true, value: true });
    }
    for (const v of ['否', 'N', 'no', 'False', '0', 0, false, '×', '不是']) {
      expect(parseBooleanCell(v)).toEqual({ ok: true, value: false });
    }
    expect(parseBooleanCell('也许').ok).toBe(false);
    expect(parseBooleanCell(2).ok).toBe(false);
    expect(parseBooleanCell(null)).toEqual({ ok: false, reason: '未填写' });
  });
});

describe('parseIntegerCell', () => {
  it('reads whole numbers from numbers and text', () => {
    expect(parseIntegerCell(12)).toEqual({ ok: true, value: 12 });
    expect(parseIntegerCell('１２')).toEqual({ ok: true, value: 12 });
    expect(parseIntegerCell(' 1,200 ')).toEqual({ ok: true, value: 1200 });
    expect(parseIntegerCell('12.0')).toEqual({ ok: true, value: 12 });
    expect(parseIntegerCell('-3')).toEqual({ ok: true, value: -3 });
    expect(parseIntegerCell({ formula: 'A1+1', result: 4 })).toEqual({ ok: true, value: 4 });
  });

  it('refuses anything else', () => {
    for (const v of [1.5, '1.5', '12人', '1,20', 'abc', true, '99999999999999999999']) {
      expect(parseIntegerCell(v).ok).toBe(false);
    }
    expect(parseIntegerCell('')).toEqual({ ok: false, reason: '未填写' });
  });

  it('checks bounds', () => {
    expect(parseIntegerCell(5, { min: 0, max: 3 })).toEqual({ ok: false, reason: '应在 0 到 3 之间' });
    expect(parseIntegerCell(-1, { min: 0 })).toEqual({ ok: false, reason: '不能小于 0' });
    expect(parseIntegerCell(0, { min: 0 })).toEqual({ ok: true, value: 0 });
  });
});

describe('parseListCell', () => {
  it('splits on every common separator and drops empty parts', () => {
    expect(parseListCell('A01，A02、A03;A04；A05 A06\nA07,,  ,A08')).toEqual([
      'A01',
      'A02',
      'A03',
      'A04',
      'A05',
      'A06',
      'A07',
      'A08',
    ]);
    expect(parseListCell(' ０１ ')).toEqual(['01']);
    expect(parseListCell(null)).toEqual([]);
    expect(parseListCell('、，')).toEqual([]);
  });
});

describe('matchLabel', () => {
  const labels = {
    general_branch: { zh: '党总支', en: 'General branch' },
    branch: { zh: '党支部', en: 'Branch' },
  } as const;

  it('maps Chinese, English and identifiers back to the key, ignoring case and spaces', () => {
    expect(matchLabel('党总支', labels)).toBe('general_branch');
    expect(matchLabel(' 党 支部 ', labels)).toBe('branch');
    expect(matchLabel('GENERAL BRANCH', labels)).toBe('general_branch');
    expect(matchLabel('general-branch', labels)).toBe('general_branch');
    expect(matchLabel('branch', labels)).toBe('branch');
    expect(matchLabel('Ｂｒａｎｃｈ', labels)).toBe('branch');
  });

  it('uses aliases and gives null when nothing matches', () => {
    expect(matchLabel('总支', labels, { 总支: 'general_branch' })).toBe('general_branch');
    expect(matchLabel('党小组', labels)).toBeNull();
    expect(matchLabel('', labels)).toBeNull();
  });
});

// Cases found by mutation testing (npm run mutate:unit): each pins a branch that no test above decided.
describe('cells, edge by edge', () => {
  it('writes fractions, booleans, bigints and times as text', () => {
    expect(normalizeText(1.5)).toBe('1.5');
    expect(normalizeText(true)).toBe('TRUE');
    expect(normalizeText(false)).toBe('FALSE');
    expect(normalizeText(12n)).toBe('12');
    expect(normalizeText(new Date(Date.UTC(2019, 6, 1, 0, 0, 30)))).toBe('2019-07-01 00:00:30');
    expect(normalizeText(new Date(Date.UTC(2019, 6, 1, 0, 5, 0)))).toBe('2019-07-01 00:05:00');
    expect(normalizeText(new Date(Date.UTC(2019, 6, 1, 10, 0, 0)))).toBe('2019-07-01 10:00:00');
    expect(isPrecisionLost(1.5)).toBe(false);
    expect(isPrecisionLost(12)).toBe(false);
    expect(isPrecisionLost(2 ** 53 + 2)).toBe(true);
  });

  it('reads rich text part by part and falls back to the text of other objects', () => {
    expect(
      normalizeText({
        richText: [null, 'loose', { text: 'a' }, { text: null }, { font: {} }, { text: 'b' }],
      }),
    ).toBe('ab');
    expect(normalizeText({ richText: 'not a list', text: 'plain' })).toBe('plain');
  });

  it('refuses day or month zero, and reads the extremes of typed yyyymmdd numbers', () => {
    expect(parseDateCell('2019-00-10')).toEqual({ ok: false, reason: '日期无效：2019-00-10' });
    expect(parseDateCell('2019-01-00')).toEqual({ ok: false, reason: '日期无效：2019-01-00' });
    expect(parseDateCell('2019-13-01')).toEqual({ ok: false, reason: '日期无效：2019-13-01' });
    expect(parseDateCell('2019年0月')).toEqual({ ok: false, reason: '日期无效：2019-00' });
    expect(parseDateCell('2019年13月')).toEqual({ ok: false, reason: '日期无效：2019-13' });
    expect(parseDateCell(10_000_101)).toEqual({ ok: true, value: '1000-01-01' });
    expect(parseDateCell(99_991_231)).toEqual({ ok: true, value: '9999-12-31' });
    expect(parseDateCell(20_190_701.5).ok).toBe(false);
    expect(parseDateCell(1900)).toEqual({ ok: false, reason: '只填写了年份，请填写完整日期，如 2019-07-01' });
    expect(parseDateCell(2100)).toEqual({ ok: false, reason: '只填写了年份，请填写完整日期，如 2019-07-01' });
    expect(parseDateCell(2_958_465)).toEqual({ ok: true, value: '9999-12-31' });
    // A time of day on the last day is still that day; the next whole day would be the year 10000.
    expect(parseDateCell(2_958_465.75)).toEqual({ ok: true, value: '9999-12-31' });
    expect(parseDateCell(2_958_466).ok).toBe(false);
    expect(parseDateCell(2_958_467).ok).toBe(false);
  });

  it('reads yes and no with inner spaces, and names the accepted words', () => {
    expect(parseBooleanCell('不 是')).toEqual({ ok: true, value: false });
    expect(parseBooleanCell('也许')).toEqual({ ok: false, reason: '无法识别的是/否值，请填写“是”或“否”' });
  });

  it('names each bound that is broken, and accepts the bounds themselves', () => {
    const both = { min: 1, max: 10 };
    expect(parseIntegerCell(0, both)).toEqual({ ok: false, reason: '应在 1 到 10 之间' });
    expect(parseIntegerCell(11, both)).toEqual({ ok: false, reason: '应在 1 到 10 之间' });
    expect(parseIntegerCell(1, both)).toEqual({ ok: true, value: 1 });
    expect(parseIntegerCell(10, both)).toEqual({ ok: true, value: 10 });
    expect(parseIntegerCell(0, { min: 1 })).toEqual({ ok: false, reason: '不能小于 1' });
    expect(parseIntegerCell(1, { min: 1 })).toEqual({ ok: true, value: 1 });
    expect(parseIntegerCell(11, { max: 10 })).toEqual({ ok: false, reason: '不能大于 10' });
    expect(parseIntegerCell(10, { max: 10 })).toEqual({ ok: true, value: 10 });
    expect(parseIntegerCell(-5)).toEqual({ ok: true, value: -5 });
  });

  it('reads thousands separators and trailing zeros exactly, and says why it refuses', () => {
    expect(parseIntegerCell('+1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseIntegerCell('12,345')).toEqual({ ok: true, value: 12_345 });
    expect(parseIntegerCell('1,234,567')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseIntegerCell('12.00')).toEqual({ ok: true, value: 12 });
    expect(parseIntegerCell('1 2')).toEqual({ ok: true, value: 12 });
    for (const bad of ['1234,567', '12,00', '1.05', 'abc', 'a12', '12a', true, 1.5]) {
      expect(parseIntegerCell(bad), String(bad)).toEqual({ ok: false, reason: '请填写整数' });
    }
    expect(parseIntegerCell('99999999999999999999')).toEqual({ ok: false, reason: '数值过大' });
  });

  it('matches identifiers, Chinese and English labels each on their own, and aliases only when they match', () => {
    const labels = { gb: { zh: '党总支', en: 'General branch' } } as const;
    expect(matchLabel('gb', labels)).toBe('gb');
    expect(matchLabel('党总支', labels)).toBe('gb');
    expect(matchLabel('general branch', labels)).toBe('gb');
    expect(matchLabel('支部', labels, { 总支: 'gb' })).toBeNull();
  });

  it('writes a fraction above 1e15 in plain digits: only whole numbers that lost digits take exponent form', () => {
    expect(normalizeText(1e15 + 0.5)).toBe('1000000000000000.5');
    expect(isPrecisionLost(1e15 + 0.5)).toBe(false);
  });

  it('gives null, without throwing, for a value no cell can hold', () => {
    expect(normalizeText(Symbol('cell'))).toBeNull();
    expect(isEmptyCell(Symbol('cell'))).toBe(true);
  });

  it('refuses a number of nine digits or more in a date column: it is neither yyyymmdd nor a serial', () => {
    const hint = '无法识别的日期格式，请使用 2019-07-01 或 2019年7月1日';
    expect(parseDateCell(100_000_101)).toEqual({ ok: false, reason: hint });
    expect(parseDateCell(201_907_010)).toEqual({ ok: false, reason: hint });
  });

  it('refuses a number cell that holds no finite number as not an integer, not as empty', () => {
    expect(parseIntegerCell(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: '请填写整数' });
    expect(parseIntegerCell(Number.NaN)).toEqual({ ok: false, reason: '请填写整数' });
  });

  it('refuses thousands separators that do not group every run of digits by three', () => {
    for (const bad of ['1,2345', '1,234,56', '12,345,6789']) {
      expect(parseIntegerCell(bad), bad).toEqual({ ok: false, reason: '请填写整数' });
    }
  });

  it('matches no label for an empty cell, even a label left blank', () => {
    const labels = { unnamed: { zh: '', en: '' } } as const;
    expect(matchLabel(null, labels)).toBeNull();
    expect(matchLabel('\u3000 ', labels)).toBeNull();
  });
});
