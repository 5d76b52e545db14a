/*
 * Material's bundle on demand. Material 9.8's bundle (about 35 KB gzip) is evaluated as every page loads
 * and mounts every component at once: on a phone that is the page's one long main-thread task (a quarter
 * of a second at four times slower than this machine, Lighthouse's Total Blocking Time), spent before the
 * reader has done anything. The page needs none of it to be read: it is laid out for readers without
 * JavaScript (Material's `no-js` class), and everything the bundle adds answers a reader's action (search,
 * the table of contents following the scroll, the header's title, back to top, the colour toggle, copy
 * buttons). So this script, loaded in the bundle's place (overrides/main.html, after search-on-demand.js
 * and switcher-on-demand.js, which must run before the bundle), loads the bundle at the reader's first
 * action: a pointer moved or pressed, a touch, a key, the keyboard focus moved, a wheel or a scroll. It
 * loads it at once when the reader arrives with a search or a highlight in the address (?q=, ?h=), which
 * the bundle acts on. Then it hands Material the DOMContentLoaded event Material mounts its components on
 * (already past when the bundle arrives late) and repeats the key that started it, so Material's keyboard
 * shortcuts (search, previous and next page) answer their first press. The bundle is prefetched as the
 * page loads (overrides/main.html), so it is usually in the cache when the reader acts.
 *
 * Until the bundle has mounted, <html> has data-bundle="pending" and no class `js`; extra.css shows the
 * search field and button then, as they are once it is mounted: focusing the field is an action, so the
 * bundle is there by the time a query is typed (Material reads what the field already holds).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.getAttribute("data-bundle");
  if (!src) return;
  var root = document.documentElement;
  var ACTIONS = ["pointerdown", "pointermove", "touchstart", "keydown", "focusin", "wheel", "scroll"];
  var started = false;

  function replay(event) {
    if (!event || !event.target || !event.target.isConnected) return;
    event.target.dispatchEvent(new KeyboardEvent("keydown", {
      key: event.key, code: event.code, location: event.location, repeat: event.repeat,
      ctrlKey: event.ctrlKey, shiftKey: event.shiftKey, altKey: event.altKey, metaKey: event.metaKey,
      bubbles: true, cancelable: true, composed: true
    }));
  }

  function start(event) {
    if (started) return;
    started = true;
    ACTIONS.forEach(function (type) { document.removeEventListener(type, start, true); });
    var key = event && event.type === "keydown" ? event : null;
    var bundle = document.createElement("script");
    bundle.src = src;
    bundle.onload = function () {
      // Material subscribes to DOMContentLoaded (once) as its bundle runs and mounts everything then.
      document.dispatchEvent(new Event("DOMContentLoaded"));
      root.removeAttribute("data-bundle");
      replay(key);
    };
    document.head.appendChild(bundle);
  }

  root.setAttribute("data-bundle", "pending");
  if (/[?&][qh]=/.test(location.search)) {
    start(null);
    return;
  }
  ACTIONS.forEach(function (type) {
    document.addEventListener(type, start, { capture: true, passive: true });
  });
})();
