import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import type { CheckoutSession } from '../../src/api/types.js';
import { loadMessages, SUPPORTED_LANGUAGES, type Language, type Messages } from '../../src/i18n/index.js';
import { numberFormat } from '../../src/i18n/messages.js';
import { enGroup } from '../../src/i18n/en-group.js';
import { frGroup } from '../../src/i18n/fr-group.js';
import { API, PK, apiError, eur, json, mount, recordWarnings, sessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

/* ------------------------------------------------------------------------------------------------
 * Reading the widget's own sources, as the test server serves them.
 * ---------------------------------------------------------------------------------------------- */

/** Where the widget starts: every module it can load is reached from here through its imports. */
const ENTRY = '/src/kohort-checkout.ts';

/**
 * The original TypeScript of a served module. The test server compiles `.ts` to JavaScript with an
 * inline source map that carries the original text (types included, which the code has lost).
 */
async function originalSource(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: the test server answered ${response.status}`);
  const served = await response.text();
  const map = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(served);
  if (!map) throw new Error(`${path}: no inline source map, so the original TypeScript cannot be read`);
  const bytes = Uint8Array.from(atob(map[1]!), (char) => char.charCodeAt(0));
  const { sourcesContent } = JSON.parse(new TextDecoder().decode(bytes)) as { sourcesContent?: (string | null)[] };
  const original = sourcesContent?.[0];
  if (typeof original === 'string') return original;
  // esbuild leaves no sources for a module of types only (its output is empty): nothing to scan there.
  const code = served.slice(0, map.index).replace(/\/\*[\s\S]*?\*\/|\/\/.*$|["']use strict["'];?/gm, '');
  if (code.trim() === '') return '';
  throw new Error(`${path}: the source map has no sourcesContent`);
}

/** `import … from './x.js'`, `import './x.js'`, `export … from './x.js'` and `import('./x.js')`. */
const IMPORTS = /\b(?:import|export)\s+(type\s+)?(?:[^;'"]*?\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every module under /src/ reachable from `entry` (static, side-effect and dynamic imports), by path. */
async function sourceTree(entry: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const queue = [entry];
  while (queue.length) {
    const path = queue.shift()!;
    if (sources.has(path)) continue;
    const source = await originalSource(path);
    sources.set(path, source);
    for (const [, typeOnly, staticSpecifier, dynamicSpecifier] of withoutComments(source).matchAll(IMPORTS)) {
      if (typeOnly) continue; // `import type`, `export type * from`: nothing of it runs
      const specifier = staticSpecifier ?? dynamicSpecifier;
      const target = new URL(specifier!, new URL(path, location.origin)).pathname.replace(/\.js$/, '.ts');
      if (target.startsWith('/src/') && !sources.has(target)) queue.push(target);
    }
  }
  return sources;
}

/** Block comments and whole-line comments go, so a `t.something` in documentation is not a use. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The string literals of `type Name = 'a' | 'b' …;` in `source`. */
function unionMembers(source: string, typeName: string): string[] {
  const declaration = new RegExp(String.raw`\btype\s+${typeName}\s*=([^;]+);`).exec(source);
  if (!declaration) throw new Error(`type ${typeName} not found`);
  return [...declaration[1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

/** What the code reads from the catalogue: top-level keys, and for each nested group the keys it needs. */
interface UsedKeys {
  top: Set<string>;
  nested: Map<string, Set<string>>;
  /** `t.group[expression]` lookups, for the test to say where their keys come from. */
  dynamic: { group: string; expression: string; file: string }[];
}

const isGroup = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function usedKeys(sources: Map<string, string>, reference: Messages): UsedKeys {
  const used: UsedKeys = { top: new Set(), nested: new Map(), dynamic: [] };
  const need = (group: string, key: string) => {
    if (!used.nested.has(group)) used.nested.set(group, new Set());
    used.nested.get(group)!.add(key);
  };
  for (const [file, raw] of sources) {
    const source = withoutComments(raw);
    // `t.key`, `context.t.key`, `this.#context(x).t.key`: the messages are always called `t`.
    for (const [, key] of source.matchAll(/\bt\.([A-Za-z_$][\w$]*)/g)) used.top.add(key!);
    // `t.group.key` (only when `group` is a nested group: `t.errors.missing_attribute.body`).
    for (const [, group, key] of source.matchAll(/\bt\.([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)/g)) {
      if (isGroup((reference as unknown as Record<string, unknown>)[group!])) need(group!, key!);
    }
    // `t.group[expression]`: the literals in the expression (`status as 'COMPLETED' | …`) are needed keys.
    for (const [, group, expression] of source.matchAll(/\bt\.([A-Za-z_$][\w$]*)\[([^\]]+)\]/g)) {
      used.dynamic.push({ group: group!, expression: expression!, file });
      for (const [, literal] of expression!.matchAll(/'([^']+)'/g)) need(group!, literal!);
    }
  }
  return used;
}

