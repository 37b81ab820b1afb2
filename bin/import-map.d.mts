/** The import map's `integrity` section for the chunks in `files`, served under `base` (ends with `/`). */
export function chunkIntegrity(files: Record<string, string>, base: string): Record<string, string>;
