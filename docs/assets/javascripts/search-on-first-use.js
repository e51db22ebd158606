// The search index is the largest file of the site, and most readers never search.
// Material asks for search/search_index.json as soon as a page loads; this holds that
// one request back until the reader first opens the search (a click on the search box
// or icon, or one of Material's search keys: f, s, /). Everything else is untouched.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = false;

  function release() {
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.isSearchIndex && !released) {
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };

  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList.contains("md-search__input")) release();
  });
  document.addEventListener("keydown", function (event) {
    if (["f", "s", "/"].indexOf(event.key) !== -1) release();
  });
})();