/** `errors.session_not_found.title`, `payButton`…: every leaf of a catalogue, with its value. */
function leaves(object: object, prefix = ''): [string, unknown][] {
  return Object.entries(object).flatMap(([key, value]): [string, unknown][] =>
    isGroup(value) ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

type FunctionKey = { [K in keyof Messages]: Messages[K] extends (...args: never[]) => string ? K : never }[keyof Messages];

/** Arguments for every parameterised message (tsc fails here when a new one is added without its sample). */
const SAMPLE_ARGUMENTS: { [K in FunctionKey]: Parameters<Messages[K]> } = {
  quantityTimesPrice: [3, 'PRICE-29.90'],
  articles: [3],
  receiptSentTo: ['marie@example.com'],
  paidOn: ['DATE-12-03'],
  missingAttribute: ['session-id'],
  secretKey: ['sk_test_…9876'],
  errorReference: ['session_not_found (404)'],
  waitMinutes: [5],
  codeJoining: ['Marie D.'],
  codeCashback: ['AMOUNT-7.43', 'TIER-10'],
  payButton: ['AMOUNT-74.30'],
  shareText: ['Maison Kohort', 'KHT-ABC123'],
  participants: [3, 15],
  tierRow: [5],
  nextTier: [2, 'TIER-15'],
  cashbackNow: ['AMOUNT-7.43'],
  timeLeft: ['TIME-2h'],
  groupCompletedTier: ['TIER-20'],
  friendJoined: [4],
};

const call = (messages: Messages, key: FunctionKey, args: readonly unknown[]) =>
  (messages[key] as (...args: unknown[]) => string)(...args);

/** A language whole: French and English get the group view's words, which come with the group view. */
async function wholeMessages(language: Language): Promise<Messages> {
  const catalogue = await loadMessages(language);
  const groupWords = language === 'fr' ? frGroup : language === 'en' ? enGroup : {};
  return { ...groupWords, ...catalogue } as Messages;
}

async function allCatalogues(): Promise<[Language, Messages][]> {
  return Promise.all(SUPPORTED_LANGUAGES.map(async (language): Promise<[Language, Messages]> => [language, await wholeMessages(language)]));
}

const LAZY_LANGUAGES = ['de', 'es', 'it', 'nl'] as const;

describe('message catalogues', () => {
  it('have every key the widget’s code uses, in every language', async () => {
    const sources = await sourceTree(ENTRY);
    // The scan must have reached the templates, the stores and the lazily loaded catalogues.
    const reached = [...sources.keys()];
    for (const path of ['component.ts', 'templates/pay-form.ts', 'templates/group-section.ts', 'templates/group-body.ts', 'api/errors.ts', 'stores/referral.ts', 'i18n/de.ts']) {
      expect(reached.some((file) => file.endsWith(path)), `the scan should reach ${path}`).to.equal(true);
    }
    const fr = await wholeMessages('fr');
    const used = usedKeys(sources, fr);
    expect(used.top.size, 'keys found in the code').to.be.greaterThan(50);
    expect([...used.top]).to.include.members(['payButton', 'subtotal', 'errors', 'codeRefusals', 'groupEnded', 'paymentSteps']);

    // Keys looked up with a value: every member of the type the value comes from.
    const known: Record<string, { file: string; members: (source: string) => string[] }> = {
      errors: { file: '/src/api/errors.ts', members: (source) => unionMembers(source, 'CheckoutErrorCode') },
      codeRefusals: { file: '/src/stores/referral.ts', members: (source) => unionMembers(source, 'CodeRefusal') },
      paymentSteps: {
        file: '/src/stores/payment.ts',
        members: (source) => [.../\bstep:\s*((?:'[^']+'\s*\|?\s*)+)/.exec(source)![1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!),
      },
    };
    for (const { group, expression, file } of used.dynamic) {
      if (/'[^']+'/.test(expression)) continue; // its keys are the literals, already counted
      const origin = known[group];
      expect(origin, `${file}: which keys can t.${group}[${expression}] need? Add it to \`known\``).to.exist;
      const members = origin!.members(sources.get(origin!.file) ?? (await originalSource(origin!.file)));
      expect(members.length, `members of ${group}`).to.be.greaterThan(1);
      for (const member of members) used.nested.set(group, (used.nested.get(group) ?? new Set()).add(member));
    }
    // The brief of each group, as the types say: every error code and every refusal reason.
    const errorCodes = unionMembers(sources.get('/src/api/errors.ts')!, 'CheckoutErrorCode');
    const refusals = unionMembers(sources.get('/src/stores/referral.ts')!, 'CodeRefusal');
    expect(errorCodes).to.include.members(['session_not_found', 'network_error', 'payment_unknown']);
    expect(refusals).to.include.members(['NOT_FOUND', 'AMOUNT_TOO_LOW', 'UNKNOWN']);
    expect([...used.nested.get('errors')!]).to.include.members(errorCodes);
    expect([...used.nested.get('codeRefusals')!]).to.include.members(refusals);
    expect([...used.nested.get('groupEnded')!]).to.have.members(['COMPLETED', 'EXPIRED', 'CANCELED']);

    const missing: string[] = [];
    for (const [language, catalogue] of await allCatalogues()) {
      const messages = catalogue as unknown as Record<string, unknown>;
      for (const key of used.top) if (messages[key] === undefined) missing.push(`${language}: ${key}`);
      for (const [group, keys] of used.nested) {
        const entries = messages[group];
        for (const key of keys) {
          const value = isGroup(entries) ? entries[key] : undefined;
          if (value === undefined) missing.push(`${language}: ${group}.${key}`);
          else if (group === 'errors' && !(isGroup(value) && value.title && value.body)) missing.push(`${language}: ${group}.${key}.title/body`);
        }
      }
    }
    expect(missing, 'keys the code uses but a catalogue lacks').to.deep.equal([]);
  });

  it('all have exactly the keys of the French catalogue, of the same kinds', async () => {
    const fr = await wholeMessages('fr');
    const reference = leaves(fr).map(([key, value]) => `${key}: ${typeof value}`).sort();
    expect(reference).to.include.members(['errors.session_not_found.title: string', 'lineTypes.SHIPPING: string', 'payButton: function']);
    for (const [language, catalogue] of await allCatalogues()) {
      const keys = leaves(catalogue).map(([key, value]) => `${key}: ${typeof value}`).sort();
      expect(keys, `${language} against fr`).to.deep.equal(reference);
    }
  });

  it('have no empty text, and parameterised messages show their arguments', async () => {
    for (const [language, catalogue] of await allCatalogues()) {
      for (const [key, value] of leaves(catalogue)) {
        if (typeof value === 'string') {
          expect(value.trim(), `${language} ${key}`).to.not.equal('');
          expect(value, `${language} ${key}`).to.not.match(/\bundefined\b|\bnull\b|\$\{/);
        }
      }
      for (const [key, args] of Object.entries(SAMPLE_ARGUMENTS) as [FunctionKey, readonly unknown[]][]) {
        const result = call(catalogue, key, args);
        expect(result, `${language} ${key}`).to.be.a('string');
        expect(result.trim(), `${language} ${key}`).to.not.equal('');
        expect(result, `${language} ${key}`).to.not.match(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
        for (const arg of args) expect(result, `${language} ${key} shows ${String(arg)}`).to.include(String(arg));
      }
      const anonymous = catalogue.codeJoining(null);
      expect(anonymous.trim(), `${language} codeJoining(null)`).to.not.equal('');
      expect(anonymous, `${language} codeJoining(null)`).to.not.match(/\bnull\b/);
    }
  });

  it('write French as French typography does: no line can break before : ; ! ? » or after «', async () => {
    const french = (await allCatalogues()).find(([language]) => language === 'fr')![1];
    const shown = [
      ...leaves(french).filter(([, value]) => typeof value === 'string'),
      ...(Object.entries(SAMPLE_ARGUMENTS) as [FunctionKey, readonly unknown[]][]).map(([key, args]) => [key, call(french, key, args)]),
    ] as [string, string][];
    const breakable = shown.filter(([, text]) => /[ \t][:;!?»]|«[ \t]/.test(text)).map(([key]) => key);
    expect(breakable).to.deep.equal([]);
  });

  it('punctuate as each language does: “…” not "...", no stray spaces, French spaces before : ; ! ? %, Spanish ¿? ¡!, German „“', async () => {
    /** Every text a customer can read: the strings, and each message with its sample arguments, in the singular too. */
    const shown = (messages: Messages): [string, string][] => [
      ...(leaves(messages).filter(([, value]) => typeof value === 'string') as [string, string][]),
      ...(Object.entries(SAMPLE_ARGUMENTS) as [FunctionKey, readonly unknown[]][]).flatMap(([key, args]): [string, string][] => [
        [key, call(messages, key, args)],
        [`${key}(1)`, call(messages, key, args.map((arg) => (typeof arg === 'number' ? 1 : arg)))],
      ]),
    ];
    const faults: string[] = [];
    for (const [language, catalogue] of await allCatalogues()) {
      for (const [key, text] of shown(catalogue)) {
        const fault = (why: string) => faults.push(`${language} ${key}: ${why} in "${text}"`);
        if (text.includes('...')) fault('three dots, not “…”');
        if (/\s\s|^\s|\s$/.test(text)) fault('a double, leading or trailing space');
        if (/\s[,.]/.test(text)) fault('a space before , or .');
        if (/['"]/.test(text)) fault('a straight quote or apostrophe, not ’ “ ” « » „ “ ‘ ’');
        if (language === 'fr') {
          // A thin no-break space before ; ! ? (and %), a no-break space before : and inside « »: as the catalogue writes them.
          if (/(?<!\u202f)[;!?%]/.test(text)) fault('no narrow no-break space (U+202F) before ; ! ? or %');
          if (/(?<!\u00a0)[:»]|«(?!\u00a0)/.test(text)) fault('no no-break space (U+00A0) before : or » or after «');
        } else if (/\s[:;!?%]/.test(text)) fault('a space before : ; ! ? or %');
        const count = (mark: string) => text.split(mark).length - 1;
        if (language === 'es' && (count('¿') !== count('?') || count('¡') !== count('!'))) fault('a ? or ! without its ¿ or ¡');
        if (language === 'de' && (count('„') !== count('“') || /[”«»]/.test(text))) fault('quotes other than „…“');
      }
    }
    expect(faults).to.deep.equal([]);
  });

  it('read as proofread: a typed text that is not a code, a shared invitation, German set-up and group words', async () => {
    const catalogues = new Map(await allCatalogues());
    const proofread: [Language, (t: Messages) => string, string][] = [
      ['en', (t) => t.codeRefusals.INVALID_CODE, 'This is not a KohortPay code (KHT-…).'],
      ['fr', (t) => t.codeRefusals.INVALID_CODE, 'Ce n’est pas un code KohortPay (KHT-…).'],
      ['en', (t) => t.errors.unauthorized.title, 'Key not recognized'],
      ['en', (t) => t.shareText('Maison Kohort', 'KHT-ABC123'), 'Join my Maison Kohort group on KohortPay with the code KHT-ABC123: the more friends join, the more cashback we all get!'],
      ['nl', (t) => t.shareText('Maison Kohort', 'KHT-ABC123'), 'Kom in mijn groep bij Maison Kohort op KohortPay met de code KHT-ABC123: hoe meer we met zijn, hoe meer cashback we allemaal krijgen!'],
      ['de', (t) => t.errors.invalid_api_base.body, 'Die API-Adresse (api-base) ist nicht verwendbar: Es muss eine https-URL sein.'],
      ['de', (t) => t.codeRefusals.EMAIL_ALREADY_USED, 'Diese E-Mail-Adresse ist bereits in dieser Gruppe.'],
      ['de', (t) => t.groupEnded.CANCELED, 'Diese Gruppe wurde abgebrochen.'],
    ];
    for (const [language, read, expected] of proofread) expect(read(catalogues.get(language)!), language).to.equal(expected);
  });

  it('are real translations, not copies of another language', async () => {
    const catalogues = await allCatalogues();
    const strings = (messages: Messages) => {
      const shown = (key: string, value: unknown) =>
        typeof value === 'function' ? call(messages, key as FunctionKey, SAMPLE_ARGUMENTS[key as FunctionKey]) : String(value);
      return new Map(leaves(messages).map(([key, value]) => [key, shown(key, value)]));
    };
    for (const [language, catalogue] of catalogues) {
      for (const [other, otherCatalogue] of catalogues) {
        if (other === language) continue;
        const mine = strings(catalogue);
        const theirs = strings(otherCatalogue);
        const same = [...mine].filter(([key, value]) => theirs.get(key) === value).map(([key]) => key);
        // A few words are shared ("Total", "Cashback"…), but not whole catalogues.
        expect(same.length, `${language} and ${other} share ${same.join(', ')}`).to.be.lessThan(mine.size / 10);
      }
    }
  });

  it('load de, es, it and nl on their own: they import nothing but the Messages type, plural() and formatCount()', async () => {
    for (const language of LAZY_LANGUAGES) {
      const source = withoutComments(await originalSource(`/src/i18n/${language}.ts`));
      const imports = [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
      expect(imports, `${language}.ts imports`).to.deep.equal(['./messages.js']);
      expect(source, `${language}.ts exports`).to.match(new RegExp(String.raw`export const ${language}: Messages = \{`));
      const module = (await import(`../../src/i18n/${language}.ts`)) as Record<string, unknown>;
      expect(module[language], `${language}.ts exports ${language}`).to.equal(await loadMessages(language));
    }
  });
});

describe('plurals and numbers', () => {
  it('makes one number format per locale and options, and tells different options apart', () => {
    const percent = numberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });
    expect(numberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 })).to.equal(percent);
    expect(numberFormat('fr-FR')).to.equal(numberFormat('fr-FR'));
    expect(numberFormat('fr-FR').format(0.125)).to.equal('0,125');
    expect(percent.format(0.125)).to.match(/^12,5\s%$/);
    expect(numberFormat('fr-FR', { style: 'unit', unit: 'minute', unitDisplay: 'narrow', minimumIntegerDigits: 2 }).format(5)).to.equal('05min');
    expect(numberFormat('fr-FR', { style: 'unit', unit: 'minute', unitDisplay: 'narrow', minimumIntegerDigits: 1 }).format(5)).to.equal('5min');
    expect(numberFormat('en', { style: 'currency', currency: 'EUR' }).format(1.5)).to.equal('€1.50');
    expect(numberFormat('en', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(2)).to.equal('€2');
  });

  const EXPECTED: Record<Language, { articles: [string, string]; nextTier: [string, string]; friendJoined: [string, string] }> = {
    fr: {
      articles: ['1 article', '2 articles'],
      nextTier: ['Encore 1 ami → 10 %', 'Encore 2 amis → 10 %'],
      friendJoined: ['Le groupe compte 1 participant.', 'Le groupe compte maintenant 3 participants.'],
    },
    en: {
      articles: ['1 item', '2 items'],
      nextTier: ['1 more friend → 10 %', '2 more friends → 10 %'],
      friendJoined: ['The group has 1 participant.', 'The group now has 3 participants.'],
    },
    de: {
      articles: ['1 Artikel', '2 Artikel'],
      nextTier: ['Noch 1 Person → 10 %', 'Noch 2 Personen → 10 %'],
      friendJoined: ['Die Gruppe hat 1 Mitglied.', 'Die Gruppe hat jetzt 3 Mitglieder.'],
    },
    es: {
      articles: ['1 artículo', '2 artículos'],
      nextTier: ['1 amigo más → 10 %', '2 amigos más → 10 %'],
      friendJoined: ['El grupo tiene 1 participante.', 'El grupo tiene ahora 3 participantes.'],
    },
    it: {
      articles: ['1 articolo', '2 articoli'],
      nextTier: ['Ancora 1 amico → 10 %', 'Ancora 2 amici → 10 %'],
      friendJoined: ['Il gruppo conta 1 partecipante.', 'Il gruppo conta ora 3 partecipanti.'],
    },
    nl: {
      articles: ['1 artikel', '2 artikelen'],
      nextTier: ['Nog 1 vriend → 10 %', 'Nog 2 vrienden → 10 %'],
      friendJoined: ['De groep heeft 1 deelnemer.', 'De groep heeft nu 3 deelnemers.'],
    },
  };

  for (const language of SUPPORTED_LANGUAGES) {
    it(`picks the singular or the plural form in ${language}`, async () => {
      const t = await wholeMessages(language);
      const rules = new Intl.PluralRules(language);
      expect([rules.select(1), rules.select(2), rules.select(3)]).to.deep.equal(['one', 'other', 'other']);
      const expected = EXPECTED[language];
      const words = (value: string) => value.replace(/\d+/g, '#');
      expect([t.articles(1), t.articles(2)]).to.deep.equal(expected.articles);
      expect([t.nextTier(1, '10 %'), t.nextTier(2, '10 %')]).to.deep.equal(expected.nextTier);
      expect([t.friendJoined(1), t.friendJoined(3)]).to.deep.equal(expected.friendJoined);
      // A tier unlocked by one participant, and the count of a group of one (the new creator).
      expect(words(t.tierRow(1))).to.not.equal(words(t.tierRow(2)));
      if (language === 'it') expect([t.participants(1, 15), t.participants(2, 15)]).to.deep.equal(['1 partecipante su 15', '2 partecipanti su 15']);
      // Apart from the number, the two forms differ (German "Artikel" is the same word in both).
      expect(words(t.nextTier(1, '10 %'))).to.not.equal(words(t.nextTier(2, '10 %')));
      expect(words(t.friendJoined(1))).to.not.equal(words(t.friendJoined(3)));
      if (language !== 'de') expect(words(t.articles(1))).to.not.equal(words(t.articles(2)));
      // Zero takes the plural in all six languages but French.
      expect(words(t.articles(0))).to.equal(words(t.articles(language === 'fr' ? 1 : 2)));
    });

    it(`formats counts for ${language}`, async () => {
      const t = await wholeMessages(language);
      const number = (value: number) => new Intl.NumberFormat(language).format(value);
      expect(t.articles(12345)).to.include(number(12345));
      expect(t.nextTier(1500, '20 %')).to.include(number(1500));
      expect(t.friendJoined(2500)).to.include(number(2500));
      expect(t.quantityTimesPrice(12345, 'PRICE')).to.equal(`${number(12345)} × PRICE`);
    });
  }

  it('writes large counts as each language does', async () => {
    const counts = await Promise.all(SUPPORTED_LANGUAGES.map(async (language) => (await loadMessages(language)).articles(12345)));
    expect(counts).to.deep.equal([
      '12\u202f345 articles',
      '12,345 items',
      '12.345 Artikel',
      '12.345 artículos',
      '12.345 articoli',
      '12.345 artikelen',
    ]);
  });
});

describe('the widget in German, Spanish, Italian and Dutch', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  const READY: Record<(typeof LAZY_LANGUAGES)[number], { subtotal: string; pay: (amount: string) => string; cancel: string; notFound: string }> = {
    de: { subtotal: 'Zwischensumme (3 Artikel)', pay: (amount) => `${amount} bezahlen`, cancel: 'Zurück zum Shop', notFound: 'Zahlung nicht gefunden' },
    es: { subtotal: 'Subtotal (3 artículos)', pay: (amount) => `Pagar ${amount}`, cancel: 'Volver a la tienda', notFound: 'Pago no encontrado' },
    it: { subtotal: 'Subtotale (3 articoli)', pay: (amount) => `Paga ${amount}`, cancel: 'Torna al negozio', notFound: 'Pagamento non trovato' },
    nl: { subtotal: 'Subtotaal (3 artikelen)', pay: (amount) => `Betaal ${amount}`, cancel: 'Terug naar de winkel', notFound: 'Betaling niet gevonden' },
  };

  /** The catalogue arrives after the first render (English meanwhile): wait for the language. */
  describe('given from plain JavaScript with mistakes', () => {
    const warnings = recordWarnings();

    it('ignores a value of the wrong type or an empty one, says which in the console once, and keeps the rest', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      el.messages = {
        payButton: 'Payer maintenant',
        codeToggle: 42,
        subtotal: '',
        lineTypes: null,
        codeRefusals: ['Ce code n’existe pas'],
        errors: { network_error: 'Hors ligne' },
        backToShop: 'Revenir au site',
      } as unknown as KohortCheckout['messages'];
      await el.updateComplete;
      expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
      expect(text(el, '[part~="code-toggle"]')).to.equal('Vous avez un code d’un ami\u202f?');
      expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
      expect(text(el, '[part~="cancel-button"]')).to.equal('Revenir au site');
      expect(warnings).to.have.members([
        '[kohort-checkout] Ignored messages.payButton: not a function, or empty.',
        '[kohort-checkout] Ignored messages.codeToggle: not a string, or empty.',
        '[kohort-checkout] Ignored messages.subtotal: not a string, or empty.',
        '[kohort-checkout] Ignored messages.lineTypes: not a object, or empty.',
        '[kohort-checkout] Ignored messages.codeRefusals: not a object, or empty.',
        '[kohort-checkout] Ignored messages.errors.network_error: not a object, or empty.',
      ]);
      // Said once, not at every render.
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings).to.have.length(6);
    });

    it('warns of a key it does not have (misspelt), in development, but not of the group view’s words before they load', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      // The group view's words first: the check of a later key ends after theirs.
      el.messages = {
        copied: 'Copié\u202f!',
        groupEnded: { CANCELED: 'Groupe annulé.' },
        payButon: () => 'Payer',
        errors: { netwrok_error: { title: 'Hors ligne', body: '…' } },
      } as unknown as KohortCheckout['messages'];
      await el.updateComplete;
      await waitUntil(() => warnings.length >= 2, 'no warning of the misspelt keys', { timeout: 2000 });
      expect(warnings).to.have.members([
        '[kohort-checkout] Ignored messages.payButon: no such message (misspelt?).',
        '[kohort-checkout] Ignored messages.errors.netwrok_error: no such message (misspelt?).',
      ]);
      expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
    });

    it('uses its own text when the merchant’s function throws or returns no text, and says so once', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      el.messages = {
        payButton: () => {
          throw new Error('boom');
        },
        articles: () => '',
      };
      await waitForState(el, 'ready');
      expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
      expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings).to.have.members([
        '[kohort-checkout] Ignored messages.payButton: it threw. Error: boom',
        '[kohort-checkout] Ignored messages.articles: it returned no text.',
      ]);
    });

    it('shows an edit made to the same object at the next render', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      const overrides: NonNullable<KohortCheckout['messages']> = { payButton: (amount) => `Commander ${amount}` };
      el.messages = overrides;
      await waitForState(el, 'ready');
      expect(text(el, '[part~="pay-button"]')).to.equal(`Commander ${eur(7430)}`);
      overrides.payButton = (amount) => `Valider ${amount}`;
      el.requestUpdate();
      await el.updateComplete;
      expect(text(el, '[part~="pay-button"]')).to.equal(`Valider ${eur(7430)}`);
      expect(warnings).to.deep.equal([]);
    });
  });

  async function waitForText(el: KohortCheckout, selector: string, expected: string) {
    try {
      await waitUntil(() => text(el, selector) === expected, '', { timeout: 3000 });
    } catch {
      throw new Error(`${selector} never read "${expected}" (it reads "${text(el, selector)}")`);
    }
  }

  const sessionLocale = (value: string) => value as CheckoutSession['locale'];

  for (const language of LAZY_LANGUAGES) {
    it(`shows the order in ${language} with the locale attribute`, async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount({ locale: language });
      await waitForState(el, 'ready');
      const expected = READY[language];
      await waitForText(el, '.subtotal dt', expected.subtotal);
      expect(text(el, '[part~="pay-button"]')).to.equal(expected.pay(eur(7430, language)));
      expect(text(el, '[part~="total"] dd')).to.equal(eur(7430, language));
      expect(text(el, '[part~="cancel-button"]')).to.equal(expected.cancel);
      expect(shadow(el).querySelector('[part~="container"]')!.getAttribute('lang')).to.equal(language);
      if (language === 'de') {
        expect(text(el, '[part~="pay-button"]')).to.equal('74,30\u00a0€ bezahlen');
        await expect(el).to.be.accessible();
      }
    });

    it(`shows an error in ${language}`, async () => {
      stub = stubFetch(() => apiError(404, 'Not Found', 'Checkout session not found.'));
      const el = await mount({ locale: language });
      await waitForState(el, 'error');
      await waitForText(el, '[part~="message"] h2', READY[language].notFound);
    });
  }

  it('follows a session locale such as de_DE', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: sessionLocale('de_DE') })));
    const el = await mount();
    await waitForState(el, 'ready');
    await waitForText(el, '.subtotal dt', 'Zwischensumme (3 Artikel)');
    expect(text(el, '[part~="pay-button"]')).to.equal(`${eur(7430, 'de-DE')} bezahlen`);
    expect(text(el, '[part~="badge"]')).to.equal('Testmodus');
    expect(shadow(el).querySelector('[part~="container"]')!.getAttribute('lang')).to.equal('de-DE');
  });

  it('follows lang="nl" on an ancestor when neither the attribute nor the session says', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: sessionLocale('') })));
    const page = await fixture(html`<div lang="nl">
      <section><kohort-checkout session-id="cs_0123456789abcd" publishable-key=${PK} api-base=${API}></kohort-checkout></section>
    </div>`);
    const el = page.querySelector('kohort-checkout') as KohortCheckout;
    await waitForState(el, 'ready');
    await waitForText(el, '.subtotal dt', 'Subtotaal (3 artikelen)');
    expect(text(el, '[part~="pay-button"]')).to.equal(`Betaal ${eur(7430, 'nl')}`);
    expect(text(el, '[part~="pay-button"]')).to.equal('Betaal €\u00a074,30');
  });

  it('lets a locale attribute es_ES win over a French page', async () => {
    stub = stubFetch(() => apiError(404, 'Not Found', 'Checkout session not found.'));
    const page = await fixture(html`<div lang="fr">
      <kohort-checkout session-id="cs_0123456789abcd" publishable-key=${PK} api-base=${API} locale="es_ES"></kohort-checkout>
    </div>`);
    const el = page.querySelector('kohort-checkout') as KohortCheckout;
    await waitForState(el, 'error');
    await waitForText(el, '[part~="message"] h2', 'Pago no encontrado');
    expect(text(el, '[part~="message"] .reference')).to.equal('Referencia: session_not_found (404)');
  });
});

