// A rollup plugin for the CDN bundles, after esbuild: in the widget's lit html`…` templates, each
// run of whitespace that holds a line break (the source's indentation) becomes one space, and the
// quotes around a static attribute value made of letters, digits, `_` and `-` go (`class="hint"` →
// `class=hint`, which the HTML parser reads the same; not before `/`, where `alt=x/>` would keep
// the `/`, nor at the end of a static part, where `class=a${x}` would take in the expression).
// The page renders the same (white-space is never pre in the widget); only the templates' text
// is shorter.

/** Collapses the source's indentation to one space and unquotes plain static attribute values. */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ').replace(/(\s[\w-]+)="([\w-]+)"(?!\/|$)/g, '$1=$2');
}

/** The AST nodes under `node`, depth first. */
function* nodesUnder(node) {
  if (!node || typeof node !== 'object') return;
  if (typeof node.type === 'string') yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* nodesUnder(child);
    else if (value && typeof value === 'object' && typeof value.type === 'string') yield* nodesUnder(value);
  }
}

export function minifyHtmlLiterals() {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('"lit"')) return null;
      const ast = this.parse(code);
      // The local name esbuild gave lit's `html`.
      const tags = new Set();
      for (const node of ast.body) {
        if (node.type !== 'ImportDeclaration' || node.source.value !== 'lit') continue;
        for (const specifier of node.specifiers) if (specifier.imported?.name === 'html') tags.add(specifier.local.name);
      }
      if (!tags.size) return null;
      const edits = [];
      for (const node of nodesUnder(ast)) {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !tags.has(node.tag.name)) continue;
        for (const quasi of node.quasi.quasis) {
          const raw = code.slice(quasi.start, quasi.end);
          const minified = minifyHtml(raw);
          if (minified !== raw) edits.push([quasi.start, quasi.end, minified]);
        }
      }
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
