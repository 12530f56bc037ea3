/*
 * The clinic assistant's website widget.
 *
 * Embed it with a config object and one script tag (see the README):
 *
 *   <script>window.clinicChatConfig = { serverUrl: "https://chat.example-clinic.com", title: "Ask us" };</script>
 *   <script src="https://chat.example-clinic.com/widget/clinic-chat.js" defer></script>
 *
 * It loads its stylesheet and the socket.io client from its own folder, talks to
 * Rasa's socket.io channel (channels/socketio.py) and keeps the conversation's id
 * in the browser's session storage, so a reload or another page of the site shows
 * the same conversation. Everything typed or received is rendered as text.
 *
 * The launcher sits fixed at the bottom right of the host page. On a phone-wide screen
 * the page's text runs under it, so the widget ends the page with a spacer as tall as the
 * launcher (.cc-spacer in clinic-chat.css, phone widths only): the page's last line can be
 * scrolled clear of it on any site, without the site reserving room itself.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "/widget/";
  var defaults = {
    serverUrl: window.location.origin,
    socketPath: "/socket.io",
    title: "Clinic assistant",
    greeting: "/greet", // what the widget says to the assistant on first open; its reply is the greeting
    storage: "session", // "session": the conversation ends with the tab; "local": it survives closing it
    colors: { primary: "#2f6f6a", onPrimary: "#ffffff", background: "#ffffff", bot: "#f1efec", text: "#1d1d1d" },
    labels: {
      open: "Chat with us",
      close: "Close chat",
      send: "Send",
      input: "Your message",
      placeholder: "Ask about microneedling…",
      startOver: "Start over",
      startOverQuestion: "Start over? This clears the conversation.",
      startOverYes: "Yes, start over",
      // not "Cancel": the booking summary has a Cancel button of its own (a browser play-test: two of that name)
      startOverNo: "Keep the chat",
      typing: "The assistant is typing…",
      offline: "Reconnecting…",
      slowDown: "You're sending messages faster than I can answer. Please wait a moment.",
      you: "You said",
      assistant: "Assistant said",
    },
  };
  var config = merge(defaults, window.clinicChatConfig || {});
  var store = config.storage === "local" ? window.localStorage : window.sessionStorage;
  var KEY = "clinic-chat:" + config.serverUrl;

  function merge(into, from) {
    var out = {};
    Object.keys(into).forEach(function (k) {
      var v = from[k];
      if (into[k] && typeof into[k] === "object" && v && typeof v === "object") out[k] = merge(into[k], v);
      else out[k] = v === undefined ? into[k] : v;
    });
    return out;
  }

  function remember(key, value) {
    try {
      if (value === null) store.removeItem(KEY + ":" + key);
      else store.setItem(KEY + ":" + key, value);
    } catch (e) { /* storage may be off: the conversation then lasts one page */ }
  }

  function recall(key) {
    try { return store.getItem(KEY + ":" + key); } catch (e) { return null; }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function load(tag, attrs, onload) {
    var node = el(tag, attrs);
    if (onload) node.onload = onload;
    document.head.appendChild(node);
  }

  // ---------------------------------------------------------------- text with links
  // Phone numbers and email addresses in a message become tel: and mailto: links;
  // everything else stays a text node.
  // An email address, a phone number, a web address ("111.nhs.uk"), a short number to call ("call 999", "call NHS
  // 111": a browser play-test found them plain text, where a tap on a phone should call), and an emergency number in
  // any words (the reply in another language says it in that language too)
  var CONTACT = new RegExp(
    "([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)|(\\+?\\d[\\d ()-]{6,}\\d)" +
    "|((?:https?:\\/\\/)?(?:[a-z0-9-]+\\.)+(?:uk|com|org|net)(?:\\/[\\w./?=&%#-]*[\\w\\/])?)(?![\\w@])" +
    "|(\\bcall (?:nhs )?)(\\d{3})\\b|\\b(999|112|911)\\b", "gi");

  function withLinks(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(CONTACT, function (match, email, phone, web, callWords, shortNumber, emergency, offset) {
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      shortNumber = shortNumber || emergency;  // an emergency number in any language's words
      if (shortNumber) {
        fragment.appendChild(document.createTextNode(callWords || ""));
        fragment.appendChild(el("a", { href: "tel:" + shortNumber, text: shortNumber, dir: "ltr" }));
      } else if (web) {
        var url = /^https?:/i.test(web) ? web : "https://" + web;
        fragment.appendChild(el("a", { href: url, text: web, target: "_blank", rel: "noopener noreferrer" }));
      } else {
        var href = email ? "mailto:" + email : "tel:" + phone.replace(/[^\d+]/g, "");
        // a number reads left to right in a right-to-left reply too (a browser play-test: reversed in Arabic)
        fragment.appendChild(el("a", { href: href, text: match, dir: "ltr" }));
      }
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // ---------------------------------------------------------------- the widget
  function Widget() {
    var c = config.colors;
    this.root = el("div", { class: "cc-root" });
    this.root.style.setProperty("--cc-primary", c.primary);
    this.root.style.setProperty("--cc-on-primary", c.onPrimary);
    this.root.style.setProperty("--cc-background", c.background);
    this.root.style.setProperty("--cc-bot", c.bot);
    this.root.style.setProperty("--cc-text", c.text);

    var L = config.labels;
    this.launcher = el("button", {
      class: "cc-launcher", type: "button", "aria-expanded": "false", "aria-controls": "cc-panel", text: L.open,
    });
    this.title = el("h2", { class: "cc-title", id: "cc-title", text: config.title });
    this.restart = el("button", { class: "cc-restart", type: "button", text: L.startOver });
    this.close = el("button", { class: "cc-close", type: "button", "aria-label": L.close, text: "×" });
    this.confirmYes = el("button", { class: "cc-confirm-yes", type: "button", text: L.startOverYes });
    this.confirmNo = el("button", { class: "cc-confirm-no", type: "button", text: L.startOverNo });
    this.confirm = el("div", {
      class: "cc-confirm", role: "alertdialog", "aria-labelledby": "cc-confirm-question", hidden: "",
    }, [
      el("p", { class: "cc-confirm-question", id: "cc-confirm-question", text: L.startOverQuestion }),
      el("div", { class: "cc-confirm-actions" }, [this.confirmYes, this.confirmNo]),
    ]);
    this.status = el("p", { class: "cc-status", role: "status", text: "" });
    this.log = el("div", { class: "cc-log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
    this.typing = el("p", { class: "cc-typing", hidden: "", text: L.typing });
    this.input = el("input", {
      class: "cc-input", id: "cc-input", type: "text", autocomplete: "off", maxlength: "2000",
      placeholder: L.placeholder,
    });
    this.send = el("button", { class: "cc-send", type: "submit", text: L.send });
    this.form = el("form", { class: "cc-form" }, [
      el("label", { class: "cc-visually-hidden", for: "cc-input", text: L.input }), this.input, this.send,
    ]);
    this.panel = el("section", {
      class: "cc-panel", id: "cc-panel", role: "dialog", "aria-labelledby": "cc-title", hidden: "",
    }, [
      el("div", { class: "cc-header" }, [this.title, this.restart, this.close]),
      this.confirm, this.status, this.log, this.typing, this.form,
    ]);
    this.root.appendChild(this.panel);
    this.root.appendChild(this.launcher);
    document.body.appendChild(el("div", { class: "cc-spacer", "aria-hidden": "true" }));
    document.body.appendChild(this.root);

    var self = this;
    this.launcher.addEventListener("click", function () { self.isOpen() ? self.hide() : self.show(); });
    this.close.addEventListener("click", function () { self.hide(); });
    this.restart.addEventListener("click", function () { self.askStartOver(); });
    this.confirmYes.addEventListener("click", function () { self.endConfirm(); self.startOver(); });
    this.confirmNo.addEventListener("click", function () { self.endConfirm(); self.restart.focus(); });
    this.panel.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      if (self.confirm.hidden) self.hide();
      else { self.endConfirm(); self.restart.focus(); } // Escape answers the question first: Cancel
    });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = self.input.value.trim();
      if (!text) return;
      self.input.value = "";
      self.say(text, null);
    });

    this.sessionId = recall("session");
    this.historyShown = false;
    this.socket = io(config.serverUrl, { path: config.socketPath, reconnectionDelayMax: 5000 });
    this.socket.on("connect", function () {
      self.status.textContent = "";
      self.socket.emit("session_request", { session_id: self.sessionId });
    });
    this.socket.on("disconnect", function () { self.status.textContent = L.offline; self.setTyping(false); });
    this.socket.on("connect_error", function () { self.status.textContent = L.offline; });
    this.socket.on("session_confirm", function (id) {
      self.sessionId = typeof id === "string" ? id : (id && id.session_id);
      remember("session", self.sessionId);
    });
    this.socket.on("session_history", function (data) { self.showHistory((data && data.messages) || []); });
    this.socket.on("bot_uttered", function (message) {
      self.setTyping(false);
      if (message && message.forget_conversation) self.forget();
      else self.addBot(message || {}, true);
    });
    this.socket.on("bot_typing", function (data) { self.setTyping(!!(data && data.typing)); });
    this.socket.on("rate_limited", function () { self.setTyping(false); self.status.textContent = L.slowDown; });

    if (recall("open") === "1") this.show(true);
  }

  Widget.prototype.isOpen = function () { return !this.panel.hidden; };

  Widget.prototype.show = function (quietly) {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.launcher.textContent = config.labels.close;
    this.scroll(); // a message that came while the panel was hidden could not be measured
    this.root.classList.add("cc-open");
    remember("open", "1");
    if (!quietly) this.input.focus();
    this.greetIfNew();
  };

  Widget.prototype.hide = function () {
    this.endConfirm();
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.textContent = config.labels.open;
    this.root.classList.remove("cc-open");
    remember("open", null);
    this.launcher.focus();
  };

  Widget.prototype.greetIfNew = function () {
    if (this.isOpen() && this.historyShown && !this.log.children.length && config.greeting && !this.greeted) {
      this.greeted = true;
      this.say(config.greeting, "");
    }
  };

  // Start over asks first, inside the widget; Cancel (or Escape) is where the focus goes.
  // The question takes room above the log: the log keeps its newest message in view (a browser play-test
  // found it cut off under the question).
  Widget.prototype.askStartOver = function () {
    this.confirm.hidden = false;
    this.log.scrollTop = this.log.scrollHeight;
    this.confirmNo.focus();
  };

  Widget.prototype.endConfirm = function () { this.confirm.hidden = true; };

  Widget.prototype.startOver = function () {
    this.sessionId = null;
    remember("session", null);
    this.greeted = false;
    this.historyShown = false;
    this.log.textContent = "";
    this.socket.emit("session_request", {});
    this.input.focus();
  };

  // shown: what the person sees for what is sent (a button's title); "" shows nothing; null: the text.
  Widget.prototype.say = function (message, shown) {
    if (this.status.textContent === config.labels.slowDown) this.status.textContent = "";
    var visible = shown === null ? message : shown;
    this.replyStart = null;
    if (visible) this.addUser(visible, true);
    var data = { message: message, session_id: this.sessionId };
    if (shown) data.shown = shown;
    this.setTyping(true);
    this.socket.emit("user_uttered", data);
  };

  // The links a message's text gets, as [href, text] pairs (the browser test reads them).
  Widget.prototype.linksOfElements = function (text) { return withLinks(text).querySelectorAll("a"); };
  Widget.prototype.linksOf = function (text) {
    var links = this.linksOfElements(text);
    var pairs = [];
    for (var i = 0; i < links.length; i++) pairs.push([links[i].getAttribute("href"), links[i].textContent]);
    return pairs;
  };

  // The person's data deleted: the conversation leaves the screen too, but for the reply that says so.
  Widget.prototype.forget = function () {
    var items = this.log.querySelectorAll(".cc-msg");
    var keep = items.length ? items[items.length - 1] : null;
    for (var i = 0; i < items.length - 1; i++) items[i].parentNode.removeChild(items[i]);
    this.replyStart = keep;
    this.replyFirst = keep;
    this.scroll();
  };

  Widget.prototype.setTyping = function (on) { this.typing.hidden = !on; };

  // To the end of the log, but never past the top of the person's message and the first message of the
  // assistant's reply to it: when one message gets several answers, the person reads them from the first.
  Widget.prototype.scroll = function () {
    var end = this.log.scrollHeight - this.log.clientHeight;
    var start = this.replyStart && this.replyStart.parentNode === this.log ? this.replyStart.offsetTop - 8 : end;
    this.log.scrollTop = Math.min(end, start);
  };

  Widget.prototype.bubble = function (who, text) {
    var L = config.labels;
    var item = el("div", { class: "cc-msg cc-" + who });
    item.appendChild(el("span", { class: "cc-visually-hidden", text: (who === "user" ? L.you : L.assistant) + ": " }));
    // the assistant's contacts and numbers to call are links; what the person typed stays as typed (a browser
    // play-test found their own "111" made a link)
    item.appendChild(who === "user" ? document.createTextNode(String(text)) : withLinks(String(text)));
    this.log.appendChild(item);
    return item;
  };

  Widget.prototype.addUser = function (text) {
    this.retireReplies();
    this.replyFirst = null;
    this.replyPayloads = {};
    this.bubble("user", text);
    this.scroll();
  };

  // live: a message just received (not history); the first of a reply is where the log scrolls to.
  Widget.prototype.addBot = function (message, live) {
    var self = this;
    // a button that an earlier message of the same reply already offers is not offered again: "does it hurt and
    // how many sessions?" gets two answers that each offer "Book a consultation" (found by the play-tests)
    var shown = this.replyPayloads || (this.replyPayloads = {});
    var buttons = (message.quick_replies || message.buttons || []).filter(function (b) {
      if (shown[b.payload]) return false;
      shown[b.payload] = true;
      return true;
    });
    var item = this.bubble("bot", message.text || "");
    if (!this.replyFirst) this.replyFirst = item;
    if (buttons.length) this.retireReplies(this.replyFirst);
    if (buttons.length) {
      var row = el("div", { class: "cc-replies", role: "group" });
      buttons.forEach(function (b) {
        var button = el("button", { type: "button", class: "cc-reply", text: b.title });
        button.addEventListener("click", function () { self.say(b.payload, b.title); self.input.focus(); });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    if (live && !this.replyStart) {
      // from the person's own message just before, when there is one, so the question stays with its answers
      // (a browser play-test found it scrolled out of view)
      var asked = item.previousSibling;
      this.replyStart = asked && asked.classList && asked.classList.contains("cc-user") ? asked : item;
    }
    this.scroll();
  };

  // A message's buttons are done once the person answers (a button or typing) or a message of a
  // newer reply brings buttons of its own. The buttons of one reply stay usable together: "does it
  // hurt and how many sessions?" gets two answers, each with its own, and the first answer's "Would
  // you like to book one?" is still asked (a browser play-test found it disabled as it arrived). A
  // newer message without buttons leaves them be: the greeting's come with the disclaimer after them.
  // Done buttons stay in view, disabled, so the conversation reads as it happened.
  // before: only the buttons of messages before this one (the first message of the reply now).
  Widget.prototype.retireReplies = function (before) {
    var buttons = this.log.querySelectorAll(".cc-reply:not([disabled])");
    for (var i = 0; i < buttons.length; i++) {
      if (before && !(buttons[i].compareDocumentPosition(before) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      buttons[i].disabled = true;
    }
  };

  // The conversation so far, from the server: drawn without announcing each old message.
  Widget.prototype.showHistory = function (messages) {
    var self = this;
    this.log.setAttribute("aria-live", "off");
    this.log.textContent = "";
    this.replyStart = null;
    this.replyFirst = null;
    this.replyPayloads = {};
    messages.forEach(function (m) {
      if (m.from === "user") self.addUser(m.text);
      else self.addBot(m, false);
    });
    this.scroll();
    this.log.setAttribute("aria-live", "polite");
    this.historyShown = true;
    if (messages.length) this.greeted = true;
    this.greetIfNew();
  };

  function start() {
    load("link", { rel: "stylesheet", href: base + "clinic-chat.css" });
    load("script", { src: base + "vendor/socket.io.min.js" }, function () { window.clinicChat = new Widget(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
