// The product patches private methods of exceljs 4.4.0 (utf8-stream.ts) and reads one private field of its
// worksheet reader (row-stream.ts). When an upgrade removes one, it must stop with a clear message, not go on reading
// garbled names or leaking temporary files.
import { describe, expect, it } from 'vitest';
import { ExcelJsPatchError } from './errors.ts';
import { worksheetHandle } from './row-stream.ts';
import { patchWorkbookReader } from './utf8-stream.ts';

const fn = () => undefined;
const fullPrototype = () => ({
  _parseRels: fn,
  _parseWorkbook: fn,
  _parseSharedStrings: fn,
  _parseStyles: fn,
  _parseWorksheet: fn,
});

describe('exceljs patches fail loudly', () => {
  it('patches a reader that has every method it expects', () => {
    const proto: Record<string, unknown> = fullPrototype();
    patchWorkbookReader(proto);
    expect(proto._parseSharedStrings).not.toBe(fn);
    expect(proto._parseWorksheet).not.toBe(fn);
  });

  for (const name of Object.keys(fullPrototype())) {
    it(`throws, naming the method and the pinned version, when ${name} is missing`, () => {
      const proto: Record<string, unknown> = fullPrototype();
      delete proto[name];
      expect(() => patchWorkbookReader(proto)).toThrow(ExcelJsPatchError);
      expect(() => patchWorkbookReader(proto)).toThrow(new RegExp(`${name}.*4\\.4\\.0`));
      // Nothing was patched half-way.
      expect(Object.values(proto).every((v) => v === fn)).toBe(true);
    });
  }

  it('throws when a worksheet reader no longer has the iterator field it relies on', () => {
    expect(() => worksheetHandle({ name: '名册' })).toThrow(ExcelJsPatchError);
    expect(() => worksheetHandle({ name: '名册' })).toThrow(/iterator.*4\.4\.0/);
    const ok = { name: '名册', iterator: [] };
    expect(worksheetHandle(ok)).toBe(ok);
  });
});
