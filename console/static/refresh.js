// The chat list reloads itself every few seconds, so a patient waiting for a person shows up.
(function () {
  "use strict";
  var list = document.getElementById("chat-list");
  if (!list) { return; }
  window.setTimeout(function () { window.location.reload(); }, 1000 * Number(list.dataset.refresh || 5));
})();
