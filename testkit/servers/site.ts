import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ports } from './ports';

/**
 * The test web site served over HTTP and HTTPS: pages with links (absolute and relative), UTF-8,
 * a robots.txt with allow/disallow/crawl-delay/sitemap, JSON, a directory listing, a basic-auth
 * area with one public page, and big files for progress, Range and throttled downloads.
 */
export function writeSite(htdocs: string, ports: Ports): void {
  mkdirSync(join(htdocs, 'private'), { recursive: true });
  mkdirSync(join(htdocs, 'dir'), { recursive: true });
  const w = (name: string, body: string | Buffer) => writeFileSync(join(htdocs, name), body);
  const base = `http://127.0.0.1:${ports.http}`;
  w('robots.txt', `# robots.txt for the Porthole test site
User-agent: *
Allow: /private/public.html
Disallow: /private/
Disallow: /tmp
Crawl-delay: 2

User-agent: BadBot
Disallow: /

Sitemap: ${base}/sitemap.xml
`);
  w('index.html', `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Porthole test site</title>
<meta name="description" content="Test pages for the protocol client"></head>
<body><h1>Porthole test site</h1>
<ul>
<li><a href="/page1.html">Page 1</a></li>
<li><a href="page2.html">Page 2 (relative)</a></li>
<li><a href="/utf8.html">UTF-8 page – ünïcödé ✓</a></li>
<li><a href="/redirect/301">301 redirect</a></li>
<li><a href="/private/secret.html">Private (basic auth)</a></li>
<li><a href="/dir/">Directory listing</a></li>
</ul></body></html>
`);
  const lorem = 'Lorem ipsum dolor sit amet. '.repeat(200);
  for (const i of [1, 2, 3]) {
    w(`page${i}.html`, `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Page ${i}</title></head><body><h1>Page ${i}</h1><p>${lorem}</p><a href="/">home</a></body></html>\n`);
  }
  w('utf8.html', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Ünïcödé – ✓ 日本語</title></head><body><p>Grüße, мир, 世界 ✓</p></body></html>\n');
  w('data.json', '{"name":"porthole","ok":true,"items":[1,2,3]}\n');
  w('sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/</loc></url><url><loc>${base}/page1.html</loc></url></urlset>\n`);
  w('private/secret.html', '<html><body>secret</body></html>\n');
  w('private/public.html', '<html><body>public part of private</body></html>\n');
  w('dir/a.txt', 'a\n');
  w('dir/b.txt', 'b\n');
  w('big.bin', randomBytes(1024 * 1024));
  const lines: string[] = [];
  for (let i = 0; i < 20000; i++) lines.push(`line ${String(i).padStart(6, '0')} the quick brown fox jumps over the lazy dog\n`);
  w('big.txt', lines.join(''));
}
