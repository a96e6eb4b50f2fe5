import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toAppError } from './errors';
import { StreamBody } from './streamBody';

async function all(it: AsyncIterator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
  return Buffer.concat(out);
}

describe('StreamBody', () => {
  it('delivers every chunk in order, then ends; readableEnded only once all is read', async () => {
    const s = new PassThrough();
    const b = new StreamBody(s);
    s.write('ab');
    s.write('cd');
    s.end('e');
    await new Promise((r) => setImmediate(r));
    expect(b.readableEnded).toBe(false);
    expect((await all(b)).toString()).toBe('abcde');
    expect(b.readableEnded).toBe(true);
  });

  it('pauses the stream past its high-water mark; one pull takes all that waits, as one Buffer, and resumes it', async () => {
    const s = new PassThrough();
    const b = new StreamBody(s);
    for (let i = 0; i < 3; i++) s.write(Buffer.alloc(512 * 1024, i));
    await new Promise((r) => setImmediate(r));
    expect(s.isPaused()).toBe(true);
    const r = await b.next();
    expect(r.value.length).toBe(3 * 512 * 1024);
    expect([r.value[0], r.value[512 * 1024], r.value[3 * 512 * 1024 - 1]]).toEqual([0, 1, 2]);
    expect(s.isPaused()).toBe(false);
    s.end();
    expect((await b.next()).done).toBe(true);
  });

  it('a stream closed before its end is a premature close (ECONNECTION); an error is that error', async () => {
    const s = new PassThrough();
    const b = new StreamBody(s);
    s.write('x');
    s.destroy();
    expect((await b.next()).value.toString()).toBe('x');
    const e = await b.next().catch((x: unknown) => x);
    expect(toAppError(e).code).toBe('ECONNECTION');

    const t = new PassThrough();
    const c = new StreamBody(t);
    const boom = new Error('boom');
    t.destroy(boom);
    await expect(c.next()).rejects.toBe(boom);
  });

  it('destroy() from the reader resets the stream; the body is not reusable', async () => {
    const s = new PassThrough();
    const b = new StreamBody(s);
    s.write('abc');
    b.destroy();
    expect(s.destroyed).toBe(true);
    expect(b.readableEnded).toBe(false);
    await expect(b.next()).rejects.toMatchObject({ code: 'ECANCELLED' });
  });
});
