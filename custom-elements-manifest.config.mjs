// `npm run analyze` (after the build): custom-elements.json from the element's JSDoc.
import { existsSync } from 'node:fs';

/**
 * Keeps the manifest to the public surface: exported declarations only, no `#private` members,
 * no event picked up from `#emit(type)`, and no `export type { … }` listed as a JavaScript export
 * (a tool would look for a value that is not there).
 */
function publicSurfaceOnly() {
  const typeOnly = new Map(); // module path → names exported as types only
  return {
    name: 'public-surface-only',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isExportDeclaration(node) || !node.isTypeOnly) return;
      const names = typeOnly.get(moduleDoc.path) ?? new Set();
      // `export type { A, B }` by name; `export type * from './events.js'` by the module it names.
      if (node.exportClause && ts.isNamedExports(node.exportClause)) for (const element of node.exportClause.elements) names.add(element.name.text);
      else if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) names.add(`* from ${node.moduleSpecifier.text.replace(/^\.\/|\.[jt]s$/g, '')}`);
      typeOnly.set(moduleDoc.path, names);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const types = typeOnly.get(module.path);
        const isType = (entry) =>
          types.has(entry.name) || (entry.name === '*' && types.has(`* from ${entry.declaration?.module?.replace(/^(src\/|\.\/)|\.[jt]s$/g, '')}`));
        if (types) module.exports = module.exports?.filter((entry) => !isType(entry));
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
