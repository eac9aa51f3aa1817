import { describe, expect, it } from 'vitest';
import { type ChainRecord, canonicalJson, chainHash, GENESIS_HASH, verifyChain } from './audit.chain.ts';

function chain(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorUserId: null,
      actorUsername: 'u',
      ip: '127.0.0.1',
      action: `a.${i}`,
      entityType: null,
      entityId: null,
      before: null,
      after: { b: i, a: [1, { y: 2, x: 1 }] },
      details: null,
    };
    const hash = chainHash(prev, content);
    out.push({ ...content, seq: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('serialises objects with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, checked: 5, firstBrokenSeq: null });
  });

  it('names an edited record', () => {
    const c = chain(5);
    (c[2] as ChainRecord).after = { b: 99 };
    expect(verifyChain(c)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'content' });
  });

  it('names the record after a deleted one', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'link' });
  });

  it('does not depend on the key order of stored JSON', () => {
    const c = chain(2);
    (c[0] as ChainRecord).after = { a: [1, { x: 1, y: 2 }], b: 1 };
    expect(verifyChain(c).ok).toBe(true);
  });
});
