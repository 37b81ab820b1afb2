/**
 * scripts/short-names.mjs, which chooses the short names terser gives the CDN entry's internal
 * property names: the most used names get the shortest, and no short name is one the code keeps.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAst } from 'rollup/parseAst';
import { propertyNamesIn, shortNamesByUse } from '../../scripts/short-names.mjs';

const isInternal = (name: string) => /^(rarely|often|announcement|_\$[A-Z][A-Za-z_])$/.test(name);

describe('shortNamesByUse', () => {
  it('gives the shortest names to the most used internal names', () => {
    const names = shortNamesByUse(parseAst('a.rarely = 1; a.often(); b.often(); c.often = d.often;'), isInternal);
    assert.deepEqual(names, { $often: 'e', $rarely: 't' });
  });

  it('counts every way a property is named: a dot, a key, a method, a class field, a string key, `in`', () => {
    const code = `x.announcement; ({ announcement: 1 }); ({ announcement() {} }); class A { announcement = 1; }
      x['announcement']; 'announcement' in x; y._$AH; z.rarely;`;
    assert.deepEqual(Object.keys(shortNamesByUse(parseAst(code), isInternal)), ['$announcement', '$_$AH', '$rarely']);
  });

  it('never gives a name the code keeps as a property, or holds as a string', () => {
    const code = `words.e = 1; ({ n: 2 }); x[flag ? 't' : 'r']; a.often; a.often; b.rarely; c._$AH;`;
    const given = Object.values(shortNamesByUse(parseAst(code), isInternal));
    assert.deepEqual(given, ['i', 's', 'o']);
  });

  it('leaves out #private names, which are not properties', () => {
    const names = shortNamesByUse(parseAst('class A { #often = 1; get x() { return this.#often; } }'), isInternal);
    assert.deepEqual(names, {});
  });

  it('goes on to two characters once the 54 single ones (letters, `_`, `$`) are taken', () => {
    const many = Array.from({ length: 60 }, (_, index) => `a._$A${String.fromCharCode(65 + (index % 26))}${index < 26 ? '' : index < 52 ? 'x' : 'y'};`);
    const isLitName = (name: string) => /^_\$A/.test(name);
    const given = Object.values(shortNamesByUse(parseAst(many.join('')), isLitName));
    assert.equal(new Set(given).size, 60);
    assert.ok(given.slice(0, 54).every((name) => name.length === 1), 'one-letter names first');
    assert.ok(given.slice(54).every((name) => name.length === 2 && !/^\d/.test(name)), 'then two characters, not starting with a digit');
  });
});

describe('propertyNamesIn', () => {
  it('lists every property name a chunk writes or reads, once, and no #private name nor variable', () => {
    const code = "const t = { money: 1, 'tell': 2 }; t.money; t['context']; class A { #x = 1; follow() {} static stop = 1 } 'changed' in t;";
    assert.deepEqual(propertyNamesIn(parseAst(code)).sort(), ['changed', 'context', 'follow', 'money', 'stop', 'tell']);
  });
});
