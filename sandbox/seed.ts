/**
 * The sandbox's starting data: one merchant, a session for each state the widget must
 * render, and a group for each way a referral code can be answered. Ids are fixed so
 * tests and the demo can link to them.
 */
import type { LineItem } from '../src/api/types.ts';
import type { NewSession, SandboxDb } from './db.ts';
import { defaultGroupSettings } from './group-rules.ts';
import { seedId, sessionShareId } from './ids.ts';
import type { GroupRecord, OrganizationRecord, SandboxKeys } from './types.ts';

export const DEFAULT_KEYS: SandboxKeys = {
  publishableTest: 'pk_test_sandbox_kohort0000000000000000',
  secretTest: 'sk_test_sandbox_kohort0000000000000000',
  publishableLive: 'pk_live_sandbox_kohort0000000000000000',
  secretLive: 'sk_live_sandbox_kohort0000000000000000',
};

export const DEFAULT_SHOP_ORIGIN = 'http://localhost:4000';
export const LOGO_PATH = '/sandbox/assets/logo.svg';
const LIVE_GROUP_MINUTES = 7 * 24 * 60;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function seededSession<K extends string>(key: K, label: string, n: number, livemode = false) {
  const id = seedId('cs_', n);
  return { key, label, id, shareId: sessionShareId(livemode, id), livemode };
}

export const SEEDED_SESSIONS = [
  seededSession('open-small', 'Panier simple : 3 articles, 89,90 €', 0xa1),
  seededSession('open-all-types', 'Tous les types de lignes (livraison, remise, carte cadeau, avoir)', 0xa2),
  seededSession('open-200', '200 articles', 0xa3),
  seededSession('under-minimum', 'Sous le minimum d’achat des groupes (15,00 €)', 0xa4),
  seededSession('english', 'English checkout (en_US)', 0xb1),
  seededSession('completed', 'Déjà payée : la payeuse est dans un groupe ouvert à 3', 0xc1),
  seededSession('expired', 'Expirée', 0xe1),
  seededSession('expiring', 'Expire 2 minutes après le démarrage du sandbox', 0xe2),
  seededSession('live', 'Mode live (lisible avec les clés live seulement)', 0xf1, true),
] as const;

export type SeededSessionKey = (typeof SEEDED_SESSIONS)[number]['key'];

function seededGroup<K extends string>(key: K, label: string, n: number, shareId: string, livemode = false) {
  return { key, label, id: seedId('pg_', n), shareId, livemode };
}

export const SEEDED_GROUPS = [
  seededGroup('open', 'Ouvert, 3 participants (groupe de la session payée)', 1, 'KHT-test-5EED0001'),
  seededGroup('full', 'Complet : max_participants (3) atteint', 2, 'KHT-test-5EED0002'),
  seededGroup('expired', 'Expiré, seul participant', 3, 'KHT-test-5EED0003'),
  seededGroup('completed', 'Terminé à 5 participants (10 %)', 4, 'KHT-test-5EED0004'),
  seededGroup('canceled', 'Annulé', 5, 'KHT-test-5EED0005'),
  seededGroup('old-format', 'Ancien format de code (KHTPAY-…)', 6, 'KHTPAY-5EED0006'),
  seededGroup('email-used', 'Ouvert, ami@kohort.test y participe déjà', 7, 'KHT-test-5EED0007'),
  seededGroup('live', 'Ouvert, mode live', 8, 'KHT-5EED0008', true),
] as const;

export type SeededGroupKey = (typeof SEEDED_GROUPS)[number]['key'];

const sessionId = (key: SeededSessionKey): string => SEEDED_SESSIONS.find((s) => s.key === key)?.id ?? '';
const seededGroupOf = (key: SeededGroupKey) => SEEDED_GROUPS.find((g) => g.key === key) ?? SEEDED_GROUPS[0];

export function buildOrganization(options: { testGroupMinutes: number; shopOrigin: string }): OrganizationRecord {
  return {
    id: 'org_5eed0000000001',
    name: 'Maison Kohort',
    website_url: options.shopOrigin,
    image_path: LOGO_PATH,
    brand_settings: [
      { livemode: false, color: 'C62344', logo_path: LOGO_PATH },
      { livemode: true, color: 'C62344', logo_path: LOGO_PATH },
    ],
    payment_group_settings: {
      test: defaultGroupSettings(options.testGroupMinutes),
      live: defaultGroupSettings(LIVE_GROUP_MINUTES),
    },
  };
}

