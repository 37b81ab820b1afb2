// `import 'kohort-checkout'` from npm, bundled by the app's own bundler (rollup here):
// lit and nanostores come from the app's node_modules, shared with the rest of the app.
import 'kohort-checkout';

const checkout = document.createElement('kohort-checkout');
checkout.sessionId = 'cs_5eed00000000a1';
checkout.publishableKey = 'pk_test_sandbox_kohort0000000000000000';
checkout.apiBase = 'http://127.0.0.1:4010';

const log = document.querySelector('#events');
for (const name of ['kohort-ready', 'kohort-success', 'kohort-error', 'kohort-expired', 'kohort-cancel', 'kohort-continue', 'kohort-group-change']) {
  checkout.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.dataset.event = event.type;
    item.dataset.via = 'addEventListener';
    item.textContent = event.type;
    log.append(item);
  });
}
document.querySelector('#checkout').append(checkout);
