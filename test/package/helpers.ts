/** Shared by the package tests: what `npm pack` would ship, and a consumer project that installed it. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  sideEffects: string[];
  files: string[];
  customElements?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** The paths `npm pack` would put in the tarball, relative to the package root. */
export function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [report] = JSON.parse(output) as [{ files: { path: string }[] }];
  return report.files.map((file) => file.path).sort();
}

/** Every file an `exports` entry points at (conditions flattened), with its subpath. */
export function exportTargets(): { subpath: string; condition: string; target: string }[] {
  return Object.entries(packageJson.exports).flatMap(([subpath, value]) =>
    typeof value === 'string'
      ? [{ subpath, condition: 'default', target: value }]
      : Object.entries(value).map(([condition, target]) => ({ subpath, condition, target })),
  );
}

/**
 * A throwaway project with the packed files installed as `node_modules/kohort-checkout`
 * (copied, as npm would) and the named packages linked from this repository's
 * node_modules; `[name, installedAs]` links one under another name (`['preact', 'preact-10']`:
 * an older major kept as an aliased devDependency). Nothing else is installed: a package not
 * named is missing.
 */
export function consumerProject(linked: (string | [name: string, installedAs: string])[], files = packedFiles()): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kohort-consumer-'));
  const installed = join(dir, 'node_modules', 'kohort-checkout');
  for (const file of files) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    cpSync(join(root, file), join(installed, file));
  }
  for (const entry of linked) {
    const [name, installedAs] = typeof entry === 'string' ? [entry, entry] : entry;
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', installedAs), join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
