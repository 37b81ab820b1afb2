// The one rule for pinning the CDN module's chunks with an import map: every `chunks/…` file of
// dist/cdn/ (hashed by the shipped kohort-checkout-embed, or read from dist/cdn/integrity.json), keyed
// by its URL under the module's folder. Used by kohort-checkout-embed, the README snippet
// (scripts/readme-integrity.mjs), the demo shop (demo/pinning.ts) and the CDN example.

/** The import map's `integrity` section for the chunks in `files`, served under `base` (ends with `/`). */
export function chunkIntegrity(files, base) {
  return Object.fromEntries(
    Object.entries(files)
      .filter(([file]) => file.startsWith('chunks/'))
      .map(([file, hash]) => [`${base}${file}`, hash]),
  );
}
