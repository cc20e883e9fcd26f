// index.html's boot watcher: shows "alvh could not start" with the reason when the module
// cannot be downloaded or started, and a stall message after 45 s. A file of its own rather
// than an inline script, so the page's Content-Security-Policy needs no hash for it (the only
// inline script left is Trunk's module loader, hashed at build time by scripts/csp.mjs).
// It only listens: no eval, no inline handlers, no network.
(function () {
  var started = false;
  var failed = false;
  // The first failure is the most precise; the timeout's message may be replaced.
  function show(why, soft) {
    var el = function (id) { return document.getElementById(id); };
    if (started || failed || !el('alvh-boot')) return;
    failed = !soft;
    el('alvh-boot-loading').hidden = true;
    el('alvh-boot-why').textContent = why;
    el('alvh-boot-failed').hidden = false;
  }
  addEventListener('TrunkApplicationStarted', function () { started = true; });
  if (typeof WebAssembly !== 'object') {
    show('This browser does not support WebAssembly, or it is turned off.');
    return;
  }
  // Capture phase: a script or preload that fails to download fires 'error' on its
  // element, which does not bubble. A failed start (fetch, compile, init) rejects the
  // loader module, which the browser reports as an 'error' on window.
  addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName) {
      if (t.tagName === 'SCRIPT' || (t.tagName === 'LINK' && t.rel !== 'stylesheet')) {
        show('Its code could not be downloaded (' + (t.src || t.href) + ').');
      }
    } else {
      show('Its code failed to start (' + (e.message || 'unknown error') + ').');
    }
  }, true);
  addEventListener('unhandledrejection', function (e) {
    show('Its code failed to start (' + String(e.reason) + ').');
  });
  setTimeout(function () {
    show('It has not started after 45 seconds; the download may have stalled.', true);
  }, 45000);
})();
