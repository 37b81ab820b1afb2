// A rollup plugin for the CDN bundles: minifies the text of Lit's css`…` literals (comments,
// whitespace), which esbuild leaves as they are. Interpolations (`${…}`) are kept untouched.
const literal = /\bcss`([^`]*)`/g;

/** Comments, and what is kept as written: strings and url(…), whose spaces and punctuation are content. */
const commentOrKept = /\/\*[\s\S]*?\*\/|(["'])(?:\\[\s\S]|(?!\1)[^\\])*\1|\burl\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/g;

/** Minifies a piece of CSS text; safe for declarations and selectors (descendant spaces stay). */
export function minifyCss(text) {
  const kept = [];
  return text
    .replace(commentOrKept, (match) => (match.startsWith('/*') ? '' : `\0${kept.push(match) - 1}\0`))
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([ :(,])0\.(\d)/g, '$1.$2') // 0.75em → .75em
    .replace(/ \* /g, '*') // calc(a * b): only + and - need spaces
    // [theme='dark'] → [theme=dark]: an identifier needs no quotes (other kept strings stay as written).
    .replace(/\[([\w-]+[~|^$*]?)=\0(\d+)\0\]/g, (match, name, index) => {
      const quoted = /^(["'])([a-zA-Z_][\w-]*)\1$/.exec(kept[index]);
      return quoted ? `[${name}=${quoted[2]}]` : match;
    })
    .trim()
    .replace(/\0(\d+)\0/g, (_, index) => kept[index]);
}

export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      return { code: code.replace(literal, (_, body) => `css\`${minifyCss(body)}\``), map: null };
    },
  };
}
