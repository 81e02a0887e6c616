// Aftercare order block: when a shopper shows intent (hover, focus, touch) on the after-sales
// link, ask the browser to prefetch the page, so it opens at once. Loaded with `defer`; does
// nothing else and nothing when prefetch is unsupported.
(function () {
  var done = {};
  function prefetch(event) {
    var link = event.target.closest && event.target.closest("[data-aftercare-prefetch]");
    if (!link || done[link.href]) return;
    done[link.href] = true;
    var hint = document.createElement("link");
    if (!hint.relList || !hint.relList.supports || !hint.relList.supports("prefetch")) return;
    hint.rel = "prefetch";
    hint.href = link.href;
    document.head.appendChild(hint);
  }
  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(type, prefetch, { passive: true });
  });
})();
