// For the CDN files' terser: which short name each internal property name becomes. terser gives
// its short names in the order it meets the names; given the most used names first, the shortest
// names go where they are written most often (24 B gzip on the module).

/** terser's own order of the characters of a name: the most frequent in minified code first. */
const CHARACTERS = 'etnrisouaflchpdvmgybwESxTNCkLAOM_DPHBjFIqRUzWXV$JKQGYZ0516372984';

/** Every name of one or two characters, shortest first, none starting with a digit. */
function* shortNames() {
  const first = CHARACTERS.replace(/\d/g, '');
  yield* first;
  for (const a of first) for (const b of CHARACTERS) yield a + b;
}

/** The AST nodes under `node`, depth first. */
function* nodesUnder(node) {
  if (typeof node?.type === 'string') yield node;
  for (const value of Object.values(node ?? {})) {
    if (Array.isArray(value)) for (const child of value) yield* nodesUnder(child);
    else if (typeof value?.type === 'string') yield* nodesUnder(value);
  }
}

/** The property name a node writes or reads, if it names one (`a.name`, `a['name']`, `{ name }`, `'name' in a`). */
function propertyNameOf(node) {
  const nameOf = (key) => (key.type === 'Identifier' ? key.name : typeof key.value === 'string' ? key.value : undefined);
  switch (node.type) {
    case 'MemberExpression':
      return node.computed ? (node.property.type === 'Literal' ? nameOf(node.property) : undefined) : nameOf(node.property);
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return node.computed ? undefined : nameOf(node.key); // a #private key is a PrivateIdentifier: not a property name
    case 'BinaryExpression':
      return node.operator === 'in' && node.left.type === 'Literal' ? nameOf(node.left) : undefined;
    default:
      return undefined;
  }
}

/** Every property name `program` (an ESTree AST) writes or reads, once each. */
export function propertyNamesIn(program) {
  const names = new Set();
  for (const node of nodesUnder(program)) {
    const name = propertyNameOf(node);
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/**
 * The short name of each property name of `program` (an ESTree AST) that `isInternal` accepts, the
 * most used first, as terser's name cache holds them (`{ $name: short }`). A short name is never a
 * property name the code keeps, which the object holding it may have too, nor a string of the code,
 * which may name one (`object[key]`).
 */
export function shortNamesByUse(program, isInternal) {
  const uses = new Map();
  const kept = new Set();
  for (const node of nodesUnder(program)) {
    const name = propertyNameOf(node);
    if (name !== undefined && isInternal(name)) uses.set(name, (uses.get(name) ?? 0) + 1);
    else if (name !== undefined) kept.add(name);
    if (node.type === 'Literal' && typeof node.value === 'string') kept.add(node.value);
  }
  const available = shortNames();
  const cache = {};
  // Equal counts keep the order met, as terser would.
  for (const [name] of [...uses].sort((a, b) => b[1] - a[1])) {
    let short;
    do short = available.next().value;
    while (kept.has(short));
    cache[`$${name}`] = short;
  }
  return cache;
}
