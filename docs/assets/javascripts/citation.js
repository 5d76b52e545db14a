/*
 * "How to cite" (overrides/partials/citation.html): a copy button for each reference format.
 *
 * A file, never an inline script: the pages' Content-Security-Policy forbids inline scripts and
 * inline event handlers. The buttons are rendered hidden and revealed here, so a reader without
 * JavaScript sees no button that does nothing. A reference is copied as plain text and, where the
 * browser allows it, also as HTML (APA's italic title survives a paste into a word processor). Where
 * the clipboard is unavailable (an insecure origin, a denied permission), the text is selected and
 * the status line says how to copy it.
 */
(function () {
  "use strict";

  var BUTTON = "button[data-citation-copy]";
  var timers = new WeakMap();

  function reveal() {
    document.querySelectorAll(BUTTON).forEach(function (button) {
      button.hidden = false;
    });
  }

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function write(node) {
    var text = node.innerText.trim();
    var clipboard = navigator.clipboard;
    if (!clipboard) {
      return Promise.reject(new Error("no clipboard"));
    }
    if (node.tagName !== "PRE" && window.ClipboardItem && clipboard.write) {
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([node.innerHTML.trim()], { type: "text/html" })
      });
      return clipboard.write([item]).catch(function () {
        return clipboard.writeText(text);
      });
    }
    return clipboard.writeText(text);
  }

  function announce(button, message) {
    var status = button.parentNode.querySelector(".citation__status");
    if (!status) {
      return;
    }
    status.textContent = message;
    clearTimeout(timers.get(status));
    timers.set(status, setTimeout(function () {
      status.textContent = "";
    }, 5000));
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(BUTTON) : null;
    if (!button) {
      return;
    }
    var node = document.getElementById(button.getAttribute("data-citation-copy"));
    var section = button.closest(".citation");
    if (!node || !section) {
      return;
    }
    write(node).then(function () {
      announce(button, section.getAttribute("data-copied"));
    }, function () {
      select(node);
      announce(button, section.getAttribute("data-selected"));
    });
  });

  // Material's instant navigation swaps pages without a load event; document$ emits on each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
