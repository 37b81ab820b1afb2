/**
 * scripts/minify-css.mjs, which minifies the widget's css`…` in the CDN files: what it must keep
 * (strings, url(…), the spaces calc() and selectors need, numbers) and what it takes out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyCssLiterals, shortPropertyNames } from '../../scripts/minify-css.mjs';

describe('minifyCss', () => {
  it('takes out comments, line breaks and the spaces around { } ; , > and after :', () => {
    assert.equal(
      minifyCss(`
        /* The card. */
        .card > .row ,
        .other {
          color: red ;
          margin: 0 auto;
        }
      `),
      '.card>.row,.other{color:red;margin:0 auto}',
    );
  });

  it('keeps descendant spaces and the space before a pseudo-class in selectors', () => {
    assert.equal(minifyCss(':host([theme="dark"]) .a :is(.b, .c) { x: y }'), ':host([theme=dark]) .a :is(.b,.c){x:y}');
  });

  it('keeps strings as written: spaces, colons, commas, braces, > and comment marks inside them', () => {
    assert.equal(minifyCss(`.a::before { content: 'a: b, c  d { e } > f; /* g */' }`), `.a::before{content:'a: b, c  d { e } > f; /* g */'}`);
    assert.equal(minifyCss('.a { font-family: "Segoe  UI", Roboto }'), '.a{font-family:"Segoe  UI",Roboto}');
    assert.equal(minifyCss(`.a[title="x  y"], .b[title='it\\'s  0.5'] { z: 1 }`), `.a[title="x  y"],.b[title='it\\'s  0.5']{z:1}`);
    assert.equal(minifyCss('.a { grid-template-areas: "a  b" "c d"; }'), '.a{grid-template-areas:"a  b" "c d"}');
  });

  it('keeps url(…) as written, quoted or not', () => {
    assert.equal(minifyCss('.a { background: url( "a  b.png" ) no-repeat; }'), '.a{background:url( "a  b.png" ) no-repeat}');
    assert.equal(minifyCss('.a { mask: url(data:image/svg+xml;utf8,<svg> 0.5</svg>) }'), '.a{mask:url(data:image/svg+xml;utf8,<svg> 0.5</svg>)}');
  });

  it('keeps the spaces around + and - in calc(), and takes them out around *', () => {
    assert.equal(
      minifyCss('.a { width: calc(100% - 10.5px); height: calc(1em + 2px); top: calc(2 * var(--x) - -1px); }'),
      '.a{width:calc(100% - 10.5px);height:calc(1em + 2px);top:calc(2*var(--x) - -1px)}',
    );
  });

  it('drops the leading zero of 0.x only, never touching 10.5, 1.05 or 100.05', () => {
    assert.equal(
      minifyCss('.a { padding: 0.75em 0.5em; transform: scale(0.5); margin: 10.5em 1.05em 100.05em; inset: 0,0.25em; }'),
      '.a{padding:.75em .5em;transform:scale(.5);margin:10.5em 1.05em 100.05em;inset:0,.25em}',
    );
  });

  it('unquotes an attribute selector value that is an identifier, which CSS matches the same', () => {
    assert.equal(minifyCss(":host([theme='dark']) { color: red; }\nbutton[aria-disabled='true'] { opacity: 0.75; }"), ':host([theme=dark]){color:red}button[aria-disabled=true]{opacity:.75}');
  });

  it('keeps the quotes of an attribute selector value that is not an identifier', () => {
    for (const kept of ["[tabindex='-1']{color:red}", "[data-n='1']{color:red}", "[title='a b']{color:red}", "[lang='']{color:red}"]) {
      assert.equal(minifyCss(kept), kept);
    }
  });

  it('keeps at-rules readable: the space before ( and around and', () => {
    assert.equal(minifyCss('@media (min-width: 30em) and (max-width: 40em) { .a { b: c } }'), '@media (min-width:30em) and (max-width:40em){.a{b:c}}');
  });
});

describe('shortPropertyNames', () => {
  it('gives the private custom properties short names, the most used first', () => {
    const names = shortPropertyNames([':host{--_space:1em;--_d-text:#111}', '.a{margin:var(--_space);color:var(--_d-text);padding:var(--_space)}'], []);
    assert.deepEqual([...names], [['--_space', '--_a'], ['--_d-text', '--_b']]);
  });

  it('keeps the name of one that other code names, and the merchant\'s --kohort-* properties', () => {
    const names = shortPropertyNames([':host{--_brand-text:#fff;--_accent:var(--kohort-accent,var(--_brand))}'], ['sheet.replaceSync(`:host{--_brand:${color}}`)']);
    assert.deepEqual([...names], [['--_brand-text', '--_a'], ['--_accent', '--_b']]);
  });

  it('gives no short name that a style file or other code already names', () => {
    const names = shortPropertyNames([':host{--_space:1em;--_a:var(--_space)}.x{gap:var(--_space)}'], ['el.style.setProperty("--_b", "0")']);
    assert.deepEqual([...names], [['--_space', '--_c'], ['--_a', '--_d']]);
  });
});

describe('minifyCss with short names', () => {
  it('renames whole names only, outside strings', () => {
    const names = new Map([['--_d-bg', '--_a'], ['--_d', '--_b']]);
    assert.equal(
      minifyCss(":host { --_d-bg: #fff; --_d: 1; --_d-bg-2: 0 } .a { background: var(--_d-bg, var(--_d)); content: '--_d-bg' }", names),
      ":host{--_a:#fff;--_b:1;--_d-bg-2:0}.a{background:var(--_a,var(--_b));content:'--_d-bg'}",
    );
  });
});

describe('the minify-css-literals plugin', () => {
  const transform = (code: string, id: string) =>
    (minifyCssLiterals().transform as (code: string, id: string) => { code: string } | null)(code, id);

  it('minifies the css`…` literals of a .styles.ts file and keeps their interpolations', () => {
    const out = transform('export const styles = css`\n  :host {\n    color: ${unsafeCSS(accent)} ;\n  }\n`;', '/work/src/kohort-checkout.styles.ts');
    assert.equal(out?.code, 'export const styles = css`:host{color:${unsafeCSS(accent)}}`;');
  });

  it('leaves other files and other template literals alone', () => {
    assert.equal(transform('const a = css`  .a { b: c }  `;', '/work/src/kohort-checkout.component.ts'), null);
    const code = 'const label = `Pay:  ${amount} ;`;';
    assert.equal(transform(code, '/work/src/kohort-checkout.styles.ts')?.code, code);
  });

  it('renames the private custom properties it is given in every css`…` literal', () => {
    const plugin = minifyCssLiterals(new Map([['--_space', '--_a']]));
    const out = (plugin.transform as (code: string, id: string) => { code: string } | null)('const a = css`:host { --_space: 1em }`, b = css`.b { gap: var(--_space) }`;', '/work/src/templates/group.styles.ts');
    assert.equal(out?.code, 'const a = css`:host{--_a:1em}`, b = css`.b{gap:var(--_a)}`;');
  });
});
