/*
 * Search on demand. Material 9.8 requests the language's search index (search/search_index.json, about
 * 40 KB gzip, a quarter of a reader's first view) as every page loads, parses it on the main thread and
 * hands it to the search worker, whether or not the reader ever searches. Loaded before Material's bundle
 * (overrides/main.html), this script holds that one request back until the reader turns to search:
 * focuses the search field (a click, a tap, or Material's keyboard shortcuts, which focus it), points at
 * the search button, or arrives with a query or highlight in the address (?q=, ?h=). Until then Material
 * shows its "Initializing search" line, and a query typed meanwhile runs as soon as the index is built.
 * Every other request goes out untouched; nothing is fetched from anywhere else.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!proto || typeof WeakSet !== "function") return;  // an old browser loads the index as Material does

  var wanted = false;
  var held = new WeakSet();
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    if (!wanted && INDEX.test(String(url))) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!wanted && held.has(this)) {
      var request = this, args = arguments;
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  var params = new URLSearchParams(window.location.search);
  if (params.has("q") || params.has("h")) want();

  function isSearch(target) {
    return target instanceof Element &&
      (target.closest(".md-search") !== null || target.closest("label[for='__search']") !== null ||
       target.id === "__search");
  }
  function onTurn(event) {
    if (isSearch(event.target)) {
      want();
      ["focusin", "pointerdown", "pointerover", "touchstart", "change"].forEach(function (type) {
        document.removeEventListener(type, onTurn, true);
      });
    }
  }
  ["focusin", "pointerdown", "pointerover", "touchstart", "change"].forEach(function (type) {
    document.addEventListener(type, onTurn, { capture: true, passive: true });
  });
})();
