import { describe, expect, it } from 'vitest';
import { PREVIEW_BINARY_BYTES, PREVIEW_IMAGE_BYTES, PREVIEW_TEXT_CHARS } from '../../../shared/ipc/url';
import { previewOf, suggestFilename } from './preview';

describe('previewOf', () => {
  it('empty, text, image, binary', () => {
    expect(previewOf(Buffer.alloc(0), 'text/plain', '').preview).toEqual({ kind: 'empty', mime: 'text/plain', base64: null, truncated: false });
    expect(previewOf(null, null, null).preview.kind).toBe('empty');
    const t = previewOf(Buffer.from('hi'), 'text/plain; charset=utf-8', 'hi');
    expect(t).toEqual({ preview: { kind: 'text', mime: 'text/plain', base64: null, truncated: false }, text: 'hi' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(previewOf(png, 'image/png', null).preview).toEqual({ kind: 'image', mime: 'image/png', base64: png.toString('base64'), truncated: false });
    const bin = previewOf(Buffer.alloc(PREVIEW_BINARY_BYTES + 1, 7), 'application/octet-stream', null);
    expect(bin.preview).toMatchObject({ kind: 'binary', truncated: true });
    expect(Buffer.from(bin.preview.base64!, 'base64').length).toBe(PREVIEW_BINARY_BYTES);
  });

  it('caps text and large images', () => {
    const long = 'a'.repeat(PREVIEW_TEXT_CHARS + 5);
    const r = previewOf(Buffer.from(long), 'text/plain', long);
    expect(r.text!.length).toBe(PREVIEW_TEXT_CHARS);
    expect(r.preview.truncated).toBe(true);
    // a surrogate pair at the cut is not split
    const emoji = 'a'.repeat(PREVIEW_TEXT_CHARS - 1) + '😀';
    expect(previewOf(Buffer.from(emoji), 'text/plain', emoji).text!.length).toBe(PREVIEW_TEXT_CHARS - 1);
    const big = previewOf(Buffer.alloc(PREVIEW_IMAGE_BYTES + 1), 'image/jpeg', null).preview;
    expect(big).toMatchObject({ kind: 'image', base64: null, truncated: true });
  });
});

describe('suggestFilename', () => {
  it('prefers Content-Disposition (filename* first), then the URL, then response.<ext>', () => {
    expect(suggestFilename(`attachment; filename="a b.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, 'http://h/x', null)).toBe('résumé.pdf');
    expect(suggestFilename('attachment; filename="report.csv"', 'http://h/x', null)).toBe('report.csv');
    expect(suggestFilename(null, 'http://h/dir/big%20file.bin?x=1', null)).toBe('big file.bin');
    expect(suggestFilename(null, 'http://h/', 'application/json; charset=utf-8')).toBe('response.json');
    expect(suggestFilename(null, 'http://h/', null)).toBe('response.bin');
  });

  it('never yields a path', () => {
    expect(suggestFilename('attachment; filename="../../etc/passwd"', 'http://h/', null)).toBe('etc_passwd');
    expect(suggestFilename('attachment; filename="..\\\\win.ini"', 'http://h/', null)).not.toMatch(/[\\/]/);
    expect(suggestFilename(null, 'http://h/%2e%2e%2Fsecret', null)).toBe('secret');
    expect(suggestFilename('attachment; filename=".bashrc"', 'http://h/', 'text/plain')).toBe('bashrc');
  });
});
