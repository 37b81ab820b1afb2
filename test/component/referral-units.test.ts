import { expect } from '@open-wc/testing';
import type { DiscountLevel } from '../../src/api/types.js';
import { parseReferralCode } from '../../src/referral/code.js';
import { inviteLink } from '../../src/referral/invite-link.js';
import { cashbackAmount, levelReached, nextLevel, shortName } from '../../src/referral/tiers.js';
import { formatTimeLeft, nextTickIn } from '../../src/referral/time-left.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The contract's default tiers: 2 → 5 %, 5 → 10 %, 10 → 15 %. */
const LEVELS: DiscountLevel[] = [
  { level: 1, value: 5, participants_to_unlock: 2 },
  { level: 2, value: 10, participants_to_unlock: 5 },
  { level: 3, value: 15, participants_to_unlock: 10 },
];
const [LEVEL_1, LEVEL_2, LEVEL_3] = LEVELS as [DiscountLevel, DiscountLevel, DiscountLevel];

describe('parseReferralCode', () => {
  it('reads a code typed in any case, in its canonical case', () => {
    expect(parseReferralCode('kht-test-5eed0001')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('KHT-TEST-5EED0001')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('Kht-Test-5eEd0001')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('kht-0a1b2c3d')).to.equal('KHT-0A1B2C3D');
  });

  it('ignores the spaces around a pasted code', () => {
    expect(parseReferralCode('  KHT-test-5EED0001 \n')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('\tkht-5eed0008  ')).to.equal('KHT-5EED0008');
  });

  it('reads spaces typed where the hyphens go', () => {
    expect(parseReferralCode('KHT test 5EED0001')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('kht  5eed0008')).to.equal('KHT-5EED0008');
  });

  it('reads a code pasted with what came around it: punctuation, typographic dashes, invisible characters, grouped digits', () => {
    for (const pasted of ['KHT-test-5EED0001:', 'KHT-test-5EED0001.', '«\u00a0KHT-test-5EED0001\u00a0»', '"KHT-test-5EED0001",', 'KHT–test–5EED0001', 'KHT\u2011test\u20115EED0001', 'KHT-test-5EED0001\u200B', '\uFEFFKHT-test-5EED0001', 'KHT test 5EED 0001', 'kht-test-5eed 0001']) {
      expect(parseReferralCode(pasted), JSON.stringify(pasted)).to.equal('KHT-test-5EED0001');
    }
    // Hyphens inside the digits are kept: a code in another format is sent as typed.
    expect(parseReferralCode('KHT-ABCD-1234')).to.equal('KHT-ABCD-1234');
    expect(parseReferralCode('KHT-test-5EED0001 and more')).to.equal(null);
  });

  it('reads a long text in time that grows with its length: a crafted ?kohort= of 100,000 dots or spaces does not freeze the page', () => {
    // A ratio measured in one run, not a time limit: the cost per character of 100,000 characters
    // against 3,000. Linear reading keeps it near 1 (0.4–1.7 measured); the old pattern, which
    // backtracked, made it 16. A pause of the machine, the JIT or the collector only ever adds
    // time, so each length keeps its fastest of seven batches of equal work.
    const costPerCharacter = (text: string) => {
      const batch = (runs: number) => {
        const start = performance.now();
        for (let run = 0; run < runs; run += 1) expect(parseReferralCode(text)).to.equal(null);
        return performance.now() - start;
      };
      const fastest = (runs: number) => Math.min(...Array.from({ length: 7 }, () => batch(runs)));
      // Long enough for a coarse clock (Firefox: 1 ms, with jitter) in the fastest batch too, not only
      // in one slowed by a pause: a fastest batch of 0 ms made the ratio Infinity once in Firefox.
      let runs = 1;
      let time: number;
      while ((time = fastest(runs)) < 10) runs *= 2;
      return time / runs / text.length;
    };
    for (const filler of ['.', ' ', '. ']) {
      const crafted = (length: number) => `KHT${filler.repeat(Math.round(length / filler.length))}x`;
      const ratio = costPerCharacter(crafted(100_000)) / costPerCharacter(crafted(3_000));
      expect(ratio, JSON.stringify(filler)).to.be.below(8);
    }
  });

  it('reads a code pasted from a right-to-left conversation, wrapped in direction marks (LRM, RLM, ALM, isolates, embeddings)', () => {
    const pastes = ['\u200EKHT-test-5EED0001\u200E', '\u200FKHT-test-5EED0001\u200F', 'KHT-test-\u200E5EED0001', '\u061CKHT-test-5EED0001'];
    for (const [open, close] of [['\u2066', '\u2069'], ['\u2067', '\u2069'], ['\u2068', '\u2069'], ['\u202A', '\u202C'], ['\u202B', '\u202C'], ['\u202D', '\u202C'], ['\u202E', '\u202C']]) {
      pastes.push(`${open}KHT-test-5EED0001${close}`);
    }
    for (const pasted of pastes) {
      expect(parseReferralCode(pasted), JSON.stringify(pasted)).to.equal('KHT-test-5EED0001');
    }
  });

  it('reads the older KHTPAY- codes', () => {
    expect(parseReferralCode('KHTPAY-5EED0006')).to.equal('KHTPAY-5EED0006');
    expect(parseReferralCode(' khtpay-1a2b ')).to.equal('KHTPAY-1A2B');
  });

  it('finds the code in a pasted invite link', () => {
    expect(parseReferralCode('https://shop.example.com/?kohort=kht-test-5eed0001')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('https://shop.example.com/produit?utm_source=sms&kohort=KHT-0A1B2C3D#avis')).to.equal('KHT-0A1B2C3D');
    expect(parseReferralCode('  http://localhost:4000/?kohort=KHTPAY-5EED0006 ')).to.equal('KHTPAY-5EED0006');
    expect(parseReferralCode('https://shop.example.com/parrainage/KHT-test-5EED0001')).to.equal('KHT-test-5EED0001');
    // A link that carries the code under another name: an invite-url templated `?ref={code}` or `?code={code}`.
    expect(parseReferralCode('https://shop.example.com/?ref=kht-test-5eed0001&utm_source=kohort')).to.equal('KHT-test-5EED0001');
    expect(parseReferralCode('https://shop.example.com/?code=KHT-0A1B2C3D')).to.equal('KHT-0A1B2C3D');
  });

  it('finds the code wherever an invite-url template put it: a parameter of its own name, the fragment of a single-page shop', () => {
    // Links inviteLink() builds from the README's `{code}` templates; a friend pastes what they were sent.
    for (const template of ['https://shop.example.com/?parrain={code}', 'https://shop.example.com/#/parrainage/{code}', 'https://shop.example.com/#/?kohort={code}', 'https://shop.example.com/#{code}']) {
      expect(parseReferralCode(inviteLink(template, 'KHT-test-5EED0001')!), template).to.equal('KHT-test-5EED0001');
    }
    // The kohort parameter wins over the path it was added to, and a host or a path that starts like a code is no code.
    expect(parseReferralCode('https://kht.example.com/khtpay/?kohort=KHT-0A1B2C3D')).to.equal('KHT-0A1B2C3D');
    expect(parseReferralCode('https://kht.example.com/')).to.equal(null);
  });

  it('keeps other codes that start with KHT as they are, as the contract accepts them', () => {
    expect(parseReferralCode('KHT_SPRING_2024')).to.equal('KHT_SPRING_2024');
  });

  it('finds no code in anything else', () => {
    for (const garbage of ['', '   ', 'hello', 'PAY-5EED0001', 'KHT test', '5EED0001', 'https://shop.example.com/', 'https://shop.example.com/?kohort=', 'javascript:alert(1)', 'https://[broken']) {
      expect(parseReferralCode(garbage), JSON.stringify(garbage)).to.equal(null);
    }
  });
});

