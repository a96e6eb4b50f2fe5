import { describe, expect, it } from 'vitest';
import { isRendererUrl, isSafeExternalUrl, rendererTarget } from './renderer';

describe('rendererTarget', () => {
  it('uses the built file, and the dev server only in an unpackaged app on loopback', () => {
    expect(rendererTarget('/app', {}, true)).toEqual({ kind: 'file', file: '/app/out/renderer/index.html' });
    expect(rendererTarget('/app', { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true).kind).toBe('file');
    expect(rendererTarget('/app', { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({ kind: 'url', url: 'http://localhost:5173' });
    expect(rendererTarget('/app', { ELECTRON_RENDERER_URL: 'https://evil.example/' }, false).kind).toBe('file');
  });
});

describe('isRendererUrl', () => {
  const file = { kind: 'file' as const, file: '/app/out/renderer/index.html' };
  it('accepts our page with any fragment or query, and nothing else', () => {
    expect(isRendererUrl(file, 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isRendererUrl(file, 'file:///app/out/renderer/index.html#/mail?x=1')).toBe(true);
    expect(isRendererUrl(file, 'file:///app/out/renderer/other.html')).toBe(false);
    expect(isRendererUrl(file, 'file:///tmp/evil.html')).toBe(false);
    expect(isRendererUrl(file, 'https://evil.example/app/out/renderer/index.html')).toBe(false);
    expect(isRendererUrl(file, 'about:blank')).toBe(false);
    expect(isRendererUrl(file, 'not a url')).toBe(false);
  });
  it('matches the dev server by origin', () => {
    const dev = { kind: 'url' as const, url: 'http://localhost:5173/' };
    expect(isRendererUrl(dev, 'http://localhost:5173/index.html')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('allows plain http(s) links only', () => {
    expect(isSafeExternalUrl('https://example.com/x?y#z')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8080/')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b', 'ftp://x/', 'https://a:b@example.com/', 'https://user@evil/', 'nonsense', `https://e.com/${'a'.repeat(9000)}`]) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });
});
