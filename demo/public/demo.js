// The demo shop's only script (no inline scripts: the pages run under a strict CSP).
// Loaded as a classic script in <head>, so its listeners exist before the widget fires anything.
(function () {
  'use strict';

  // Every event <kohort-checkout> documents; they bubble and cross the shadow root.
  var EVENT_NAMES = [
    'kohort-ready',
    'kohort-error',
    'kohort-expired',
    'kohort-cancel',
    'kohort-success',
    'kohort-continue',
    'kohort-group-change',
  ];

  var pending = [];
  var logElement = null;

  function pad(number) {
    return String(number).padStart(2, '0');
  }

  function clock(date) {
    return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  }

  function stringify(detail) {
    try {
      var text = JSON.stringify(detail, null, 2);
      return text === undefined ? 'null' : text;
    } catch (error) {
      return '"(detail not serialisable: ' + String(error) + ')"';
    }
  }

  // Built with textContent only: event details carry API data and must never become markup.
  function render(entry) {
    var item = document.createElement('li');
    item.className = 'event event--' + entry.name.replace(/^kohort-/, '');
    item.setAttribute('data-event', entry.name);

    var head = document.createElement('div');
    head.className = 'event-head';
    var name = document.createElement('strong');
    name.className = 'event-name';
    name.textContent = entry.name;
    head.appendChild(name);
    if (entry.source) {
      var source = document.createElement('span');
      source.className = 'event-source';
      source.textContent = entry.source;
      head.appendChild(source);
    }
    if (entry.prevented) {
      var prevented = document.createElement('span');
      prevented.className = 'event-prevented';
      prevented.textContent = 'preventDefault()';
      head.appendChild(prevented);
    }
    var time = document.createElement('time');
    time.textContent = clock(entry.time);
    head.appendChild(time);
    item.appendChild(head);

    var detail = document.createElement('pre');
    detail.className = 'event-detail';
    detail.textContent = entry.detail;
    // A long detail scrolls: keyboard users must be able to reach it (axe: scrollable-region-focusable).
    detail.tabIndex = 0;
    detail.setAttribute('aria-label', 'Detail');
    item.appendChild(detail);

    logElement.insertBefore(item, logElement.firstChild);
  }

  function record(event) {
    var body = document.body;
    if (event.type === 'kohort-cancel' && body && body.getAttribute('data-prevent-cancel') === '1') {
      // ?preventCancel=1: the shop keeps the customer on the page instead of following cancel_url.
      event.preventDefault();
    }
    var target = event.target;
    var entry = {
      name: event.type,
      source: target && target.getAttribute ? target.getAttribute('session-id') : null,
      prevented: event.defaultPrevented,
      time: new Date(),
      detail: stringify(event.detail),
    };
    if (logElement) render(entry);
    else pending.push(entry);
  }

  EVENT_NAMES.forEach(function (name) {
    document.addEventListener(name, record);
  });

  function attach() {
    logElement = document.getElementById('event-log');
    if (!logElement) return;
    pending.splice(0).forEach(render);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach);
  else attach();
})();
