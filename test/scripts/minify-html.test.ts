/**
 * scripts/minify-html.mjs, which shortens the static text of the widget's lit html`…` templates in
 * the CDN files: a line break and its indentation become one space, or none next to a block's tag
 * or inside a button's; everything else is kept.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import { minifyHtml, minifyHtmlLiterals } from '../../scripts/minify-html.mjs';

const root = new URL('../../', import.meta.url).pathname;

describe('minifyHtml', () => {
  it('turns each line break with its indentation into one space', () => {
    assert.equal(minifyHtml('<span>a</span>\n\n      <strong>b</strong>'), '<span>a</span> <strong>b</strong>');
    assert.equal(minifyHtml('\n  '), ' ');
  });

  it('drops a line break next to a block’s start or end tag, where it starts or ends a line the page never shows', () => {
    assert.equal(minifyHtml('<ul>\n      <li>a</li>\n\n      <li>b</li>\n    </ul>'), '<ul><li>a</li><li>b</li></ul>');
    assert.equal(minifyHtml('<div class="a">\n  <span>x</span>\n  <p>y</p>\n  <img alt="" />\n</div>'), '<div class=a><span>x</span><p>y</p><img alt="" /></div>');
    assert.equal(minifyHtml('<p>\n  \0\n  <br />\0\n</p>'), '<p>\0<br />\0</p>');
  });

  it('drops a line break just inside a button’s tags, not outside them', () => {
    assert.equal(minifyHtml('<button type="button" @click=\0>\n  \0\n</button>\n<span>'), '<button type=button @click=\0>\0</button> <span>');
    // A button is inline-block: the space before it on its line stays, or it touches the words before.
    assert.equal(minifyHtml('<span>Total</span>\n<button>\n  Change\n</button>'), '<span>Total</span> <button>Change</button>');
  });

  it('keeps one space where a line break separated two words or two expressions, so they never run together', () => {
    assert.equal(minifyHtml('Total\n        (3 articles)'), 'Total (3 articles)');
    assert.equal(minifyHtml('</span>\n  <span>'), '</span> <span>');
    assert.equal(minifyHtml('<label>\n  \0\n  \0\n</label>'), '<label> \0 \0 </label>', 'a label is inline');
    assert.equal(minifyHtml('<p>\0\n  \0</p>'), '<p>\0 \0</p>', 'two expressions, as \\0 marks them');
  });

  it('unquotes a plain attribute value, which the HTML parser reads the same', () => {
    assert.equal(
      minifyHtml('<p class="field-error" id="code-error"\n      part="field-error" tabindex="-1">'),
      '<p class=field-error id=code-error part=field-error tabindex=-1>',
    );
  });

  it('keeps the quotes of a value with a space, of an empty value, and of one followed by "/"', () => {
    for (const kept of ['<button part="button pay-button">', '<img alt="" />', '<img alt="logo"/>', '<a href="https://example.com/">', '<p title="a.b">']) {
      assert.equal(minifyHtml(kept), kept);
    }
  });

  it('keeps the quotes of a value that ends the static text, where an expression follows it', () => {
    // `<input class="a"${spread}>`: unquoted, `class=a${spread}` would make the expression part of the class.
    assert.equal(minifyHtml('<input class="a"'), '<input class="a"');
    assert.equal(minifyHtml('<input\n  class="a"\n'), '<input class=a ');
    assert.equal(minifyHtml('<input class="a"\0>'), '<input class="a"\0>');
  });

  it('keeps the text of a line as written: runs of spaces, attribute values with spaces, entities', () => {
    const line = '<button part="button pay-button" aria-label="Pay  now" title="a&nbsp; b">Pay  ·  12 €</button>';
    assert.equal(minifyHtml(line), line);
    assert.equal(minifyHtml('  <p>a</p>  '), '  <p>a</p>  ');
  });

  it('the widget never shows text whose line breaks count: no <pre> or <textarea> in a template, no white-space: pre in its styles', () => {
    // minifyHtml would turn their line breaks into spaces on the page.
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    for (const file of files) {
      const source = readFileSync(join(root, 'src', file), 'utf8');
      assert.doesNotMatch(source, /white-space:\s*(pre|break-spaces)/, file);
      for (const [, template] of source.matchAll(/\bhtml`([^`]*)`/g)) assert.doesNotMatch(template!, /<(pre|textarea|listing|plaintext)\b/i, file);
    }
  });

  it('the widget never makes a block inline: its styles set no inline or contents display', () => {
    // minifyHtml drops the line breaks next to a <div>, <p>, <li>… tag: an inline one would show them as spaces.
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.styles.ts'));
    assert.ok(files.length >= 2, 'the style files are found');
    for (const file of files) assert.doesNotMatch(readFileSync(join(root, 'src', file), 'utf8'), /display:\s*(inline|contents|run-in|ruby)/, file);
  });
});

describe('the minify-html-literals plugin (after esbuild)', () => {
  const transform = (code: string, id = '/work/src/templates/ready.ts') =>
    (minifyHtmlLiterals().transform as (this: unknown, code: string, id: string) => { code: string } | null).call({ parse: parseAst }, code, id);

  it('collapses the static text of lit’s html`…`, whatever esbuild named it, and keeps the expressions', () => {
    const code = 'import{html as x}from"lit";export const v=a=>x`<p>\n    ${a.title}\n    ${a.body}\n  </p>\n  <b title="${a.t}">  b  </b>\n  <i>`;';
    assert.equal(transform(code)?.code, 'import{html as x}from"lit";export const v=a=>x`<p>${a.title} ${a.body}</p><b title="${a.t}">  b  </b> <i>`;');
  });

  it('reads the tags around a line break across expressions, as in one text', () => {
    const code = 'import{html as x}from"lit";export const v=a=>x`<div class="a" id=${a.id}>\n  ${a.b}\n</div>\n<button @click=${a.c}>\n  ${a.d}\n</button>`;';
    assert.equal(transform(code)?.code, 'import{html as x}from"lit";export const v=a=>x`<div class=a id=${a.id}>${a.b}</div><button @click=${a.c}>${a.d}</button>`;');
  });

  it('leaves alone other template literals (messages, css`…`, svg`…`) and files that do not import lit’s html', () => {
    const code = 'import{html as x,css as c,svg as s}from"lit";const m=`Line one\n  line two`,k=c`.a {\n  b: c }`,g=s`<text>\n  a</text>`,h=x`<p>\n  a</p>`;';
    assert.equal(transform(code)?.code, code.replace('x`<p>\n  a</p>`', 'x`<p>a</p>`'));
    assert.equal(transform('import{css as c}from"lit";const k=c`.a {\n  b: c }`;'), null);
    assert.equal(transform('const x=html=>html`<p>\n  a</p>`;'), null);
    assert.equal(transform('import{html as x}from"lit";const v=x`<p>\n a</p>`;', '/work/node_modules/lit-html/lit-html.js'), null);
  });
});
