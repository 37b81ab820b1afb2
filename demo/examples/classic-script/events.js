// A classic script, run after the widget's (both are `defer`): the element is defined by now.
var checkout = document.querySelector('kohort-checkout');
var log = document.querySelector('#events');
['kohort-ready', 'kohort-success', 'kohort-error', 'kohort-expired', 'kohort-cancel', 'kohort-group-change'].forEach(function (name) {
  checkout.addEventListener(name, function (event) {
    var item = document.createElement('li');
    item.dataset.event = event.type;
    item.dataset.via = 'addEventListener';
    item.textContent = event.type;
    log.appendChild(item);
  });
});
