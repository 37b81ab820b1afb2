// Runs before the deferred widget script: it listens on the tag before the element is defined,
// so not even a kohort-ready answered at once can be missed.
var checkout = document.querySelector('kohort-checkout');
var log = document.querySelector('#events');
['kohort-ready', 'kohort-success', 'kohort-error', 'kohort-expired', 'kohort-cancel', 'kohort-continue', 'kohort-group-change'].forEach(function (name) {
  checkout.addEventListener(name, function (event) {
    var item = document.createElement('li');
    item.dataset.event = event.type;
    item.dataset.via = 'addEventListener';
    item.textContent = event.type;
    log.appendChild(item);
  });
});
