import { describe, expect, it } from 'vitest';
import { ResponseStore } from './bodies';

const body = (n: number, fill = 1) => ({ data: Buffer.alloc(n, fill), contentType: 'application/octet-stream', filename: 'b.bin' });

describe('ResponseStore', () => {
  it('keeps the newest N per caller; evicted ids answer ENOTFOUND with a clear message', () => {
    const s = new ResponseStore({ perCaller: 2, maxBytes: 1000 });
    const a1 = s.put('a', body(10, 1));
    const a2 = s.put('a', body(10, 2));
    const b1 = s.put('b', body(10, 3));
    const a3 = s.put('a', body(10, 4));
    expect(() => s.get('a', a1)).toThrow(/no longer kept.*send the request again/);
    expect(s.get('a', a2).data[0]).toBe(2);
    expect(s.get('a', a3).data[0]).toBe(4);
    expect(s.get('b', b1).data[0]).toBe(3);
    expect(s.size).toEqual({ count: 3, bytes: 30 });
  });

  it('bounds bytes overall, oldest first, across callers', () => {
    const s = new ResponseStore({ perCaller: 20, maxBytes: 100 });
    const old = s.put('a', body(60));
    const mid = s.put('b', body(30));
    const now = s.put('a', body(40));
    expect(() => s.get('a', old)).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
    expect(s.get('b', mid).data.length).toBe(30);
    expect(s.get('a', now).data.length).toBe(40);
    expect(s.size.bytes).toBe(70);
  });

  it('a body larger than the whole budget is not kept, and evicts nothing', () => {
    const s = new ResponseStore({ maxBytes: 50 });
    const small = s.put('a', body(10));
    const huge = s.put('a', body(51));
    expect(() => s.get('a', huge)).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
    expect(s.get('a', small).data.length).toBe(10);
  });

  it("never hands one caller another caller's body", () => {
    const s = new ResponseStore();
    const id = s.put('a', body(5));
    expect(() => s.get('b', id)).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
  });
});
