// `npm run analyze`: custom-elements.json from the element's JSDoc.

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

export default {
  globs: ['src/kohort-checkout.component.ts', 'src/kohort-checkout.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publicSurfaceOnly()],
};
