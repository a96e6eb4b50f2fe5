import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { errorText } from './errorText';

describe('errorText', () => {
  it('has distinct words and a hint for every code', () => {
    const titles = ERROR_CODES.map((c) => errorText(c).title);
    expect(new Set(titles).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(errorText(c).hint.length).toBeGreaterThan(10);
  });

  it('falls back for codes it does not know, including prototype names', () => {
    expect(errorText('EWHATEVER').title).toBe('Unexpected error');
    expect(errorText('toString').title).toBe('Unexpected error');
  });
});
