import { describe, expect, it } from 'vitest';
import { createReportStore, storeReport, takeReport } from './report-store.ts';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('report store', () => {
  it('gives the report back to its owner only, under a url-safe token', () => {
    const store = createReportStore();
    const buf = Buffer.from('report');
    const token = store.store('user-1', buf, '错误报告.xlsx');
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(store.take('user-2', token)).toBeNull();
    expect(store.take('user-1', 'unknown')).toBeNull();
    expect(store.take('user-1', token)).toEqual({ buf, filename: '错误报告.xlsx' });
    expect(store.take('user-1', token)).not.toBeNull(); // a repeated download still works
    expect(store.store('user-1', buf, 'x.xlsx')).not.toBe(token);
  });

  it('expires reports after 30 minutes without any timer', () => {
    const c = clock();
    const store = createReportStore({ now: c.now });
    const token = store.store('u', Buffer.from('a'), 'a.xlsx');
    c.advance(29 * 60_000);
    expect(store.take('u', token)).not.toBeNull();
    c.advance(60_001);
    expect(store.take('u', token)).toBeNull();
    expect(store.size()).toBe(0);
  });

  it('keeps at most 200 reports, evicting the oldest', () => {
    const store = createReportStore();
    const tokens = Array.from({ length: 205 }, (_, i) =>
      store.store('u', Buffer.from(String(i)), `${i}.xlsx`),
    );
    expect(store.size()).toBe(200);
    expect(tokens.slice(0, 5).map((t) => store.take('u', t))).toEqual([null, null, null, null, null]);
    expect(store.take('u', tokens[5] ?? '')?.filename).toBe('5.xlsx');
    expect(store.take('u', tokens[204] ?? '')?.filename).toBe('204.xlsx');
  });

  it('bounds the bytes held, but always keeps the newest report', () => {
    const store = createReportStore({ maxBytes: 100 });
    const a = store.store('u', Buffer.alloc(60), 'a');
    const b = store.store('u', Buffer.alloc(60), 'b');
    expect(store.take('u', a)).toBeNull();
    expect(store.take('u', b)?.filename).toBe('b');
    const huge = store.store('u', Buffer.alloc(500), 'huge');
    expect(store.take('u', huge)?.filename).toBe('huge');
    expect(store.size()).toBe(1);
  });

  it('has a shared default store', () => {
    const token = storeReport('owner', Buffer.from('x'), 'r.xlsx');
    expect(takeReport('owner', token)?.filename).toBe('r.xlsx');
    expect(takeReport('someone-else', token)).toBeNull();
  });
});
