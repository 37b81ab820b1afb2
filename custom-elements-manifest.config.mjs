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
          // A private field's reactive property (Lit's `state: true`) has no attribute: the analyzer lists one unless told `attribute: false`.
          const privateFields = new Set(declaration.members?.filter((member) => member.privacy === 'private').map((member) => member.name));
          declaration.attributes = declaration.attributes?.filter((attribute) => !privateFields.has(attribute.fieldName));
          declaration.members = declaration.members?.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          declaration.events = declaration.events?.filter((event) => event.name.startsWith('kohort-'));
        }
      }
    },
  };
}

/**
 * Links what the analyzer leaves loose, as the schema wants it: the tag registered by our own
 * `defineElement('kohort-checkout', KohortCheckout)` (the analyzer knows only
 * `customElements.define`) becomes a `custom-element-definition` export of the module that calls
 * it, and an export of an imported name (`export { KohortCheckout }` in the definer) points at
 * the module that declares it rather than at itself.
 */
function linkedDefinitions() {
  const definitions = new Map(); // module path → [tag name, class name][]
  return {
    name: 'linked-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, constructor] = node.arguments;
      if (!tag || !constructor || !ts.isStringLiteral(tag) || !ts.isIdentifier(constructor)) throw new Error(`${moduleDoc.path}: defineElement('tag', Class) expected`);
      definitions.set(moduleDoc.path, [...(definitions.get(moduleDoc.path) ?? []), [tag.text, constructor.text]]);
    },
    packageLinkPhase({ customElementsManifest }) {
      const { modules } = customElementsManifest;
      const declaring = (name) => modules.filter((module) => module.declarations?.some((declaration) => declaration.name === name));
      for (const module of modules) {
        for (const entry of module.exports ?? []) {
          const target = modules.find((candidate) => candidate.path === (entry.declaration?.module ?? module.path));
          if (entry.name === '*' || entry.declaration?.package || target?.declarations?.some((declaration) => declaration.name === entry.declaration.name)) continue;
          const [owner, ...others] = declaring(entry.declaration.name);
          if (!owner || others.length) throw new Error(`${module.path}: cannot tell which module declares ${entry.declaration.name} (add it to the globs)`);
          entry.declaration.module = owner.path;
        }
        for (const [tagName, className] of definitions.get(module.path) ?? []) {
          const [owner] = declaring(className).filter((candidate) => candidate.declarations.some((declaration) => declaration.tagName === tagName));
          if (!owner) throw new Error(`${module.path}: no class ${className} with @tagname ${tagName}`);
          module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: tagName, declaration: { name: className, module: owner.path } }];
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
  // version.ts: the definer re-exports its VERSION.
  globs: ['src/kohort-checkout.component.ts', 'src/kohort-checkout.ts', 'src/version.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publicSurfaceOnly(), linkedDefinitions(), shippedPaths()],
};
