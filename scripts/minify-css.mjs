// A rollup plugin for the CDN bundles: minifies the text of Lit's css`…` literals (comments,
// whitespace), which esbuild leaves as they are. Interpolations (`${…}`) are kept untouched.
const literal = /\bcss`([^`]*)`/g;

/** Minifies a piece of CSS text; safe for declarations and selectors (descendant spaces stay). */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([ :(,])0\.(\d)/g, '$1.$2') // 0.75em → .75em
    .replace(/ \* /g, '*') // calc(a * b): only + and - need spaces
    .trim();
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