type SeedLine = NewSession['line_items'][number];
/** Served by the sandbox itself (`/sandbox/assets/products/…`); made absolute with its origin when read. */
const IMAGES = '/sandbox/assets/products';

const product = (name: string, price: number, quantity = 1, image?: string, description?: string): SeedLine => ({
  name,
  price,
  quantity,
  type: 'PRODUCT',
  image_url: image ? `${IMAGES}/${image}` : null,
  description: description ?? null,
});
const line = (type: LineItem['type'], name: string, price: number): SeedLine => ({ name, price, quantity: 1, type });
const sum = (items: SeedLine[]): number => items.reduce((total, item) => total + item.price * item.quantity, 0);

interface Person {
  first_name: string;
  last_name: string;
  email: string;
}
const person = (first_name: string, last_name: string, email: string): Person => ({ first_name, last_name, email });

interface SeedGroupOptions {
  createdAt: number;
  minutes: number;
  people: Array<Person & { amount?: number }>;
  maxParticipants?: number;
  cancel?: boolean;
}

/**
 * A group with its paid participants, then moved to its final state. Its expiry is held off
 * while people join, or an already-past group would close after its first participant.
 */
function seedGroup(
  db: SandboxDb,
  nextSerial: () => number,
  key: SeededGroupKey,
  options: SeedGroupOptions,
): GroupRecord {
  const { id, shareId, livemode } = seededGroupOf(key);
  const [creator] = options.people;
  const settings = { ...structuredClone(db.settingsFor(livemode)), minutes_duration: options.minutes };
  if (options.maxParticipants) settings.max_participants = options.maxParticipants;
  const record = db.createGroup({
    id,
    share_id: shareId,
    livemode,
    creator_email: creator?.email ?? null,
    creator_first_name: creator?.first_name ?? null,
    creator_last_name: creator?.last_name ?? null,
    created_at: options.createdAt,
    settings,
  });
  const expiresAt = record.expires_at;
  record.expires_at = Number.POSITIVE_INFINITY;
  options.people.forEach((someone, index) => {
    const serial = nextSerial();
    db.addPaidParticipant(record, {
      ...someone,
      amount: someone.amount ?? 4990 + index * 1000,
      session_id: seedId('cs_', serial),
      intent_id: seedId('pi_', serial),
      at: options.createdAt + index * 5 * MINUTE,
    });
  });
  record.expires_at = expiresAt;
  if (options.cancel) db.cancelGroup(record);
  db.refreshGroup(record);
  return record;
}

