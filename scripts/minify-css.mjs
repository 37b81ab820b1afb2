// A rollup plugin for the CDN bundles: minifies the text of Lit's css`…` literals (comments,
// whitespace), which esbuild leaves as they are. Interpolations (`${…}`) are kept untouched.
const literal = /\bcss`([^`]*)`/g;

/** Comments, and what is kept as written: strings and url(…), whose spaces and punctuation are content. */
const commentOrKept = /\/\*[\s\S]*?\*\/|(["'])(?:\\[\s\S]|(?!\1)[^\\])*\1|\burl\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/g;

/** A private custom property's name (`--_space`): the widget's own, not among those a merchant sets (`--kohort-*`). */
const privateProperty = /--_[\w-]+/g;

/**
 * Short names for the private custom properties the style files alone name, the most used first
 * (`--_space` → `--_a`): one that other code names too (the brand colour's sheet sets `--_brand`)
 * keeps its name, and no short name is one either names already.
 */
export function shortPropertyNames(styleTexts, otherTexts) {
  const namesIn = (texts) => texts.flatMap((text) => text.match(privateProperty) ?? []);
  const namedElsewhere = new Set(namesIn(otherTexts));
  const uses = new Map();
  for (const name of namesIn(styleTexts)) uses.set(name, (uses.get(name) ?? 0) + 1);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const shortNames = [...letters, ...[...letters].flatMap((first) => [...letters].map((second) => first + second))]
    .map((short) => `--_${short}`)
    .filter((short) => !uses.has(short) && !namedElsewhere.has(short));
  // Equal counts keep the order met.
  const renamed = [...uses].filter(([name]) => !namedElsewhere.has(name)).sort((a, b) => b[1] - a[1]);
  return new Map(renamed.map(([name], index) => [name, shortNames[index]]));
}

/**
 * Minifies a piece of CSS text; safe for declarations and selectors (descendant spaces stay).
 * `shortNames` renames private custom properties outside strings (see shortPropertyNames).
 */
export function minifyCss(text, shortNames = new Map()) {
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
    .replace(privateProperty, (name) => shortNames.get(name) ?? name)
    .trim()
    .replace(/\0(\d+)\0/g, (_, index) => kept[index]);
}

/** The plugin; `shortNames` as shortPropertyNames gives them, the same for every chunk, as one chunk's styles read another's properties. */
export function minifyCssLiterals(shortNames = new Map()) {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      return { code: code.replace(literal, (_, body) => `css\`${minifyCss(body, shortNames)}\``), map: null };
    },
  };
}
