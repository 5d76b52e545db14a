/*
 * Search on demand. Material 9.8 requests the language's search index (search/search_index.json, about
 * 40 KB gzip, a quarter of a reader's first view) as every page loads, parses it on the main thread and
 * hands it to the search worker, whether or not the reader ever searches. Loaded before Material's bundle
 * (overrides/main.html), this script holds that one request back until the reader turns to search:
 * focuses the search field (a click, a tap, or Material's keyboard shortcuts, which focus it), points at
 * the search button, or arrives with a query or highlight in the address (?q=, ?h=). Until then Material
 * shows its "Initializing search" line, and a query typed meanwhile runs as soon as the index is built.
 * Material's search worker (the site's search-kit.js, which loads Material's worker and lunr) is started
 * at the same moment, not as the page loads: Material gets a stand-in that keeps its listeners and
 * messages and hands them to the real worker then (Material posts nothing before the index is there).
 * Every other request goes out untouched; nothing is fetched from anywhere else.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var shared = window.__siteOnDemand;  // on-demand.js, loaded before this file
  if (!shared || !shared.hold) return;  // an old browser loads the index as Material does

  var WORKER = /\/assets\/javascripts\/workers\/[^\/]+\.js$/;  /* the path of a worker of the site */
  var RealWorker = window.Worker;


  var index = shared.hold(INDEX);

  /* The stand-in for the search worker: the real one is created when the reader turns to search (or at
     the first message, whichever comes first); listeners, handlers and messages given before are kept. */
  function LateWorker(url, options) {
    this._args = [url, options];
    this._listeners = [];
    this._messages = [];
    this._handlers = {};
    this._worker = null;
    this._ended = false;
    var self = this;
    index.then(function () { self._start(); });
  }
  LateWorker.prototype._start = function () {
    if (this._worker || this._ended) return;
    var worker = this._worker = new RealWorker(this._args[0], this._args[1]);
    this._listeners.splice(0).forEach(function (l) { worker.addEventListener(l[0], l[1], l[2]); });
    Object.keys(this._handlers).forEach(function (name) { worker[name] = this._handlers[name]; }, this);
    this._messages.splice(0).forEach(function (m) { worker.postMessage.apply(worker, m); });
  };
  LateWorker.prototype.postMessage = function () {
    if (!this._worker) {
      this._messages.push(Array.prototype.slice.call(arguments));
      this._start();
      return;
    }
    this._worker.postMessage.apply(this._worker, arguments);
  };
  LateWorker.prototype.addEventListener = function (type, listener, options) {
    if (this._worker) this._worker.addEventListener(type, listener, options);
    else this._listeners.push([type, listener, options]);
  };
  LateWorker.prototype.removeEventListener = function (type, listener, options) {
    if (this._worker) this._worker.removeEventListener(type, listener, options);
    this._listeners = this._listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
  };
  LateWorker.prototype.terminate = function () {
    this._ended = true;
    if (this._worker) this._worker.terminate();
  };
  ["onmessage", "onmessageerror", "onerror"].forEach(function (name) {
    Object.defineProperty(LateWorker.prototype, name, {
      get: function () { return this._worker ? this._worker[name] : (this._handlers[name] || null); },
      set: function (fn) { this._handlers[name] = fn; if (this._worker) this._worker[name] = fn; }
    });
  });
  function isSearchWorker(url) {
    try { return WORKER.test(new URL(String(url), document.baseURI).pathname); } catch (e) { return false; }
  }
  if (typeof RealWorker === "function") {
    window.Worker = function Worker(url, options) {
      if (!index.released() && isSearchWorker(url)) return new LateWorker(url, options);
      return new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  if (shared.askedInAddress()) index.release();

  function isSearch(target) {
    return target instanceof Element &&
      (target.closest(".md-search") !== null || target.closest("label[for='__search']") !== null ||
       target.id === "__search");
  }
  shared.whenTurnedTo(isSearch, ["focusin", "pointerdown", "pointerover", "touchstart", "change"], index.release);
})();
