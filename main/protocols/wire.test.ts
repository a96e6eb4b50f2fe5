import { describe, expect, it } from 'vitest';
import { memoryWire, nullWire, type WireSink } from './wire';

describe('wire sinks for protocol code', () => {
  it('memoryWire records direction and close', () => {
    const w = memoryWire();
    const sink: WireSink = w; // protocol code only sees the interface
    sink.info('connected');
    sink.out('USER alice');
    sink.in('331 Password required');
    sink.close();
    expect(w.lines).toEqual(['* connected', '> USER alice', '< 331 Password required']);
    expect(w.closed).toBe(true);
  });

  it('nullWire accepts everything and cannot be changed', () => {
    expect(() => {
      nullWire.out('x');
      nullWire.in('y');
      nullWire.info('z');
      nullWire.close();
    }).not.toThrow();
    expect(Object.isFrozen(nullWire)).toBe(true);
  });
});