describe('inviteLink', () => {
  const CODE = 'KHT-test-5EED0001';

  it('puts the code where the template says {code}', () => {
    expect(inviteLink('https://shop.example.com/parrainage/{code}', CODE)).to.equal('https://shop.example.com/parrainage/KHT-test-5EED0001');
    expect(inviteLink('https://shop.example.com/?ref={code}&utm_source=kohort', CODE)).to.equal(
      'https://shop.example.com/?ref=KHT-test-5EED0001&utm_source=kohort',
    );
  });

  it('puts the code in every {code} of the template: the shop may read the one a campaign tag comes before', () => {
    expect(inviteLink('https://shop.example.com/?utm_content={code}&kohort={code}', CODE)).to.equal(
      'https://shop.example.com/?utm_content=KHT-test-5EED0001&kohort=KHT-test-5EED0001',
    );
  });

  it('adds a kohort parameter to a plain URL, keeping its own parameters', () => {
    expect(inviteLink('https://shop.example.com', CODE)).to.equal('https://shop.example.com/?kohort=KHT-test-5EED0001');
    expect(inviteLink('https://shop.example.com/boutique?utm_source=mail', CODE)).to.equal(
      'https://shop.example.com/boutique?utm_source=mail&kohort=KHT-test-5EED0001',
    );
    expect(inviteLink('http://localhost:4000/', CODE)).to.equal('http://localhost:4000/?kohort=KHT-test-5EED0001');
  });

  it('replaces the kohort parameter of a base that has one (the page’s own address, reached from a friend’s invite), so friends join this group', () => {
    const link = inviteLink('https://shop.example.com/boutique?kohort=KHT-test-0LD0001&utm_source=mail', CODE)!;
    expect(link).to.equal('https://shop.example.com/boutique?kohort=KHT-test-5EED0001&utm_source=mail');
    expect(new URL(link).searchParams.getAll('kohort')).to.deep.equal([CODE]);
  });

  it('escapes a code that would break the URL', () => {
    expect(inviteLink('https://shop.example.com/r/{code}', 'KHT a&b')).to.equal('https://shop.example.com/r/KHT%20a%26b');
    expect(new URL(inviteLink('https://shop.example.com/', 'KHT a&b')!).searchParams.get('kohort')).to.equal('KHT a&b');
  });

  it('gives no link without a base, or for a base that is not http(s)', () => {
    expect(inviteLink(null, CODE)).to.equal(null);
    expect(inviteLink(undefined, CODE)).to.equal(null);
    expect(inviteLink('', CODE)).to.equal(null);
    expect(inviteLink('javascript:alert(1)', CODE)).to.equal(null);
    expect(inviteLink('javascript:alert("{code}")', CODE)).to.equal(null);
    expect(inviteLink('data:text/html,{code}', CODE)).to.equal(null);
    expect(inviteLink('/relative/{code}', CODE)).to.equal(null);
  });
});