describe('the merchant’s own wording', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  const overrides: KohortCheckout['messages'] = {
    payButton: (amount) => `Commander · ${amount}`,
    errors: { session_not_found: { title: 'Oups', body: '…' } },
  };

  it('changes the overridden strings in the ready view, and only those', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const el = await mount();
    await waitForState(el, 'ready');
    expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
    el.messages = overrides;
    await el.updateComplete;
    expect(text(el, '[part~="pay-button"]')).to.equal(`Commander · ${eur(7430)}`);
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
    expect(text(el, '[part~="code-toggle"]')).to.equal('Vous avez un code d’un ami\u202f?');
    expect(text(el, '[part~="cancel-button"]')).to.equal('Retour à la boutique');
    el.messages = undefined;
    await el.updateComplete;
    expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
  });

  it('changes the overridden error, and only that one, in the error view', async () => {
    stub = stubFetch(() => apiError(404, 'Not Found', 'Checkout session not found.'));
    const el = await mount();
    el.messages = overrides;
    await waitForState(el, 'error');
    expect(text(el, '[part~="message"] h2')).to.equal('Oups');
    expect(text(el, '[part~="message"] p')).to.equal('…');
    expect(text(el, '[part~="message"] .reference')).to.equal('Référence\u00a0: session_not_found (404)');
  });

  it('keeps the other errors’ wording', async () => {
    stub = stubFetch(() => new Response('nope', { status: 500 }));
    const el = await mount({ locale: 'en' });
    el.messages = overrides;
    await waitForState(el, 'error');
    expect(text(el, '[part~="message"] h2')).to.equal('Service temporarily unavailable');
    expect(text(el, '[part~="retry-button"]')).to.equal('Try again');
  });

  it('lays the overrides over a lazily loaded language too', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const el = await mount({ locale: 'de' });
    el.messages = overrides;
    await waitForState(el, 'ready');
    await waitForText(el, '.subtotal dt', 'Zwischensumme (3 Artikel)');
    expect(text(el, '[part~="pay-button"]')).to.equal(`Commander · ${eur(7430, 'de')}`);
    expect(text(el, '[part~="cancel-button"]')).to.equal('Zurück zum Shop');
  });

  async function waitForText(el: KohortCheckout, selector: string, expected: string) {
    await waitUntil(() => text(el, selector) === expected, `${selector} never read "${expected}"`, { timeout: 3000 });
  }
});
