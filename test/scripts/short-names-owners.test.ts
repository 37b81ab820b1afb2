/**
 * The CDN files shorten the property names rollup.config.mjs lists, on every object of the code: one
 * that is also read or written on an object the widget does not own (an event's key, a Response's
 * headers, a Locale's language, Stripe's answer) would be shortened there too and break only the
 * built files, which the component tests do not run. The type checker says whose property each
 * use of a listed name in src is: it must be src's own, or nanostores' (bundled, and shortened with it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The build's own list (rollup.config.mjs has no types: imported by a path the checker does not follow).
const config = '../../rollup.config.mjs';
const { shortenedName } = (await import(config)) as { shortenedName: RegExp };
const root = fileURLToPath(new URL('../../', import.meta.url));
const owned = (fileName: string) => fileName.startsWith(`${root}src/`) || fileName.includes('/node_modules/nanostores/');

/** Each place src names a listed property on an object whose type someone else declares. */
function foreignUses(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const found: string[] = [];
  const propertiesOf = (type: ts.Type | undefined, name: string) =>
    (type?.isUnion() ? type.types : type ? [type] : []).map((part) => checker.getPropertyOfType(part, name)).filter((symbol) => symbol !== undefined);
  const check = (node: ts.Node, name: string, symbols: ts.Symbol[]) => {
    if (!shortenedName.test(name)) return;
    const foreign = symbols.flatMap((symbol) => symbol.declarations ?? []).find((declaration) => !owned(declaration.getSourceFile().fileName));
    if (!foreign) return;
    const where = node.getSourceFile();
    const { line } = where.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${where.fileName.slice(root.length)}:${line + 1} ${name}, declared in ${foreign.getSourceFile().fileName.replace(/.*\/node_modules\//, '')}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) check(node, node.name.text, propertiesOf(checker.getTypeAtLocation(node.expression), node.name.text));
    else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
      check(node, node.argumentExpression.text, propertiesOf(checker.getTypeAtLocation(node.expression), node.argumentExpression.text));
    } else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) && ts.isObjectLiteralExpression(node.parent)) {
      const name = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
      if (name) check(node, name, propertiesOf(checker.getContextualType(node.parent), name));
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key)) check(node, key.text, propertiesOf(checker.getTypeAtLocation(node.parent), key.text));
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (file.fileName.startsWith(`${root}src/`)) visit(file);
  return found;
}

test('src names every shortened property on its own objects only, never on a DOM, Intl or merchant object', () => {
  assert.deepEqual(foreignUses(), []);
});

/** Every property name of the package's public types (src/kohort-checkout.ts's exports, and what they hold), but private and protected members. */
function publicNames(): Set<string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(`${root}src/kohort-checkout.ts`)!)!;
  const names = new Set<string>();
  const seen = new Set<ts.Type>();
  const hidden = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;
  const visit = (type: ts.Type): void => {
    if (seen.has(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach(visit);
    for (const property of checker.getPropertiesOfType(type)) {
      const declarations = property.declarations ?? [];
      if (!declarations.some((declaration) => owned(declaration.getSourceFile().fileName))) continue;
      if (property.name.startsWith('#') || declarations.some((declaration) => ts.getCombinedModifierFlags(declaration) & hidden)) continue;
      names.add(property.name);
      visit(checker.getTypeOfSymbol(property));
    }
  };
  for (const exported of checker.getExportsOfModule(entry)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    visit(checker.getDeclaredTypeOfSymbol(symbol));
  }
  return names;
}

test('the CDN files shorten no name a page reads or sets: the public types\' properties (the element\'s, the events\' details) stay', () => {
  const names = publicNames();
  // Enough found to mean something: the element's properties and the events' fields.
  for (const name of ['publishableKey', 'sessionId', 'amountTotal']) assert.ok(names.has(name), `${name} is found among the public names`);
  assert.deepEqual([...names].filter((name) => shortenedName.test(name)), []);
});