describe('cashback tiers', () => {
  it('levelReached gives the highest level the participants unlock, or null below the first', () => {
    expect(levelReached(LEVELS, 0)).to.equal(null);
    expect(levelReached(LEVELS, 1)).to.equal(null);
    expect(levelReached(LEVELS, 2)).to.equal(LEVEL_1);
    expect(levelReached(LEVELS, 4)).to.equal(LEVEL_1);
    expect(levelReached(LEVELS, 5)).to.equal(LEVEL_2);
    expect(levelReached(LEVELS, 10)).to.equal(LEVEL_3);
    expect(levelReached(LEVELS, 15)).to.equal(LEVEL_3);
    expect(levelReached([], 15)).to.equal(null);
  });

  it('nextLevel gives the next level to unlock, or null once the last is reached', () => {
    expect(nextLevel(LEVELS, 0)).to.equal(LEVEL_1);
    expect(nextLevel(LEVELS, 1)).to.equal(LEVEL_1);
    expect(nextLevel(LEVELS, 2)).to.equal(LEVEL_2);
    expect(nextLevel(LEVELS, 3)).to.equal(LEVEL_2);
    expect(nextLevel(LEVELS, 9)).to.equal(LEVEL_3);
    expect(nextLevel(LEVELS, 10)).to.equal(null);
    expect(nextLevel([], 0)).to.equal(null);
  });

  it('cashbackAmount takes a percentage of the amount, rounded to the minor unit', () => {
    expect(cashbackAmount(LEVEL_1, 'PERCENTAGE', 7430, 'EUR')).to.equal(372); // 371.5 rounds up
    expect(cashbackAmount(LEVEL_2, 'PERCENTAGE', 4980, 'EUR')).to.equal(498);
    expect(cashbackAmount(LEVEL_3, 'PERCENTAGE', 8990, 'EUR')).to.equal(1349); // 1348.5
    expect(cashbackAmount({ level: 1, value: 10.5, participants_to_unlock: 2 }, 'PERCENTAGE', 999, 'EUR')).to.equal(105); // 104.895
    expect(cashbackAmount(LEVEL_1, 'PERCENTAGE', 9, 'EUR')).to.equal(0); // 0.45
    expect(cashbackAmount(LEVEL_1, 'PERCENTAGE', 1000, 'JPY')).to.equal(50);
  });

  it('cashbackAmount rounds a fractional percentage exactly, not as floats do', () => {
    // 5000 × 1.13 / 100 is 56.4999… in floats; the cashback is 56.5, rounded to 57.
    expect(cashbackAmount({ level: 1, value: 1.13, participants_to_unlock: 2 }, 'PERCENTAGE', 5000, 'EUR')).to.equal(57);
    expect(cashbackAmount({ level: 1, value: 2.5, participants_to_unlock: 2 }, 'PERCENTAGE', 1, 'EUR')).to.equal(0); // 0.025
    expect(cashbackAmount({ level: 1, value: 0.01, participants_to_unlock: 2 }, 'PERCENTAGE', 50, 'EUR')).to.equal(0); // 0.005
  });

  it('cashbackAmount turns a fixed amount in whole currency units into minor units', () => {
    expect(cashbackAmount({ level: 1, value: 5, participants_to_unlock: 2 }, 'AMOUNT', 7430, 'EUR')).to.equal(500);
    expect(cashbackAmount({ level: 2, value: 12.5, participants_to_unlock: 5 }, 'AMOUNT', 7430, 'EUR')).to.equal(1250);
    expect(cashbackAmount({ level: 1, value: 500, participants_to_unlock: 2 }, 'AMOUNT', 10_000, 'JPY')).to.equal(500);
  });

  it('cashbackAmount is zero below the first level', () => {
    expect(cashbackAmount(null, 'PERCENTAGE', 7430, 'EUR')).to.equal(0);
    expect(cashbackAmount(null, 'AMOUNT', 7430, 'EUR')).to.equal(0);
  });
});

