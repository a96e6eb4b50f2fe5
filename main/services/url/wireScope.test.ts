import { describe, expect, it } from 'vitest';
import { memoryWire } from '../../protocols/wire';
import { WireScope } from './wireScope';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('WireScope', () => {
  it('routes lines written through one shared sink to the send they were written for', async () => {
    const scope = new WireScope();
    const shared = scope.factory('http 127.0.0.1:80'); // what a pooled socket keeps
    const a = memoryWire();
    const b = memoryWire();
    const work = async (tag: string) => {
      shared.out(`${tag} request`);
      await tick();
      shared.in(`${tag} response`);
      await tick();
      shared.info(`${tag} body`);
    };
    await Promise.all([scope.run(a, () => work('A')), scope.run(b, () => work('B'))]);
    expect(a.lines).toEqual(['> A request', '< A response', '* A body']);
    expect(b.lines).toEqual(['> B request', '< B response', '* B body']);
  });

  it('drops lines from outside a live send, and never closes a send transcript itself', async () => {
    const scope = new WireScope();
    const shared = scope.factory('x');
    const a = memoryWire();
    let fired = false;
    await scope.run(a, async () => {
      shared.out('during');
      // like a pooled socket's close handler: created during the send (so it runs in the send's
      // async context), firing after the send ended
      setTimeout(() => {
        shared.info('idle connection closed');
        fired = true;
      }, 5);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(true);
    shared.info('no send at all');
    shared.close();
    expect(a.lines).toEqual(['> during']);
    expect(a.closed).toBe(false);
  });

  it('passes the result and the error through', async () => {
    const scope = new WireScope();
    await expect(scope.run(memoryWire(), async () => 42)).resolves.toBe(42);
    await expect(scope.run(memoryWire(), async () => { throw new Error('boom'); })).rejects.toThrow('boom');
  });
});
