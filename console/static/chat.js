// Keeps a chat's transcript current: every two seconds, the transcript from the console (which reads it from
// the assistant's server) replaces the list, as text only. The forms work without it.
(function () {
  "use strict";
  var list = document.getElementById("transcript");
  if (!list) { return; }
  var flag = document.getElementById("chat-flag");
  var status = document.getElementById("chat-status");
  var names = { patient: "Patient", assistant: "Assistant" };

  function render(data) {
    var items = data.messages || [];
    if (items.length === list.children.length && status.textContent === data.status) { return; }
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "from-" + item.from + (item.flagged ? " flagged" : "");
      var who = document.createElement("span");
      who.className = "who";
      who.textContent = (item.from === "staff" ? item.name : names[item.from] || "") + (item.flagged ? " (in crisis)" : "") + ":";
      li.appendChild(who);
      li.appendChild(document.createTextNode(" " + item.text));
      list.appendChild(li);
    });
    if (status.textContent !== data.status) { window.location.reload(); }
  }

  function poll() {
    fetch("/chats/" + list.dataset.chat + "/transcript", { credentials: "same-origin", cache: "no-store" })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (data) {
        if (data) {
          render(data);
          if (flag) { flag.hidden = !data.flagged; }
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
})();
