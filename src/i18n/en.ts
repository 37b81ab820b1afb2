import { plural, type Messages } from './messages.js';

export const en: Messages = {
  loading: 'Loading the payment…',
  testMode: 'Test mode',
  orderSummary: 'Your order',
  lineItemsLabel: 'Items in your order',
  quantityTimesPrice: (quantity, unitPrice) => `${quantity} × ${unitPrice}`,
  articles: (count) => plural('en', count, { one: '# item', other: '# items' }),
  subtotal: 'Subtotal',
  total: 'Total',
  lineTypes: { SHIPPING: 'Shipping', DISCOUNT: 'Discount', GIFT_CARD: 'Gift card', STORE_CREDIT: 'Store credit' },
  backToShop: 'Back to the shop',
  retry: 'Try again',
  completedTitle: 'Payment received',
  completedBody: 'Thank you! Your order is paid.',
  receiptSentTo: (email) => `Confirmation sent to ${email}`,
  amountPaid: 'Amount paid',
  expiredTitle: 'This checkout session has expired',
  expiredBody: 'To complete your purchase, go back to the shop and start your order again.',
  errors: {
    missing_attribute: { title: 'Checkout not set up', body: 'Some information needed to show this payment is missing.' },
    secret_key: { title: 'Secret key refused', body: 'This widget needs a publishable key.' },
    invalid_key: {
      title: 'Invalid publishable key',
      body: 'The key given is not a KohortPay publishable key (pk_test_… or pk_live_…).',
    },
    invalid_api_base: { title: 'Checkout not set up', body: 'The API address (api-base) is not an http(s) URL.' },
    unauthorized: { title: 'Key not recognised', body: 'KohortPay does not recognise this payment’s publishable key.' },
    session_not_found: {
      title: 'Payment not found',
      body: 'This checkout session does not exist. Go back to the shop to start your order again.',
    },
    network_error: {
      title: 'Cannot connect',
      body: 'KohortPay cannot be reached. Check your Internet connection, then try again.',
    },
    timeout: { title: 'Timed out', body: 'KohortPay is taking too long to answer. Try again in a moment.' },
    server_error: {
      title: 'Service temporarily unavailable',
      body: 'KohortPay has a temporary problem. Try again in a moment.',
    },
    rate_limited: { title: 'Too many requests', body: 'Wait a few seconds, then try again.' },
    request_failed: { title: 'Request refused', body: 'KohortPay refused the request.' },
    invalid_response: {
      title: 'Unreadable answer',
      body: 'The answer from KohortPay is incomplete or unreadable. Try again; if it keeps happening, contact the shop.',
    },
  },
  missingAttribute: (attribute) => `The “${attribute}” attribute is required.`,
  secretKey: (maskedKey) =>
    `The key ${maskedKey} is a secret key: never put it in a web page. Use your publishable key (pk_…).`,
  errorReference: (code) => `Reference: ${code}`,
};
