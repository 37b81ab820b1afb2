/**
 * The widget pinned the way a careful merchant pins it: Subresource Integrity on the script,
 * and an import map carrying the integrity of every chunk the module may load later (the
 * group view, the other languages), so no file runs unchecked. Read from the build's
 * dist/cdn/integrity.json on each page, so a rebuild is picked up without a restart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chunkIntegrity } from '../bin/import-map.mjs';

export interface Pinning {
  /** Integrity of each CDN file, by its path under /cdn/. */
  files: Record<string, string>;
  /** The import map's text: `{"integrity": {"/cdn/chunks/…": "sha384-…"}}`. */
  importMap: string;
  /** Its CSP source, `'sha256-…'`: an import map is an inline script. */
  importMapSource: string;
}

const MANIFEST = new URL('../dist/cdn/integrity.json', import.meta.url);

export function readPinning(): Pinning | null {
  let files: Record<string, string>;
  try {
    ({ files } = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { files: Record<string, string> });
  } catch {
    return null; // not built: the pages load the widget unpinned
  }
  const importMap = JSON.stringify({ integrity: chunkIntegrity(files, '/cdn/') });
  const importMapSource = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  return { files, importMap, importMapSource };
}