describe('shortName', () => {
  it('shows a participant as a first name and an initial', () => {
    expect(shortName({ first_name: 'Marie', last_name: 'Dupont' })).to.equal('Marie D.');
    expect(shortName({ first_name: ' Lucas ', last_name: ' martin ' })).to.equal('Lucas M.');
    expect(shortName({ first_name: 'Élodie', last_name: 'école' })).to.equal('Élodie É.');
  });

  it('takes the whole first letter, however it is encoded, and no initial that is not a letter', () => {
    expect(shortName({ first_name: '太郎', last_name: '𠮷田' })).to.equal('太郎 𠮷.'); // outside the BMP: two UTF-16 units
    expect(shortName({ first_name: 'Émilie', last_name: 'E\u0301tienne' })).to.equal('Émilie E\u0301.'); // E + combining acute
    expect(shortName({ first_name: 'Zoë', last_name: '😀Smile' })).to.equal('Zoë');
    expect(shortName({ first_name: 'Zoë', last_name: '\u0301x' })).to.equal('Zoë');
  });

  it('takes a whole code point as the initial in a browser without Intl.Segmenter (Firefox before 125, Safari before 14.1)', () => {
    const segmenter = Object.getOwnPropertyDescriptor(Intl, 'Segmenter')!;
    Object.defineProperty(Intl, 'Segmenter', { ...segmenter, value: undefined });
    try {
      expect(shortName({ first_name: 'Marie', last_name: 'dupont' })).to.equal('Marie D.');
      expect(shortName({ first_name: '太郎', last_name: '𠮷田' })).to.equal('太郎 𠮷.'); // not half of its surrogate pair
      expect(shortName({ first_name: 'Zoë', last_name: '😀Smile' })).to.equal('Zoë');
    } finally {
      Object.defineProperty(Intl, 'Segmenter', segmenter);
    }
  });

  it('shows the first name alone without a last name', () => {
    expect(shortName({ first_name: 'Camille', last_name: null })).to.equal('Camille');
    expect(shortName({ first_name: 'Camille', last_name: '  ' })).to.equal('Camille');
    expect(shortName({ first_name: 'Camille' })).to.equal('Camille');
  });

  it('shows nothing without a first name', () => {
    expect(shortName({ first_name: null, last_name: 'Dupont' })).to.equal(null);
    expect(shortName({ first_name: '   ', last_name: 'Dupont' })).to.equal(null);
    expect(shortName(null)).to.equal(null);
    expect(shortName(undefined)).to.equal(null);
  });
});

