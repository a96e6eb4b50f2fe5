import { describe, expect, it } from 'vitest';
import { pretty, prettyJson, prettyKind, prettyMarkup } from './pretty';

describe('prettyJson', () => {
  it('indents objects and arrays, keeping numbers and strings exactly', () => {
    expect(prettyJson('{"a":[1,2.0,12345678901234567890],"b":{},"c":[],"d":"x,{y}:\\"z"}')).toBe(
      ['{', '  "a": [', '    1,', '    2.0,', '    12345678901234567890', '  ],', '  "b": {},', '  "c": [],', '  "d": "x,{y}:\\"z"', '}'].join('\n'),
    );
  });
  it('answers null for text that is not JSON', () => {
    expect(prettyJson('{a:1}')).toBeNull();
    expect(prettyJson('')).toBeNull();
  });
  it('re-indents already indented JSON the same way', () => {
    const once = prettyJson('[{"k": true}, null]')!;
    expect(prettyJson(once)).toBe(once);
    expect(once).toBe('[\n  {\n    "k": true\n  },\n  null\n]');
  });
});

describe('prettyMarkup', () => {
  it('indents HTML, keeps void elements flat and short text inline', () => {
    const src = '<!doctype html><html><head><meta charset="utf-8"><title>Hi</title></head><body><p>One<br>two</p><img src="a.png" alt="x > y"></body></html>';
    expect(prettyMarkup(src, true)).toBe(
      [
        '<!doctype html>',
        '<html>',
        '  <head>',
        '    <meta charset="utf-8">',
        '    <title>Hi</title>',
        '  </head>',
        '  <body>',
        '    <p>',
        '      One',
        '      <br>',
        '      two',
        '    </p>',
        '    <img src="a.png" alt="x > y">',
        '  </body>',
        '</html>',
      ].join('\n'),
    );
  });
  it('leaves script, style and pre content verbatim', () => {
    const src = '<div><script>if (a < b) { x("</div>") }</script><pre>  keep\n   this</pre></div>';
    const out = prettyMarkup(src, true);
    expect(out).toContain('<script>if (a < b) { x("</div>") }</script>');
    expect(out).toContain('<pre>  keep\n   this</pre>');
    expect(out.split('\n').at(-1)).toBe('</div>');
  });
  it('indents XML with declarations, comments, CDATA and self-closing tags', () => {
    const src = '<?xml version="1.0"?><urlset><!-- c --><url><loc>http://x/</loc><flag/><data><![CDATA[<raw>]]></data></url></urlset>';
    expect(prettyMarkup(src, false)).toBe(
      [
        '<?xml version="1.0"?>',
        '<urlset>',
        '  <!-- c -->',
        '  <url>',
        '    <loc>http://x/</loc>',
        '    <flag/>',
        '    <data>',
        '      <![CDATA[<raw>]]>',
        '    </data>',
        '  </url>',
        '</urlset>',
      ].join('\n'),
    );
  });
  it('survives sloppy HTML: unclosed items, stray end tags, a lone <', () => {
    const out = prettyMarkup('<ul><li>a<li>b</ul></span><p>1 < 2</p>', true);
    expect(out.split('\n')).toEqual(['<ul>', '  <li>', '    a', '    <li>', '      b', '</ul>', '</span>', '<p>', '  1', '  <', '  2', '</p>']);
  });
});

describe('prettyKind / pretty', () => {
  it('picks the printer by content type, then by sniffing', () => {
    expect(prettyKind('application/json; charset=utf-8', '')).toBe('json');
    expect(prettyKind('application/problem+json', '')).toBe('json');
    expect(prettyKind('text/html', '')).toBe('html');
    expect(prettyKind('application/atom+xml', '')).toBe('xml');
    expect(prettyKind('text/plain', '{"a":1}')).toBe('json');
    expect(prettyKind(null, '<!DOCTYPE html><html></html>')).toBe('html');
    expect(prettyKind(null, '<?xml version="1.0"?><a/>')).toBe('xml');
    expect(prettyKind('text/plain', 'hello')).toBe('text');
  });
  it('falls back to the text when a JSON content type carries something else', () => {
    expect(pretty('not json', 'application/json')).toEqual({ kind: 'text', text: 'not json' });
  });
});
