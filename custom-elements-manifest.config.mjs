// `npm run analyze` (after the build): custom-elements.json from the element's JSDoc.
import { existsSync } from 'node:fs';

/** Keeps the manifest to the public surface: exported declarations only, no `#private` members, no event picked up from `#emit(type)`. */
function publicSurfaceOnly() {
  return {
    name: 'public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        // Only what the module exports (the analyzer can mistake a method's locals for module variables).
        const exported = new Set((module.exports ?? []).map((entry) => entry.declaration?.name));
        module.declarations = module.declarations?.filter((declaration) => exported.has(declaration.name));
        for (const declaration of module.declarations ?? []) {
          declaration.members = declaration.members?.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          declaration.events = declaration.events?.filter((event) => event.name.startsWith('kohort-'));
        }
      }
    },
  };
}

/**
 * Points the manifest at the files the npm package ships (`dist/….js`), not at `src/….ts`,
 * which it does not: editors and tools that follow `path` or `module` find the code.
 */
function shippedPaths() {
  const shipped = (path) => {
    if (!path.startsWith('src/') && !path.startsWith('./')) return path;
    const file = `dist/${path.replace(/^(src\/|\.\/)/, '').replace(/\.[jt]s$/, '')}`;
    // A module of types only (events, API shapes) ships as its declarations.
    return existsSync(`${file}.js`) ? `${file}.js` : `${file}.d.ts`;
  };
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
      else rewrite(value);
    }
  };
  return {
    name: 'shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      if (!existsSync('dist/kohort-checkout.component.js')) throw new Error('custom-elements.json points at dist/: build first (npm run build runs both).');
      rewrite(customElementsManifest.modules);
    },
  };
}

export default {
  globs: ['src/kohort-checkout.component.ts', 'src/kohort-checkout.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publicSurfaceOnly(), shippedPaths()],
};
