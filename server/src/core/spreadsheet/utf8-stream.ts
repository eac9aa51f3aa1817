// A fix of exceljs 4.4.0 (pinned exactly in package.json), applied once when read.ts loads (every streaming read in
// the product goes through read.ts); a missing internal stops the start with ExcelJsPatchError.
//
// exceljs 4.4's streaming WorkbookReader decodes every chunk of XML on its own (utils/parse-sax.js calls
// TextDecoder.decode(chunk) without {stream: true}), so a Chinese character whose UTF-8 bytes straddle two chunks
// turns into U+FFFD: a roster of a few hundred rows comes back with garbled names. Making the streams hand over
// already-decoded text fixes it, because parse-sax passes strings through untouched: zip entries and temp-file
// streams get setEncoding('utf8') (a StringDecoder keeps split characters together); sheets handed over as plain
// async iterators are decoded with a streaming TextDecoder.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExcelJsPatchError } from './errors.ts';

type Entry = { setEncoding?: (encoding: BufferEncoding) => unknown };
type ReaderPrototype = Record<string, unknown> & { [PATCHED]?: true };

const PATCHED = Symbol.for('ronghe.exceljs.utf8-stream');
const ENTRY_PARSERS = ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles'] as const;

async function* decoded(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Patches a WorkbookReader prototype; idempotent. Every method is checked before any is replaced, so that a missing
 * one stops the process with ExcelJsPatchError and never leaves a half-patched reader.
 */
export function patchWorkbookReader(proto: ReaderPrototype): void {
  if (proto[PATCHED]) return;
  for (const name of [...ENTRY_PARSERS, '_parseWorksheet']) {
    if (typeof proto[name] !== 'function') throw new ExcelJsPatchError(`WorkbookReader.prototype.${name}`);
  }
  for (const name of ENTRY_PARSERS) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: unknown, entry: Entry, ...rest: unknown[]) {
      entry?.setEncoding?.('utf8');
      return original.call(this, entry, ...rest);
    };
  }
  const parseWorksheet = proto._parseWorksheet as (...args: unknown[]) => unknown;
  proto._parseWorksheet = function (this: unknown, iterator: AsyncIterable<unknown>, ...rest: unknown[]) {
    // A Readable stays a Readable (the toolkit destroys skipped temp-file streams); iterators are wrapped.
    if (iterator instanceof Readable) {
      iterator.setEncoding('utf8');
      return parseWorksheet.call(this, iterator, ...rest);
    }
    return parseWorksheet.call(this, decoded(iterator), ...rest);
  };
  proto[PATCHED] = true;
}

/** Patches exceljs's WorkbookReader once per process (read.ts calls it when it loads, i.e. at start-up). */
export function ensureUtf8SafeWorkbookReader(): void {
  patchWorkbookReader(ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderPrototype);
}
