import { describe, expect, it } from 'vitest';
import { CallerJars } from './jars';

describe('CallerJars', () => {
  it('one jar per caller, the least recently used dropped past the bound', () => {
    const jars = new CallerJars(2);
    const a = jars.get('a');
    a.setFromResponse(new URL('http://h/'), ['x=1']);
    jars.get('b');
    expect(jars.get('a')).toBe(a); // a is now the most recent
    jars.get('c'); // evicts b
    expect(jars.size).toBe(2);
    expect(jars.get('a').header(new URL('http://h/'))).toBe('x=1');
    expect(jars.get('b').list()).toEqual([]); // a fresh jar
  });
});