describe('formatTimeLeft', () => {
  const unit = (locale: string, name: string, value: number, padded = false) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow', minimumIntegerDigits: padded ? 2 : 1 })
      .format(value)
      .replace(/ /g, '\u00a0');

  it('shows days and hours for more than a day', () => {
    expect(formatTimeLeft(2 * DAY + 4 * HOUR + 30 * MINUTE, 'fr-FR')).to.equal('2j\u00a04h');
    expect(formatTimeLeft(2 * DAY + 4 * HOUR + 30 * MINUTE, 'en')).to.equal('2d\u00a04h');
    expect(formatTimeLeft(DAY, 'es')).to.equal(`${unit('es', 'day', 1)}\u00a0${unit('es', 'hour', 0)}`);
  });

  it('writes German units one way, all abbreviated: "21 Std. 59 Min.", not "21h 59 Min."', () => {
    expect(formatTimeLeft(21 * HOUR + 59 * MINUTE, 'de')).to.equal('21\u00a0Std.\u00a059\u00a0Min.');
    expect(formatTimeLeft(21 * HOUR + 59 * MINUTE, 'de-AT')).to.equal('21\u00a0Std.\u00a059\u00a0Min.');
    for (const ms of [2 * DAY + 4 * HOUR, 12 * MINUTE + 3 * SECOND]) {
      expect(formatTimeLeft(ms, 'de'), `${ms} ms`).to.match(/^\d+\u00a0\p{L}+\.\u00a0\d+\u00a0\p{L}+\.$/u);
    }
  });

  it('shows hours and minutes within a day', () => {
    expect(formatTimeLeft(3 * HOUR + 5 * MINUTE + 59 * SECOND, 'fr-FR')).to.equal('3h\u00a005min');
    expect(formatTimeLeft(HOUR, 'nl')).to.equal(`${unit('nl', 'hour', 1)}\u00a0${unit('nl', 'minute', 0, true)}`);
  });

  it('shows minutes and seconds within the hour, seconds padded', () => {
    expect(formatTimeLeft(12 * MINUTE + 3 * SECOND + 900, 'fr-FR')).to.equal('12min\u00a003s');
    expect(formatTimeLeft(59 * MINUTE + 59 * SECOND, 'en')).to.equal('59m\u00a059s');
  });

  it('shows seconds alone in the last minute, and never less than zero', () => {
    expect(formatTimeLeft(9 * SECOND + 999, 'fr-FR')).to.equal('9s');
    expect(formatTimeLeft(999, 'fr-FR')).to.equal('0s');
    expect(formatTimeLeft(-5 * SECOND, 'en')).to.equal('0s');
  });

  it('never breaks across lines, in any language (a narrow card showed "21h" above "59min")', () => {
    for (const locale of ['fr-FR', 'en', 'de', 'es', 'it', 'nl']) {
      for (const ms of [2 * DAY + 4 * HOUR, 21 * HOUR + 59 * MINUTE, 12 * MINUTE + 3 * SECOND]) {
        expect(formatTimeLeft(ms, locale), `${locale}, ${ms} ms`).to.not.match(/[^\S\u00a0\u202f]/);
      }
    }
  });
});

describe('nextTickIn', () => {
  it('ticks just past the next whole second in the last hour', () => {
    expect(nextTickIn(12 * SECOND + 345)).to.equal(346);
    expect(nextTickIn(12 * SECOND)).to.equal(1);
    expect(nextTickIn(59 * MINUTE + 59 * SECOND + 500)).to.equal(501);
    expect(nextTickIn(400)).to.equal(401);
  });

  it('ticks just past the next minute when only minutes show', () => {
    expect(nextTickIn(2 * HOUR + 30 * SECOND + 250)).to.equal(30_251);
    expect(nextTickIn(3 * DAY + 1)).to.equal(2);
  });

  it('never waits longer than a tick', () => {
    for (const ms of [1, 999, 12 * SECOND, 59 * MINUTE, HOUR, 2 * HOUR + 1, 3 * DAY]) {
      const wait = nextTickIn(ms);
      expect(wait, String(ms)).to.be.greaterThan(0);
      expect(wait, String(ms)).to.be.at.most(ms < HOUR ? SECOND : MINUTE);
    }
  });

  it('does not tick once the time has run out', () => {
    expect(nextTickIn(0)).to.equal(0);
    expect(nextTickIn(-1500)).to.equal(0);
  });

  it('waits exactly until the countdown text changes', () => {
    for (const ms of [12 * SECOND + 345, 12 * SECOND, 2 * MINUTE, 2 * HOUR + 30 * SECOND + 250, HOUR + 500, 2 * HOUR]) {
      const wait = nextTickIn(ms);
      const before = formatTimeLeft(ms, 'fr-FR');
      expect(formatTimeLeft(ms - wait, 'fr-FR'), `${ms} ms, after ${wait} ms`).to.not.equal(before);
      expect(formatTimeLeft(ms - wait + 1, 'fr-FR'), `${ms} ms, 1 ms before the tick`).to.equal(before);
    }
  });
});
