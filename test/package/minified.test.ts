/**
 * What the template and CSS minifiers (unit-tested in test/scripts) left in the built CDN module:
 * no plain attribute value and no identifier in an attribute selector still in quotes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.ts';

const module = readFileSync(join(root, 'dist/cdn/kohort-checkout.min.js'), 'utf8');
const classic = readFileSync(join(root, 'dist/cdn/kohort-checkout.iife.min.js'), 'utf8');

test('the CDN module has no plain attribute value left in quotes', () => {
  assert.match(module, /<div class=container part=container lang=/);
  assert.doesNotMatch(module, /\s(class|part|id|type)="[\w-]+"/);
});

test('the CDN module has no quoted identifier left in an attribute selector', () => {
  assert.match(module, /:host\(\[theme=dark\]\)/);
  assert.doesNotMatch(module, /\[[\w-]+='[a-zA-Z_][\w-]*'\]/);
});

test('the CDN files shorten the names of their internal objects, and keep those a page or the API reads', () => {
  for (const file of [module, classic]) {
    assert.doesNotMatch(file, /\b(onCodeApply|showExpired|recheck|articleCount|testProvider|retryAfterMs|settleDelaysMs|announcement|codeInput|refuse|delays|language|subscribe|onChange)\b/);
    assert.doesNotMatch(file, /[.,{]summary\b/, 'a listed name the DOM also has');
    assert.match(file, /\bpaymentIntentId\b/);
    assert.match(file, /\bpublishableKey\b/);
    assert.match(file, /\bcustomerEmail\b/);
    assert.match(file, /\bcheckoutSessionId\b/);
  }
});

test("the CDN files shorten lit's private names, and keep the markers another copy of lit reads", () => {
  for (const file of [module, classic]) {
    assert.doesNotMatch(file, /\._\$[A-Z][A-Za-z_](?![\w$])/);
    assert.match(file, /_\$litType\$/);
    assert.match(file, /_\$litPart\$/);
  }
});

test("the CDN files make no lit directive, on which another copy of lit would call lit's stable names shortened here", () => {
  // A page's lit-element-hydrate-support renders the element's templates with the page's lit-html, which
  // calls a directive's _$AT and _$AS: shortened here, the widget would throw and show nothing.
  for (const file of [module, classic]) assert.doesNotMatch(file, /_\$litDirective\$:/);
});

test('the CDN files give their private custom properties short names, each set where the styles read it, and keep those code sets', () => {
  const groupChunk = readdirSync(join(root, 'dist/cdn/chunks')).find((name) => /^group-view-.*\.min\.js$/.test(name));
  assert.ok(groupChunk, 'the group view chunk is built');
  const moduleAndGroup = module + readFileSync(join(root, 'dist/cdn/chunks', groupChunk), 'utf8');
  for (const files of [moduleAndGroup, classic]) {
    assert.doesNotMatch(files, /--_(space|radius|d-text|d-notice-bg)\b/);
    assert.match(files, /:host\{--_brand:\$\{/, "the brand colour's sheet sets --_brand by its name");
    const set = new Set(files.match(/--_[\w-]+(?=:)/g));
    for (const [, name] of files.matchAll(/var\((--_[\w-]+)/g)) assert.ok(set.has(name), `${name} is read but never set`);
  }
});

test('the CDN module names its chunks with 6 characters of their content hash, rollup\'s least, not 8', () => {
  const chunks = readdirSync(join(root, 'dist/cdn/chunks'));
  assert.equal(chunks.length, 5, 'the group view and four languages');
  for (const name of chunks) {
    assert.match(name, /^(group-view|de|es|it|nl)-[\w-]{6}\.min\.js$/, name);
    assert.ok(module.includes(`"./chunks/${name}"`), `the module imports ${name} by that name`);
  }
});

test('the CDN module and the group view chunk shorten alike the names of the objects they hand each other, and the chunk its own', () => {
  const groupChunk = readdirSync(join(root, 'dist/cdn/chunks')).find((name) => /^group-view-.*\.min\.js$/.test(name));
  assert.ok(groupChunk, 'the group view chunk is built');
  const group = readFileSync(join(root, 'dist/cdn/chunks', groupChunk), 'utf8');
  for (const file of [module, group, classic]) {
    assert.doesNotMatch(file, /[.,{](follow|stop|controller|response|context|announce|tell|changed|config)\b(?!-)/);
  }
  // And the names the group view's code alone uses, there and in the classic script.
  for (const file of [group, classic]) assert.doesNotMatch(file, /[.,{](remaining|\$group|groupId|onCopy|onShare|canShare|copyStatus)\b/);
  // The element hands the group view its callbacks under the short names the chunk calls.
  const handed = /new \w+\(this,\{inviteUrl:\(\)=>this\.inviteUrl,(\w+):\(\)=>.*?,(\w+):\w+=>.*?,(\w+):\(\w+,\w+\)=>.*?,(\w+):\w+=>this\.#\w+\("kohort-group-change"/.exec(module);
  assert.ok(handed, 'the module creates the group view with its callbacks');
  for (const name of handed.slice(1)) assert.match(group, new RegExp(`\\.${name}\\(`), `the chunk calls ${name}`);
});
