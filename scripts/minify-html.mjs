// A rollup plugin for the CDN bundles, after esbuild: in the widget's lit html`…` templates, each
// run of whitespace that holds a line break (the source's indentation) becomes one space, or none
// where it touches the start or end tag of a block (<div>, <p>, <li>, <br>…) or the inside of a
// button's tags: there it starts or ends a line, where CSS drops it anyway. The quotes around a
// static attribute value made of letters, digits, `_` and `-` go (`class="hint"` → `class=hint`,
// which the HTML parser reads the same; not before `/`, where `alt=x/>` would keep the `/`, nor
// before an expression, where `class=a${x}` would take in the expression).
// The page renders the same (white-space is never pre in the widget, no block is made inline);
// only the templates' text is shorter.

/** Elements whose tags start or end a line: block boxes in the widget's styles, and <br>. */
const lineBreaking = /^(div|p|h[1-6]|ul|ol|li|dl|dt|dd|section|header|form|br)$/i;

/** Marks an expression between two static parts in the text minifyHtml is given (see the plugin). */
const EXPRESSION = '\0';

/** The tag just before `end` (`…<p class=a>`, `</li>`), if the text there ends one. */
const tagEndingAt = (text, end) => /<(\/?)([a-zA-Z][\w-]*)[^<>]*>$/.exec(text.slice(0, end));
/** The tag starting at `start`, if one does. */
const tagStartingAt = (text, start) => /^<(\/?)([a-zA-Z][\w-]*)/.exec(text.slice(start));

/**
 * Shortens a template's static text; `\0` stands for each expression, between two static parts.
 * A line break with its indentation is dropped next to a block's tag, or inside a button's; else it is one space.
 */
export function minifyHtml(text) {
  return text
    .replace(/\s*\n\s*/g, (space, start) => {
      const before = tagEndingAt(text, start);
      const after = tagStartingAt(text, start + space.length);
      const startsLine = before && (lineBreaking.test(before[2]) || (before[2] === 'button' && !before[1]));
      const endsLine = after && (lineBreaking.test(after[2]) || (after[2] === 'button' && after[1]));
      return startsLine || endsLine ? '' : ' ';
    })
    .replace(/(\s[\w-]+)="([\w-]+)"(?!\/|\0|$)/g, '$1=$2');
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
        // The static parts are minified as one text, so each sees the tags around it across expressions.
        const { quasis } = node.quasi;
        const raw = quasis.map((quasi) => code.slice(quasi.start, quasi.end));
        const minified = minifyHtml(raw.join(EXPRESSION)).split(EXPRESSION);
        quasis.forEach((quasi, index) => minified[index] !== raw[index] && edits.push([quasi.start, quasi.end, minified[index]]));
      }
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
