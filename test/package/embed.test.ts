/**
 * The package's `kohort-checkout-embed` command, installed as npm installs it: what it prints for a
 * merchant's own server carries the build's hashes (dist/cdn/integrity.json) at that server's URLs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { consumerProject, packageJson, packedFiles, root } from './helpers.ts';

const BASE = 'https://static.shop.example/kohort/0.1.0/';
const built = JSON.parse(readFileSync(join(root, 'dist/cdn/integrity.json'), 'utf8')) as { files: Record<string, string> };

describe('kohort-checkout-embed, from the npm package', () => {
  let project: ReturnType<typeof consumerProject>;
  let command: string;
  before(() => {
    const files = packedFiles();
    const bin = (packageJson as unknown as { bin: Record<string, string> }).bin['kohort-checkout-embed']!.replace(/^\.\//, '');
    assert.ok(files.includes(bin), `${bin} is not packed`);
    project = consumerProject([], files);
    // What npm install does for a bin: a link in node_modules/.bin, run through its #! line.
    command = join(project.dir, 'node_modules', '.bin', 'kohort-checkout-embed');
    mkdirSync(join(project.dir, 'node_modules', '.bin'));
    symlinkSync(join('..', 'kohort-checkout', bin), command);
  });
  after(() => project.remove());

  const run = (...args: string[]) => execFileSync(command, args, { cwd: project.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  it('prints the import map and the module tag with the hashes of this build, at the merchant\'s URLs', () => {
    const html = run(BASE);
    const map = html.match(/<script type="importmap">\n([\s\S]*?)\n<\/script>/);
    assert.ok(map, html);
    const chunks = Object.entries(built.files).filter(([file]) => file.startsWith('chunks/'));
    assert.ok(chunks.some(([file]) => file.startsWith('chunks/group-view-')), 'the group view is a chunk');
    assert.deepEqual(
      (JSON.parse(map[1]!) as { integrity: Record<string, string> }).integrity,
      Object.fromEntries(chunks.map(([file, hash]) => [`${BASE}${file}`, hash])),
    );
    assert.match(html, new RegExp(`<script type="module" src="${BASE}kohort-checkout\\.min\\.js" integrity="${built.files['kohort-checkout.min.js']!.replace(/[+/]/g, '\\$&')}" crossorigin="anonymous"></script>`));
  });

  it('prints the classic script with the hash of this build', () => {
    assert.equal(
      run(BASE, '--classic'),
      `<script src="${BASE}kohort-checkout.iife.min.js" integrity="${built.files['kohort-checkout.iife.min.js']}" crossorigin="anonymous" defer></script>\n`,
    );
  });
});
