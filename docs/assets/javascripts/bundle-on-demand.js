/*
 * Material's bundle on demand. Material 9.8's bundle (about 35 KB gzip) is evaluated as every page loads
 * and mounts every component at once: on a phone that is the page's one long main-thread task (a quarter
 * of a second at four times slower than this machine, Lighthouse's Total Blocking Time), spent before the
 * reader has done anything. The page needs none of it to be read: it is laid out for readers without
 * JavaScript (Material's `no-js` class), and everything the bundle adds answers a reader's action (search,
 * the table of contents following the scroll, the header's title, back to top, the colour toggle, copy
 * buttons). So this script, loaded in the bundle's place (overrides/main.html, after on-demand.js, whose
 * whenTurnedTo and askedInAddress it uses, search-on-demand.js and switcher-on-demand.js, which must run
 * before the bundle), loads the bundle at the reader's first
 * action: a pointer moved or pressed, a touch, a click (a screen reader's too), a key, the keyboard focus
 * moved, a wheel or a scroll. It loads it at once when the reader arrives with a search or a highlight in
 * the address (?q=, ?h=), which the bundle acts on. The bundle is prefetched as the page loads
 * (overrides/main.html), so it is usually in the cache when the reader acts.
 *
 * Once it has run, Material is handed the DOMContentLoaded event it mounts its components on (already past
 * when the bundle arrives late; Material listens once, so a second one changes nothing for it, but any other
 * DOMContentLoaded listener added to the site must expect it), and then what the reader did while it
 * loaded: the colour chosen with the toggle, the search opened with its button (the field is focused, as
 * Material does), the keys pressed (Material's shortcuts: search, previous and next page), unless older than
 * a second. If the bundle cannot be loaded, the page falls back to the layout for readers without
 * JavaScript (data-bundle="failed") and the next action tries again.
 *
 * Until the bundle has mounted, <html> has data-bundle="pending" and Material's class `no-js`. What shows
 * then is what shows once it has mounted: extra.css shows the search field and button, which Material
 * hides under `no-js`, and hides them again only for readers without JavaScript (assets/stylesheets/no-js.css,
 * loaded in a <noscript>); overrides/partials/javascripts/palette.html applies the reader's colour scheme
 * and shows the colour toggle before the first paint.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.getAttribute("data-bundle");
  if (!src) return;
  var shared = window.__siteOnDemand;  // on-demand.js, loaded before this file
  var root = document.documentElement;
  var ACTIONS = ["pointerdown", "pointermove", "touchstart", "click", "keydown", "focusin", "wheel", "scroll"];
  var STALE_MS = 1000;  // a key pressed longer ago than this is not handed on: the reader has moved on
  var keys = [], palette = null;

  function listen() {
    shared.whenTurnedTo(function () { return true; }, ACTIONS, start);
  }

  function remember(event) {
    if (event.type === "keydown") {
      keys.push(event);
    } else if (event.target instanceof Element && event.target.matches("[data-md-component=palette] input")) {
      palette = event.target;
    }
  }

  function replay(event) {
    if (!event.target || !event.target.isConnected) return;
    event.target.dispatchEvent(new KeyboardEvent("keydown", {
      key: event.key, code: event.code, location: event.location, repeat: event.repeat,
      ctrlKey: event.ctrlKey, shiftKey: event.shiftKey, altKey: event.altKey, metaKey: event.metaKey,
      bubbles: true, cancelable: true, composed: true
    }));
  }

  function handOn() {
    document.removeEventListener("keydown", remember, true);
    document.removeEventListener("change", remember, true);
    if (palette && palette.isConnected && palette.checked) {
      palette.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var search = document.getElementById("__search");
    var query = document.querySelector("[data-md-component=search-query]");
    if (search && search.checked && query && document.activeElement !== query) query.focus();
    var now = performance.now();
    keys.splice(0).forEach(function (event) {
      if (now - event.timeStamp <= STALE_MS) replay(event);
    });
  }

  function start() {
    var bundle = document.createElement("script");
    bundle.src = src;
    bundle.onload = function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));  // Material mounts its components on it
      root.removeAttribute("data-bundle");
      handOn();
    };
    bundle.onerror = function () {
      bundle.remove();
      root.setAttribute("data-bundle", "failed");
      listen();
    };
    document.head.appendChild(bundle);
  }

  root.setAttribute("data-bundle", "pending");
  document.addEventListener("keydown", remember, { capture: true, passive: true });
  document.addEventListener("change", remember, { capture: true, passive: true });
  if (!shared || shared.askedInAddress()) {
    start();
  } else {
    listen();
  }
})();
