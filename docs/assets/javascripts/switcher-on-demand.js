/*
 * The language switcher's sitemaps on demand. Material 9.8 requests, as every page loads, the sitemap.xml
 * next to every <link rel="alternate"> of the page (the hreflang alternates and the feeds: nine requests
 * on an article, four of them for sitemaps that do not exist) and parses each on the main thread, so that
 * a click on a link to another language can be sent to the same page there. The switcher's links already
 * name that page (overrides/partials/alternate.html), so nothing is lost by waiting: loaded before
 * Material's bundle (overrides/main.html), this script holds those requests back until the reader turns
 * to the switcher (points at it, touches it or moves the keyboard focus into it), then sends them.
 * Every other request goes out untouched; nothing is fetched from anywhere else. The holding itself is
 * on-demand.js's (window.__siteOnDemand), which overrides/main.html loads first.
 */
(function () {
  "use strict";
  var shared = window.__siteOnDemand;  // on-demand.js, loaded before this file
  if (!shared || !shared.hold) return;  // an old browser: Material loads the sitemaps as it does
  var sitemaps = shared.hold(/\/sitemap\.xml(?:[?#]|$)/);
  shared.whenTurnedTo(function (target) {
    return target instanceof Element && target.closest(".md-select") !== null;
  }, ["focusin", "pointerover", "pointerdown", "touchstart"], sitemaps.release);
})();
