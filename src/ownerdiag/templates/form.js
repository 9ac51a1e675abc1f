// The browser survey: one question at a time, back, help, a review page, autosave in this
// browser, and a response file exactly as `ownerdiag survey` writes it. No network, no library.
// Every text is inserted with textContent, never as markup.
"use strict";
(function () {
  const dataText = document.getElementById("survey-data").textContent;
  const data = JSON.parse(dataText);
  const meta = document.getElementById("survey-meta").dataset;
  const questions = data.questions;
  // progress belongs to this page's invitation alone: another page never sees or clears it
  const storageKey = "ownerdiag:form:" + meta.formId;
  const main = document.getElementById("main");
  let state = load() || fresh();
  let shownAt = 0;

  function fresh() {
    const ids = questions.map((q) => q.id);
    return { name: meta.name || "", answers: {}, seconds: {}, order: data.shuffle ? shuffled(ids) : [],
      index: 0, started_at: null, screen: "start" };
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey)); } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function shuffled(ids) {  // within each section; sections stay in the order written
    const bySection = new Map();
    for (const q of questions) {
      if (!bySection.has(q.section)) bySection.set(q.section, []);
      bySection.get(q.section).push(q.id);
    }
    const out = [];
    for (const group of bySection.values()) {
      const random = new Uint32Array(group.length);
      crypto.getRandomValues(random);
      for (let i = group.length - 1; i > 0; i--) {
        const j = random[i] % (i + 1);
        [group[i], group[j]] = [group[j], group[i]];
      }
      out.push(...group);
    }
    return out;
  }
  function asked() {
    if (!state.order.length) return questions;
    const byId = new Map(questions.map((q) => [q.id, q]));
    return state.order.map((id) => byId.get(id)).filter(Boolean);
  }

  // ---- drawing -----------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }
  function show(...nodes) {
    main.onkeydown = null;  // a screen's keys are its own: set again by the screen that wants them
    main.replaceChildren(...nodes.filter(Boolean));
    const heading = main.querySelector("h2") || main.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  function startScreen() {
    state.screen = "start";
    if (meta.token) return invitedStart();
    const resumed = Object.keys(state.answers).length;
    const name = el("input", { id: "name", type: "text", autocomplete: "name", maxlength: "2000",
      "aria-describedby": "name-help" });
    name.value = state.name;
    const error = el("p", { id: "name-error", class: "error", role: "alert" });
    const begin = () => {
      const typed = name.value.trim();
      if (!typed) { error.textContent = "Please type your name: the comparison shows it beside your answers."; name.focus(); return; }
      state.name = typed;
      if (!state.started_at) state.started_at = now();
      state.screen = "question";
      save();
      questionScreen();
    };
    name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); begin(); }
    });
    show(
      el("h1", { text: data.bank.title }),
      el("p", { text: data.bank.description }),
      el("p", { text: `You are answering as ${data.role_label}. Answer alone, for how things work today, not how they should. About ten minutes; your answers are kept in this browser until you save the file.` }),
      el("label", { for: "name", text: "Your name" }),
      name,
      el("p", { id: "name-help", class: "hint", text: "As you want it to appear in the comparison." }),
      error,
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "start", onclick: begin,
          text: resumed ? `Continue (${resumed} of ${questions.length} answered)` : "Start" }),
        resumed ? el("button", { type: "button", id: "start-over", class: "secondary", onclick: startOver, text: "Start over" }) : null),
    );
    name.focus();
  }

  function invitedStart() {  // an invitation is for one person: the name is theirs, not typed
    const resumed = Object.keys(state.answers).length;
    const begin = () => {
      state.name = meta.name;
      if (!state.started_at) state.started_at = now();
      state.screen = "question";
      save();
      questionScreen();
    };
    show(
      el("h1", { text: data.bank.title }),
      el("p", { text: data.bank.description }),
      el("p", { id: "invited", text: `This form is ${meta.name}'s invitation, as ${data.role_label}, for round ${meta.round}. Answer alone, for how things work today, not how they should. About ten minutes; your answers are kept in this browser until you save the file.` }),
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "start", onclick: begin,
          text: resumed ? `Continue (${resumed} of ${questions.length} answered)` : "Start" }),
        resumed ? el("button", { type: "button", id: "start-over", class: "secondary", onclick: startOver, text: "Start over" }) : null),
    );
    document.getElementById("start").focus();
  }

  function startOver() {
    if (!confirm("Clear every answer saved in this browser and start again?")) return;
    localStorage.removeItem(storageKey);
    state = fresh();
    startScreen();
  }

  function questionScreen() {
    const list = asked();
    const q = list[state.index];
    const number = state.index + 1;
    shownAt = performance.now();
    const progress = el("p", { class: "progress", "aria-live": "polite",
      text: `${number} of ${list.length}${q.section ? " · " + q.section : ""}` });
    const bar = el("progress", { max: String(list.length), value: String(state.index), "aria-hidden": "true" });
    const heading = el("h2", { id: "prompt", text: q.prompt });
    const helpText = q.help ? el("p", { id: "help", class: "help", hidden: "", text: q.help }) : null;
    const current = q.id in state.answers ? state.answers[q.id] : q.neutral;
    const picksOne = q.widget === "select" || q.widget === "scale";
    const field = picksOne ? oneField(q, current) : q.widget === "ordered" ? orderedField(q, current)
      : q.widget === "multi_select" ? manyField(q, current) : textField(current);
    const error = el("p", { class: "error", role: "alert" });
    const keys = {
      text: "type, then Ctrl+Enter",
      ordered: "Tab to an arrow and press Enter to move that answer; Enter on the list goes on",
      multi_select: "Tab and Space tick answers; Enter goes on",
    }[q.widget] || `${q.keys[0] === "1" ? "a number" : q.keys.join(" or ")}, then Enter`;
    show(
      el("h1", { class: "bank", text: data.bank.title }),
      progress, bar, heading, helpText, field, error,
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "back", class: "secondary", onclick: back, text: "Back" }),
        q.help ? el("button", { type: "button", id: "help-button", class: "secondary", "aria-controls": "help", onclick: toggleHelp, text: "Help" }) : null,
        el("button", { type: "button", id: "next", onclick: next, text: number === list.length ? "Review" : "Next" })),
      el("p", { class: "hint", text: `Keys: ${keys}; b to go back${q.help ? "; ? for help" : ""}.` }),
    );
    const checked = field.querySelector && field.querySelector("input:checked");
    (checked || field).focus();

    function chosen() {
      if (q.widget === "text") return field.value.trim();
      const values = [...field.querySelectorAll("[data-value]")]
        .filter((node) => q.widget === "ordered" || node.checked)
        .map((node) => JSON.parse(node.dataset.value));
      return q.widget === "ordered" || q.widget === "multi_select" ? values : values[0] ?? null;
    }
    function next() {
      const value = chosen();
      if (value === null || value === "" || (Array.isArray(value) && !value.length)) {
        error.textContent = q.widget === "text" ? "Please write a few words."
          : q.widget === "multi_select" ? "Tick at least one answer." : "Pick one answer.";
        return;
      }
      record(q, value);
      if (state.fromReview) { state.fromReview = false; state.screen = "review"; save(); reviewScreen(); }
      else if (state.index + 1 < list.length) { state.index += 1; save(); questionScreen(); }
      else { state.screen = "review"; save(); reviewScreen(); }
    }
    function back() {
      if (state.index === 0) { startScreen(); return; }
      state.index -= 1; save(); questionScreen();
    }
    function toggleHelp() { if (helpText) helpText.hidden = !helpText.hidden; }
    main.onkeydown = (e) => {
      if (e.target.tagName === "TEXTAREA") {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); next(); }
        return;
      }
      if (e.target.tagName === "BUTTON" && e.key === "Enter") return;  // the button's own action
      if (e.key === "Enter") { e.preventDefault(); next(); return; }
      if (e.key === "b" || (e.key === "ArrowLeft" && e.altKey)) { e.preventDefault(); back(); return; }
      if (e.key === "?") { e.preventDefault(); toggleHelp(); return; }
      if (!picksOne) return;
      const at = q.keys.indexOf(e.key.toLowerCase());
      if (at >= 0) {
        e.preventDefault();
        const radio = field.querySelectorAll("input")[at];
        radio.checked = true;
        radio.focus();
      }
    };
  }

  function oneField(q, current) {
    const field = el("div", { role: "radiogroup", "aria-labelledby": "prompt" });
    q.options.forEach(([value, title], i) => {
      const id = `option-${i}`;
      const radio = el("input", { type: "radio", name: "answer", id, "data-value": JSON.stringify(value) });
      if (same(value, current)) radio.checked = true;
      field.append(el("div", { class: "option" }, radio,
        el("label", { for: id }, el("kbd", { text: q.keys[i], "aria-hidden": "true" }), document.createTextNode(" " + title))));
    });
    return field;
  }
  function manyField(q, current) {
    const field = el("div", { role: "group", "aria-labelledby": "prompt" });
    const ticked = Array.isArray(current) ? current : [];
    q.options.forEach(([value, title], i) => {
      const id = `option-${i}`;
      const box = el("input", { type: "checkbox", id, "data-value": JSON.stringify(value) });
      box.checked = ticked.some((v) => same(v, value));
      field.append(el("div", { class: "option" }, box, el("label", { for: id, text: " " + title })));
    });
    return field;
  }
  function orderedField(q, current) {
    const field = el("ol", { class: "ordered", tabindex: "0", "aria-labelledby": "prompt" });
    const order = Array.isArray(current) && current.length === q.options.length ? current : q.options.map(([v]) => v);
    const move = (item, step, button) => {
      const to = step < 0 ? item.previousElementSibling : item.nextElementSibling?.nextElementSibling;
      if (step < 0 && !to) return;
      field.insertBefore(item, to || null);
      button.focus();
    };
    for (const value of order) {
      const title = titleOf(q, value);
      const item = el("li", { "data-value": JSON.stringify(value) }, el("span", { text: title }));
      const up = el("button", { type: "button", class: "secondary move", "aria-label": `Move ${title} up`, text: "↑" });
      const down = el("button", { type: "button", class: "secondary move", "aria-label": `Move ${title} down`, text: "↓" });
      up.addEventListener("click", () => move(item, -1, up));
      down.addEventListener("click", () => move(item, 1, down));
      item.append(" ", up, down);
      field.append(item);
    }
    return field;
  }
  function textField(current) {
    const field = el("textarea", { id: "text-answer", rows: "4", "aria-labelledby": "prompt", maxlength: "4000" });
    field.value = typeof current === "string" ? current : "";
    return field;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function titleOf(q, value) {
    const found = q.options.find(([v]) => same(v, value));
    return found ? found[1] : String(value);
  }

  function record(q, value) {
    state.answers[q.id] = value;
    const spent = (performance.now() - shownAt) / 1000;
    state.seconds[q.id] = Math.round(((state.seconds[q.id] || 0) + spent) * 10) / 10;
  }

  function label(q, value) {
    if (q.widget === "text") return value;
    return Array.isArray(value) ? value.map((v) => titleOf(q, v)).join(q.joiner) : titleOf(q, value);
  }

  function cautions() {
    const owners = questions.filter((q) => q.owner && q.id in state.answers).map((q) => state.answers[q.id]);
    return cautionsFor(owners, Object.values(state.seconds)).map(cautionText);
  }
  // the rules and words of core/quality.py, in the same integer sums (a test checks them)
  function cautionsFor(owners, times) {
    const limits = data.quality;
    const found = [];
    if (owners.length >= limits.min_answers) {
      const counts = new Map();
      for (const a of owners) counts.set(a, (counts.get(a) || 0) + 1);
      const most = Math.max(...counts.values());
      if (most / owners.length >= limits.straight_lining) found.push({ kind: "straight_lining", figure: share(most, owners.length) });
      const unclear = counts.get(limits.unclear) || 0;
      if (unclear / owners.length > limits.cannot_say) found.push({ kind: "cannot_say", figure: share(unclear, owners.length) });
    }
    if (times.length >= limits.min_answers) {
      const sorted = [...times].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      if (median < limits.speeding_seconds) found.push({ kind: "speeding", figure: medianTenths(sorted) / 10 });
    }
    return found;
  }
  function share(count, total) { return Math.floor((200 * count + total) / (2 * total)) / 100; }
  function medianTenths(sorted) {
    const tenths = sorted.map((t) => Math.round(t * 10));
    const mid = Math.floor(tenths.length / 2);
    return tenths.length % 2 ? tenths[mid] : Math.floor((tenths[mid - 1] + tenths[mid] + 1) / 2);
  }
  function cautionText(caution) {
    return data.quality.wording[caution.kind]
      .replace("{percent}", String(Math.round(100 * caution.figure)))
      .replace("{seconds}", String(caution.figure));
  }

  function reviewScreen() {
    state.screen = "review";
    const list = asked();
    const items = el("div", { class: "review" });
    let section = null;
    let group = null;
    list.forEach((q, i) => {
      if (q.section !== section || !group) {
        section = q.section;
        if (section) items.append(el("h3", { text: section }));
        group = el("ol", { start: String(i + 1) });
        items.append(group);
      }
      const answered = q.id in state.answers;
      const change = el("button", { type: "button", class: "link", "data-question": q.id,
        "aria-label": `Change answer ${i + 1}`, text: "Change",
        onclick: () => { state.index = i; state.fromReview = true; state.screen = "question"; save(); questionScreen(); } });
      group.append(el("li", {}, el("span", { class: "q", text: q.prompt }), " ",
        el("strong", { text: answered ? label(q, state.answers[q.id]) : "(no answer)" }), " ", change));
    });
    const missing = list.filter((q) => !(q.id in state.answers)).length;
    const doubts = cautions();
    show(
      el("h1", { class: "bank", text: data.bank.title }),
      el("h2", { text: "Your answers" }),
      el("p", { text: "Change any of them, then save the file." }),
      doubts.length ? el("p", { class: "caution", role: "alert",
        text: `These answers may look careless to whoever reads the comparison: ${doubts.join("; ")}. Take another look, or save them as they are.` }) : null,
      items,
      missing ? el("p", { class: "error", role: "alert", text: `${missing} question(s) have no answer yet.` }) : null,
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "save", onclick: () => finish(), text: "Save my answers", ...(missing ? { disabled: "" } : {}) })),
    );
  }

  // ---- the response file -------------------------------------------------------------------
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "Z"); }
  function quoted(text) {  // a YAML double-quoted scalar that any YAML reader takes as written
    let out = '"';
    for (const ch of String(text)) {
      const code = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (code >= 0x20 && code < 0x7f) out += ch;
      else if (code <= 0xffff) out += "\\u" + code.toString(16).padStart(4, "0");
      else out += "\\U" + code.toString(16).padStart(8, "0");
    }
    return out + '"';
  }
  function scalar(value) {
    if (Array.isArray(value)) return "[" + value.map(quoted).join(", ") + "]";
    return typeof value === "number" ? String(value) : quoted(value);
  }
  function slug(text) {
    const ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "anonymous";
  }
  function hexOf(buffer) {
    return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  async function invitationLines(ids) {  // the seal: what ownerdiag checks against the engagement
    if (!meta.token) return [];
    const encode = (text) => new TextEncoder().encode(text);
    const id = hexOf(await crypto.subtle.digest("SHA-256", encode("ownerdiag invitation\0" + meta.token))).slice(0, 16);
    const sealed = JSON.stringify([id, data.role, state.name, data.bank.hash,
      ids.slice().sort().map((k) => [k, state.answers[k]])]);
    const key = await crypto.subtle.importKey("raw", encode(meta.token), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const seal = hexOf(await crypto.subtle.sign("HMAC", key, encode(sealed)));
    return ["invitation:", `  round: ${quoted(meta.round)}`, `  id: ${quoted(id)}`, `  seal: ${quoted(seal)}`];
  }
  async function responseText() {
    const hex = hexOf(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(dataText)));
    const ids = asked().map((q) => q.id);
    const lines = [
      `# ownerdiag response: role ${data.role}, saved by the browser form`,
      "format: ownerdiag-response/1",
      "bank:",
      `  id: ${quoted(data.bank.id)}`,
      `  version: ${quoted(data.bank.version)}`,
      `  hash: ${quoted(data.bank.hash)}`,
      `started_at: ${quoted(state.started_at)}`,
      `finished_at: ${quoted(state.finished_at)}`,
      `tool_version: ${quoted(meta.toolVersion)}`,
      "complete: true",
      "respondent:",
      `  name: ${quoted(state.name)}`,
      `  role: ${quoted(data.role)}`,
      "answers:",
      ...ids.map((id) => `  ${id}: ${scalar(state.answers[id])}`),
      "seconds:",
      ...ids.filter((id) => id in state.seconds).map((id) => `  ${id}: ${state.seconds[id]}`),
      state.order.length ? "order:" : "order: []",
      ...state.order.map((id) => `  - ${id}`),
      `form: ${quoted("sha256:" + hex)}`,
      ...(await invitationLines(ids)),
    ];
    return lines.join("\n") + "\n";
  }

  function forget(filename) {  // once saved, the answers leave the browser: any page could read them
    try { localStorage.setItem(storageKey, JSON.stringify({ screen: "sent", filename })); } catch (e) { /* private mode */ }
  }
  function sentScreen() {
    show(
      el("h1", { class: "bank", text: data.bank.title }),
      el("h2", { text: "Saved. Now send the file." }),
      el("p", { text: `You saved ${state.filename} from this page. Send that file to the person running the comparison. Your answers are no longer kept in this browser.` }),
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "start-over", class: "secondary", onclick: startOver, text: "Start over" })),
    );
  }

  async function finish(download = true) {
    if (!state.finished_at) state.finished_at = now();
    state.screen = "done";
    const text = await responseText();
    const filename = `${slug(data.bank.id)}-${slug(data.role)}-${slug(state.name)}.yaml`;
    forget(filename);
    const url = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    const link = el("a", { href: url, download: filename, id: "download", text: `Save ${filename} again` });
    const copy = el("button", { type: "button", id: "copy", class: "secondary", text: "Copy the file's text" });
    const box = el("textarea", { id: "response-text", rows: "8", readonly: "", "aria-label": "The response file's text" });
    box.value = text;
    const copied = el("p", { class: "hint", "aria-live": "polite" });
    copy.addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(text); }
      catch (e) { box.select(); document.execCommand("copy"); }
      copied.textContent = "Copied: paste it into an e-mail to the facilitator.";
    });
    show(
      el("h1", { class: "bank", text: data.bank.title }),
      el("h2", { text: "Saved. Now send the file." }),
      el("p", { text: `Your browser saved ${filename} (look in your downloads folder). Send that file to the person running the comparison, by e-mail or a shared folder. It holds your answers only — nobody else's — and nothing has been sent anywhere.` }),
      el("p", {}, link),
      el("p", { text: "If no file appeared, copy the text below and send it instead." }),
      copy, copied, box,
      el("div", { class: "buttons" },
        el("button", { type: "button", id: "edit", class: "secondary", text: "Change an answer",
          onclick: () => { state.finished_at = null; save(); reviewScreen(); } }),
        el("button", { type: "button", id: "start-over", class: "secondary", onclick: startOver, text: "Start over" })),
    );
    if (download) link.click();
  }

  window.ownerdiagRules = Object.freeze({ slug, cautionsFor, cautionText, shuffled });
  if (state.screen === "review") reviewScreen();
  else if (state.screen === "sent") sentScreen();
  else if (state.screen === "done") finish(false);
  else if (state.screen === "question" && state.name) questionScreen();
  else startScreen();
})();
