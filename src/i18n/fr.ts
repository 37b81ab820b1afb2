import { plural, type Messages } from './messages.js';

export const fr: Messages = {
  loading: 'Chargement du paiement…',
  testMode: 'Mode test',
  orderSummary: 'Votre commande',
  lineItemsLabel: 'Articles de la commande',
  quantityTimesPrice: (quantity, unitPrice) => `${quantity} × ${unitPrice}`,
  articles: (count) => plural('fr', count, { one: '# article', other: '# articles' }),
  subtotal: 'Sous-total',
  total: 'Total',
  lineTypes: { SHIPPING: 'Livraison', DISCOUNT: 'Remise', GIFT_CARD: 'Carte cadeau', STORE_CREDIT: 'Avoir' },
  backToShop: 'Retour à la boutique',
  retry: 'Réessayer',
  completedTitle: 'Paiement reçu',
  completedBody: 'Merci ! Votre commande est payée.',
  receiptSentTo: (email) => `Confirmation envoyée à ${email}`,
  amountPaid: 'Montant payé',
  expiredTitle: 'Cette session de paiement a expiré',
  expiredBody: 'Pour finaliser votre achat, revenez à la boutique et recommencez votre commande.',
  errors: {
    missing_attribute: { title: 'Paiement mal configuré', body: 'Il manque une information pour afficher ce paiement.' },
    secret_key: { title: 'Clé secrète refusée', body: 'Ce widget attend une clé publique.' },
    invalid_key: {
      title: 'Clé publique invalide',
      body: 'La clé fournie n’est pas une clé publique KohortPay (pk_test_… ou pk_live_…).',
    },
    invalid_api_base: { title: 'Paiement mal configuré', body: 'L’adresse de l’API (api-base) n’est pas une URL http(s).' },
    unauthorized: { title: 'Clé non reconnue', body: 'KohortPay ne reconnaît pas la clé publique de ce paiement.' },
    session_not_found: {
      title: 'Paiement introuvable',
      body: 'Cette session de paiement n’existe pas. Revenez à la boutique pour recommencer votre commande.',
    },
    network_error: {
      title: 'Connexion impossible',
      body: 'Impossible de joindre KohortPay. Vérifiez votre connexion à Internet, puis réessayez.',
    },
    timeout: { title: 'Délai dépassé', body: 'KohortPay met trop de temps à répondre. Réessayez dans un instant.' },
    server_error: {
      title: 'Service momentanément indisponible',
      body: 'KohortPay rencontre un problème temporaire. Réessayez dans un instant.',
    },
    rate_limited: { title: 'Trop de demandes', body: 'Patientez quelques secondes, puis réessayez.' },
    request_failed: { title: 'Demande refusée', body: 'KohortPay a refusé la demande.' },
    invalid_response: {
      title: 'Réponse illisible',
      body: 'La réponse de KohortPay est incomplète ou illisible. Réessayez ; si le problème persiste, contactez la boutique.',
    },
  },
  missingAttribute: (attribute) => `L’attribut « ${attribute} » est obligatoire.`,
  secretKey: (maskedKey) =>
    `La clé ${maskedKey} est une clé secrète : ne la publiez jamais dans une page. Utilisez votre clé publique (pk_…).`,
  errorReference: (code) => `Référence : ${code}`,
};
