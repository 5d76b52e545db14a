/*
 * What the site's on-demand scripts share, loaded before them (overrides/main.html), as
 * window.__siteOnDemand:
 *   hold(pattern): the XMLHttpRequests whose URL matches wait until release(); then(go) runs go at the
 *     release (at once after it). null in a browser that cannot hold a request (no XMLHttpRequest or
 *     WeakSet): it sends every request as Material does.
 *   whenTurnedTo(isTarget, events, go): go once, at the first of these events (captured, passive) whose
 *     target isTarget accepts.
 *   askedInAddress(): the reader arrived with a search or a highlight in the address (?q=, ?h=), which
 *     Material's bundle acts on as it mounts.
 * search-on-demand.js (the search index and worker), switcher-on-demand.js (the switcher's sitemaps) and
 * bundle-on-demand.js (Material's bundle) use it.
 */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;

  function hold(pattern) {
    var released = false, held = new WeakSet(), waiting = [];
    var open = proto.open, send = proto.send;
    proto.open = function (method, url) {
      if (!released && pattern.test(String(url))) held.add(this); else held.delete(this);
      return open.apply(this, arguments);
    };
    proto.send = function () {
      if (!released && held.has(this)) {
        var request = this, args = arguments;
        waiting.push(function () { send.apply(request, args); });
        return undefined;
      }
      return send.apply(this, arguments);
    };
    return {
      released: function () { return released; },
      release: function () {
        if (released) return;
        released = true;
        waiting.splice(0).forEach(function (go) { go(); });
      },
      then: function (go) { if (released) go(); else waiting.push(go); }
    };
  }
  function whenTurnedTo(isTarget, events, go) {
    function onTurn(event) {
      if (isTarget(event.target)) {
        events.forEach(function (type) { document.removeEventListener(type, onTurn, true); });
        go();
      }
    }
    events.forEach(function (type) {
      document.addEventListener(type, onTurn, { capture: true, passive: true });
    });
  }
  function askedInAddress() {
    var params = new URLSearchParams(window.location.search);
    return params.has("q") || params.has("h");
  }
  window.__siteOnDemand = {
    hold: proto && typeof WeakSet === "function" ? hold : null,
    whenTurnedTo: whenTurnedTo,
    askedInAddress: askedInAddress
  };
})();