export function seedSandbox(db: SandboxDb, options: { shopOrigin: string }): void {
  const start = db.now();
  // Participants' sessions and intents are numbered from 0x101, clear of the named sessions.
  let serial = 0x100;
  const nextSerial = (): number => (serial += 1);
  const group = (key: SeededGroupKey, groupOptions: SeedGroupOptions): GroupRecord =>
    seedGroup(db, nextSerial, key, groupOptions);
  const urls = { success_url: `${options.shopOrigin}/success`, cancel_url: `${options.shopOrigin}/cancel` };
  const open = (key: SeededSessionKey, items: SeedLine[], extra: Partial<NewSession> = {}, minutesAgo = 5) =>
    db.createSession({
      id: sessionId(key),
      livemode: false,
      amount_total: sum(items),
      line_items: items,
      expires_at: start + DAY,
      created_at: start - minutesAgo * MINUTE,
      ...urls,
      ...extra,
    });

  // Groups first: the paid session below belongs to the "open" one.
  const openGroup = group('open', {
    createdAt: start - 2 * HOUR,
    minutes: 24 * 60,
    people: [
      person('Marie', 'Dupont', 'marie@kohort.test'),
      person('Lucas', 'Martin', 'lucas@kohort.test'),
    ],
  });
  group('full', {
    createdAt: start - 3 * HOUR,
    minutes: 24 * 60,
    maxParticipants: 3,
    people: [
      person('Sophie', 'Petit', 'sophie@kohort.test'),
      person('Thomas', 'Durand', 'thomas@kohort.test'),
      person('Emma', 'Leroy', 'emma@kohort.test'),
    ],
  });
  group('expired', {
    createdAt: start - 2 * DAY,
    minutes: 24 * 60,
    people: [person('Paul', 'Girard', 'paul@kohort.test')],
  });
  group('completed', {
    createdAt: start - 3 * DAY,
    minutes: 24 * 60,
    people: [
      person('Claire', 'Bonnet', 'claire@kohort.test'),
      person('Antoine', 'Lambert', 'antoine@kohort.test'),
      person('Sarah', 'Fontaine', 'sarah@kohort.test'),
      person('Hugo', 'Chevalier', 'hugo@kohort.test'),
      person('Léa', 'Robin', 'lea@kohort.test'),
    ],
  });
  group('canceled', {
    createdAt: start - HOUR,
    minutes: 24 * 60,
    cancel: true,
    people: [person('Victor', 'Garnier', 'victor@kohort.test')],
  });
  group('old-format', {
    createdAt: start - HOUR,
    minutes: 24 * 60,
    people: [person('Julie', 'Faure', 'julie@kohort.test')],
  });
  group('email-used', {
    createdAt: start - HOUR,
    minutes: 24 * 60,
    people: [person('Nina', 'Rousseau', 'nina@kohort.test'), person('Alex', 'Ami', 'ami@kohort.test')],
  });
  group('live', {
    createdAt: start - DAY,
    minutes: LIVE_GROUP_MINUTES,
    people: [person('Jeanne', 'Mercier', 'jeanne@kohort.test')],
  });

  // The paid session: Camille joined the open group 30 minutes ago.
  const paidItems = [
    product('Tote bag brodé', 2990, 1, 'tote-bag-brode.svg'),
    product('Savon au lait d’ânesse', 750, 2, 'savon-lait-anesse.svg'),
    line('SHIPPING', 'Livraison Colissimo', 490),
  ];
  db.addPaidParticipant(openGroup, {
    ...person('Camille', 'Bernard', 'camille@kohort.test'),
    amount: sum(paidItems),
    session_id: sessionId('completed'),
    intent_id: seedId('pi_', 0xc1),
    at: start - 30 * MINUTE,
    line_items: paidItems,
    session: urls,
  });

  open('open-small', [
    product('Sac cabas en lin', 3990, 1, 'sac-cabas-lin.svg', 'Lin lavé, coloris sable'),
    product('Bougie parfumée Figuier', 2000, 2, 'bougie-figuier.svg'),
    product('Carte postale illustrée', 1000),
  ], { customer_email: 'marie.curie@example.com', customer_first_name: 'Marie', customer_last_name: 'Curie' });

  open('open-all-types', [
    product('Veste en laine mérinos', 12900, 1, 'veste-laine.svg', 'Taille M'),
    product('Écharpe en cachemire', 3500, 1),
    line('SHIPPING', 'Livraison Colissimo', 590),
    line('DISCOUNT', 'Code BIENVENUE (−10\u202f%)', -1640),
    line('GIFT_CARD', 'Carte cadeau KDO-2024', -2000),
    line('STORE_CREDIT', 'Avoir client', -500),
  ]);

  open(
    'open-200',
    Array.from({ length: 200 }, (_, index) =>
      product(
        `Article n°${index + 1}`,
        100 + ((index * 137) % 2900),
        index % 7 === 0 ? 2 : 1,
        index % 4 === 0 ? `article-${index + 1}.svg` : undefined,
      ),
    ),
  );

  open('under-minimum', [product('Marque-page en laiton', 1500, 1, 'marque-page.svg')]);

  open(
    'english',
    [
      product('Linen tote bag', 3990, 1, 'sac-cabas-lin.svg', 'Washed linen, sand'),
      product('Fig scented candle', 2000, 1, 'bougie-figuier.svg'),
      line('SHIPPING', 'Standard shipping', 590),
    ],
    { locale: 'en_US', customer_email: 'jane@example.com' },
  );

  open('expired', [product('Plaid en laine', 4500, 1, 'plaid.svg')], {
    status: 'EXPIRED',
    expires_at: start - HOUR,
    created_at: start - 25 * HOUR,
  });

  open('expiring', [product('Mug en grès', 2990, 1, 'mug-gres.svg')], { expires_at: start + 2 * MINUTE }, 1);

  open('live', [product('Carnet relié main', 5900, 1, 'carnet.svg')], { livemode: true });
}
