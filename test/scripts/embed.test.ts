/**
 * bin/kohort-checkout-embed.mjs, which prints the HTML a merchant pastes to load the widget from
 * their own server: the import map pinning the chunks and the module tag, or the classic tag.
 * Run on a folder made here, so it needs no build; test/package/embed.test.ts runs it on the build.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/kohort-checkout-embed.mjs', import.meta.url));
const BASE = 'https://static.shop.example/kohort/0.1.0/';

/** The files of a CDN folder, by their path in it. */
const FILES: Record<string, string> = {
  'kohort-checkout.min.js': 'export const module = 1;',
  'kohort-checkout.iife.min.js': 'var classic = 1;',
  'chunks/group-view-AAAA.min.js': 'export const group = 1;',
  'chunks/de-BBBB.min.js': 'export const de = 1;',
};
const sha = (algorithm: 'sha384' | 'sha256', text: string) => `${algorithm}-${createHash(algorithm).update(text).digest('base64')}`;

function run(...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

/** The import map's `integrity`, and the module tag's `src` and `integrity`, from the printed HTML. */
function readSnippet(html: string) {
  const map = html.match(/^<script type="importmap">(\n[\s\S]*?\n)<\/script>$/m);
  const tag = html.match(/<script type="module" src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous"><\/script>/);
  assert.ok(map && tag, html);
  return { mapText: map[1]!, integrity: (JSON.parse(map[1]!) as { integrity: Record<string, string> }).integrity, src: tag[1], moduleIntegrity: tag[2] };
}

describe('kohort-checkout-embed', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kohort-embed-'));
    mkdirSync(join(dir, 'chunks'));
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
    // A stale manifest must not be believed: the hashes come from the files.
    writeFileSync(join(dir, 'integrity.json'), JSON.stringify({ version: '0.0.1', files: { 'kohort-checkout.min.js': 'sha384-stale' } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints an import map of every chunk and the module tag, each at the base URL with the hash of its file', () => {
    const { status, stdout } = run(BASE, '--dir', dir);
    assert.equal(status, 0);
    const snippet = readSnippet(stdout);
    assert.deepEqual(snippet.integrity, {
      [`${BASE}chunks/de-BBBB.min.js`]: sha('sha384', FILES['chunks/de-BBBB.min.js']!),
      [`${BASE}chunks/group-view-AAAA.min.js`]: sha('sha384', FILES['chunks/group-view-AAAA.min.js']!),
    });
    assert.equal(snippet.src, `${BASE}kohort-checkout.min.js`);
    assert.equal(snippet.moduleIntegrity, sha('sha384', FILES['kohort-checkout.min.js']!));
    assert.ok(stdout.indexOf('type="importmap"') < stdout.indexOf('type="module"'), 'the import map comes before the module');
  });

  it('says which CSP hash allows the import map it printed', () => {
    const { stdout, stderr } = run(BASE, '--dir', dir);
    assert.ok(stderr.includes(`'${sha('sha256', readSnippet(stdout).mapText)}'`), stderr);
  });

  it('reads a base without its final slash as the folder', () => {
    const { status, stdout } = run(BASE.slice(0, -1), '--dir', dir);
    assert.equal(status, 0);
    assert.equal(readSnippet(stdout).src, `${BASE}kohort-checkout.min.js`);
  });

  it('prints the classic script alone with --classic', () => {
    const { status, stdout } = run(BASE, '--classic', '--dir', dir);
    assert.equal(status, 0);
    assert.equal(
      stdout,
      `<script src="${BASE}kohort-checkout.iife.min.js" integrity="${sha('sha384', FILES['kohort-checkout.iife.min.js']!)}" crossorigin="anonymous" defer></script>\n`,
    );
  });

  it('takes http: for localhost and 127.0.0.1, to test on this computer', () => {
    for (const base of ['http://localhost:4780/kohort/', 'http://127.0.0.1:4780/kohort/']) {
      const { status, stdout } = run(base, '--dir', dir);
      assert.equal(status, 0, base);
      assert.equal(readSnippet(stdout).src, `${base}kohort-checkout.min.js`);
    }
  });

  it('refuses a base that is not https:, not a URL, or not a plain folder address, printing no HTML', () => {
    const cases: Array<[string, RegExp]> = [
      ['http://static.shop.example/kohort/0.1.0/', /not an https: URL/],
      ['http://localhost.shop.example/', /not an https: URL/],
      ['ftp://static.shop.example/kohort/', /not an https: URL/],
      ['javascript:alert(1)//', /not an https: URL/],
      ['static.shop.example/kohort/0.1.0/', /not a URL/],
      ['/kohort/0.1.0/', /not a URL/],
      ['https://static.shop.example/kohort/?v=1', /query, a fragment or credentials/],
      ['https://user:secret@static.shop.example/kohort/', /query, a fragment or credentials/],
    ];
    for (const [base, message] of cases) {
      const { status, stdout, stderr } = run(base, '--dir', dir);
      assert.equal(status, 1, base);
      assert.equal(stdout, '', base);
      assert.match(stderr, message, base);
    }
  });

  it('escapes a " or & that the base keeps, so each tag has only its own attributes and its src is the base', () => {
    // URL parsing keeps " in a host name and & in a path: printed raw, the first added an onerror to the tag, the second read &copy as ©.
    const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    for (const base of ['https://x"onerror="alert(1)".example/', 'https://static.shop.example/a&copy/']) {
      for (const classic of [false, true]) {
        const { status, stdout } = run(base, '--dir', dir, ...(classic ? ['--classic'] : []));
        assert.equal(status, 0, base);
        const file = classic ? 'kohort-checkout.iife.min.js' : 'kohort-checkout.min.js';
        const tag = stdout.match(/<script (?:type="module" )?src="([^"]*)" integrity="[^"]+" crossorigin="anonymous"(?: defer)?><\/script>/);
        assert.ok(tag, stdout);
        assert.equal(decode(tag[1]!), `${base}${file}`);
        assert.doesNotMatch(tag[1]!, /&(?!quot;|amp;)/, 'no character reference but the escapes');
        if (!classic) assert.ok(`${base}chunks/de-BBBB.min.js` in readSnippet(stdout).integrity, 'the import map keeps the URL as it is');
      }
    }
  });

  it('refuses a folder with the module but no chunks/ (copied without them), printing no HTML; --classic needs none', () => {
    const moduleOnly = mkdtempSync(join(tmpdir(), 'kohort-embed-module-only-'));
    try {
      for (const file of ['kohort-checkout.min.js', 'kohort-checkout.iife.min.js']) writeFileSync(join(moduleOnly, file), FILES[file]!);
      const refused = run(BASE, '--dir', moduleOnly);
      assert.equal(refused.status, 1);
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /no chunks\/ beside kohort-checkout\.min\.js in/);
      assert.equal(run(BASE, '--classic', '--dir', moduleOnly).status, 0);
    } finally {
      rmSync(moduleOnly, { recursive: true, force: true });
    }
  });

  it('refuses no base or two, and a folder without the widget, with a non-zero exit', () => {
    assert.equal(run('--dir', dir).status, 1);
    assert.equal(run(BASE, BASE, '--dir', dir).status, 1);
    const empty = mkdtempSync(join(tmpdir(), 'kohort-embed-empty-'));
    try {
      const missing = run(BASE, '--dir', empty);
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /no kohort-checkout\.min\.js in/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
