/*
 * The language switcher's sitemaps on demand. Material 9.8 requests, as every page loads, the sitemap.xml
 * next to every <link rel="alternate"> of the page (the hreflang alternates and the feeds: nine requests
 * on an article, four of them for sitemaps that do not exist) and parses each on the main thread, so that
 * a click on a link to another language can be sent to the same page there. The switcher's links already
 * name that page (overrides/partials/alternate.html), so nothing is lost by waiting: loaded before
 * Material's bundle (overrides/main.html), this script holds those requests back until the reader turns
 * to the switcher (points at it, touches it or moves the keyboard focus into it), then sends them.
 * Every other request goes out untouched; nothing is fetched from anywhere else.
 */
(function () {
  "use strict";
  var SITEMAP = /\/sitemap\.xml(?:[?#]|$)/;
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!proto || typeof WeakSet !== "function") return;  // an old browser loads them as Material does

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
    if (!wanted && SITEMAP.test(String(url))) held.add(this); else held.delete(this);
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

  var EVENTS = ["focusin", "pointerover", "pointerdown", "touchstart"];
  function onTurn(event) {
    if (event.target instanceof Element && event.target.closest(".md-select") !== null) {
      want();
      EVENTS.forEach(function (type) { document.removeEventListener(type, onTurn, true); });
    }
  }
  EVENTS.forEach(function (type) {
    document.addEventListener(type, onTurn, { capture: true, passive: true });
  });
})();
