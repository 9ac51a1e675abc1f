// The meeting page: the agenda one item at a time for the projector, the room's choice by click
// or key, a note per item, a review, and the decisions file that `ownerdiag charter` reads.
// Nothing is chosen for the room: an item starts with no answer picked, and one nobody picks
// stays open. No network, no library. Every text is inserted with textContent, never as markup.
"use strict";
(function () {
  const dataText = document.getElementById("meeting-data").textContent;
  const data = JSON.parse(dataText);
  const meta = document.getElementById("meeting-meta").dataset;
  // progress belongs to this meeting alone: another page never sees or clears it
  const storageKey = "ownerdiag:meeting:" + meta.meetingId;
  const main = document.getElementById("main");
  const steps = data.steps;
  const everyItem = steps.flatMap((step) => step.items);
  const perItem = data.minutes_per_item;
  let state = load() || fresh();

  function fresh() {
    return { screen: "start", index: 0, part: 0, opened: null, fromReview: false,
      decisions: {}, started_at: null, finished_at: null };
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey)); } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
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
    main.onkeydown = null;  // a screen's keys are its own
    main.replaceChildren(...nodes.filter(Boolean));
    const heading = main.querySelector("h2") || main.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }
  function buttons(...list) { return el("div", { class: "buttons" }, ...list); }
  function button(id, text, onclick, secondary) {
    return el("button", { type: "button", id, class: secondary ? "secondary" : "", onclick, text });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function labelOf(id, value) {
    const found = data.items[id].options.find(([v]) => same(v, value));
    return found ? found[1] : String(value);
  }
  function whose(origin) {
    return { leaders: ` (${data.leaders_said})`, framework: " (the framework's answer)" }[origin] || "";
  }
  function progressText() {
    const left = (steps.length - state.index) * perItem;
    return `Item ${state.index + 1} of ${steps.length} · about ${left} min left at ${perItem} min an item`;
  }
  function typing(e) { return e.target.tagName === "TEXTAREA"; }

  // ---- screens -----------------------------------------------------------------------------
  function startScreen() {
    state.screen = "start";
    const gone = Object.keys(state.decisions).length;
    const begin = () => {
      if (!state.started_at) state.started_at = now();
      state.screen = "step";
      save();
      stepScreen();
    };
    show(
      el("h1", { text: "Meeting: " + data.title }),
      el("p", { text: `${steps.length} items, worst first: about ${steps.length * perItem} minutes at ${perItem} minutes an item. Only the room decides: no answer is picked for you, and an item nobody decides stays open.` }),
      el("p", { class: "hint", text: "Keys: a number picks an answer, s leaves an item open, Enter or → goes on, ← or b goes back." }),
      buttons(button("start", gone ? `Continue (${gone} of ${everyItem.length} gone through)` : "Start", begin),
        gone ? button("start-over", "Start over", startOver, true) : null),
    );
    main.onkeydown = (e) => {
      if (e.key === "Enter" && e.target.tagName !== "BUTTON") { e.preventDefault(); begin(); }
    };
  }
  function startOver() {
    if (!confirm("Clear every decision kept in this browser for this meeting?")) return;
    localStorage.removeItem(storageKey);
    state = fresh();
    startScreen();
  }

  function stepScreen() {
    state.screen = "step";
    if (state.index >= steps.length) { reviewScreen(); return; }
    const step = steps[state.index];
    if (step.kind === "confirm" && !state.opened) { confirmScreen(step); return; }
    itemScreen(step, state.opened || step.items[state.part]);
  }

  function itemScreen(step, id) {
    const item = data.items[id];
    const made = state.decisions[id];
    const field = el("fieldset", {}, el("legend", { text: "What does the room decide?" }));
    const radios = [];
    item.options.forEach(([value, title, origin, tags], i) => {
      const radio = el("input", { type: "radio", name: "decision", id: `option-${i}`,
        "data-value": JSON.stringify(value), "data-origin": origin });
      if (made && made.decision !== null && same(made.decision, value)) radio.checked = true;
      radios.push(radio);
      field.append(el("div", { class: "option" }, radio,
        el("label", { for: `option-${i}` }, el("kbd", { text: String(i + 1), "aria-hidden": "true" }),
          document.createTextNode(` ${title} `), tags ? el("span", { class: "tags", text: `(${tags})` }) : null)));
    });
    const leave = el("input", { type: "radio", name: "decision", id: "option-open", "data-value": "null" });
    if (made && made.decision === null) leave.checked = true;
    field.append(el("div", { class: "option" }, leave,
      el("label", { for: "option-open" }, el("kbd", { text: "s", "aria-hidden": "true" }),
        document.createTextNode(" Leave open for now"))));
    const note = el("textarea", { id: "note", rows: "2", maxlength: "4000" });
    note.value = made ? made.note : "";
    const where = step.kind === "cascade"
      ? `Part ${state.part + 1} of ${step.items.length} of one cause: ${step.cause}`
      : step.kind === "confirm" ? "Confirm or change" : "";
    const next = () => {
      const picked = field.querySelector("input:checked");
      const value = picked ? JSON.parse(picked.dataset.value) : null;
      state.decisions[id] = { decision: value, note: note.value.trim(),
        origin: value === null ? null : picked.dataset.origin };
      advance(step);
    };
    show(
      el("h1", { class: "meeting", text: data.title }),
      el("p", { class: "progress", "aria-live": "polite", text: progressText() }),
      where ? el("p", { class: "cause", text: where }) : null,
      el("p", { class: "verdict", text: item.verdict }),
      el("h2", { id: "prompt", text: item.prompt }),
      el("ul", { class: "said", "aria-label": "What each leader said" },
        ...item.said.map(([name, answer]) => el("li", { text: `${name}: ${answer}` }))),
      item.framework ? el("p", { class: "framework", text: "Framework: " + item.framework }) : null,
      item.why ? el("p", { class: "why", text: "Why it matters: " + item.why }) : null,
      item.remedy ? el("p", { class: "remedy", text: "Remedy: " + item.remedy }) : null,
      field,
      el("label", { for: "note", class: "note", text: "Note (optional)" }), note,
      buttons(button("back", "Back", back, true), button("next", "Next", next)),
      el("p", { class: "hint", text: "Keys: 1-9 pick · s leave open · Enter or → next · ← or b back · in the note, Ctrl+Enter goes on." }),
    );
    main.onkeydown = (e) => {
      if (typing(e)) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); next(); }
        return;
      }
      if (e.target.tagName === "BUTTON" && e.key === "Enter") return;  // the button's own action
      if (e.key === "Enter" || e.key === "ArrowRight") { e.preventDefault(); next(); return; }
      if (e.key === "ArrowLeft" || e.key === "b") { e.preventDefault(); back(); return; }
      const at = e.key === "s" ? leave : radios[Number(e.key) - 1];
      if (at && (e.key === "s" || /^[1-9]$/.test(e.key))) { e.preventDefault(); at.checked = true; at.focus(); }
    };
  }

  function advance(step) {
    if (state.opened) state.opened = null;  // back to the confirm step it was opened from
    else if (step.kind === "cascade" && state.part + 1 < step.items.length) state.part += 1;
    else { state.index += 1; state.part = 0; }
    if (state.fromReview) { state.fromReview = false; save(); reviewScreen(); return; }
    save();
    stepScreen();
  }
  function back() {
    if (state.opened) state.opened = null;
    else if (state.part > 0) state.part -= 1;
    else if (state.index > 0) {
      state.index -= 1;
      const before = steps[state.index];
      state.part = before.kind === "cascade" ? before.items.length - 1 : 0;
    } else { save(); startScreen(); return; }
    save();
    stepScreen();
  }

  function confirmScreen(step) {
    const list = el("ol", { class: "list" });
    step.items.forEach((id, i) => {
      const item = data.items[id];
      const made = state.decisions[id];
      const now = made && made.decision !== null ? `decided: ${labelOf(id, made.decision)}${whose(made.origin)}`
        : `${data.leaders_said}: ${labelOf(id, item.shared)}`;
      list.append(el("li", {}, document.createTextNode(`${item.area} — ${now} `),
        el("button", { type: "button", class: "secondary", "aria-label": `Change item ${i + 1}: ${item.area}`,
          onclick: () => open(id), text: "Change" })));
    });
    const open = (id) => { state.opened = id; save(); stepScreen(); };
    const settle = (confirmed) => {
      for (const id of step.items) {
        const made = state.decisions[id];
        if (made && made.decision !== null) continue;
        const note = made ? made.note : "";
        state.decisions[id] = confirmed ? { decision: data.items[id].shared, note, origin: "leaders" }
          : { decision: null, note, origin: null };
      }
      advance(step);
    };
    show(
      el("h1", { class: "meeting", text: data.title }),
      el("p", { class: "progress", "aria-live": "polite", text: progressText() }),
      el("h2", { text: "Confirm or change: you gave the same answer on each of these" }),
      el("p", { text: "The framework would answer otherwise. Confirm them as you said, or change any of them." }),
      list,
      buttons(button("back", "Back", back, true), button("confirm-all", "Confirm the rest as you said", () => settle(true)),
        button("leave-open", "Leave the rest open", () => settle(false), true)),
      el("p", { class: "hint", text: "Keys: y confirms the rest · s or Enter leaves the rest open · a number changes that item · ← or b back." }),
    );
    main.onkeydown = (e) => {
      if (e.target.tagName === "BUTTON" && e.key === "Enter") return;
      if (e.key === "y") { e.preventDefault(); settle(true); return; }
      if (e.key === "s" || e.key === "Enter") { e.preventDefault(); settle(false); return; }
      if (e.key === "ArrowLeft" || e.key === "b") { e.preventDefault(); back(); return; }
      const at = Number(e.key) - 1;
      if (/^[1-9]$/.test(e.key) && at < step.items.length) { e.preventDefault(); open(step.items[at]); }
    };
  }

  function reviewScreen() {
    state.screen = "review";
    const list = el("ol", { class: "list" });
    let decided = 0;
    everyItem.forEach((id, i) => {
      const made = state.decisions[id];
      const item = data.items[id];
      const taken = made && made.decision !== null;
      if (taken) decided += 1;
      list.append(el("li", { class: taken ? "" : "open" },
        document.createTextNode(`${item.area}: ${taken ? labelOf(id, made.decision) + whose(made.origin) : "open"} `),
        el("button", { type: "button", class: "secondary", "aria-label": `Change item ${i + 1}: ${item.area}`,
          onclick: () => change(id), text: "Change" })));
    });
    const change = (id) => {
      const at = steps.findIndex((step) => step.items.includes(id));
      const step = steps[at];
      state.index = at;
      state.part = step.kind === "cascade" ? step.items.indexOf(id) : 0;
      state.opened = step.kind === "confirm" ? id : null;
      state.fromReview = true;
      save();
      stepScreen();
    };
    const backToLast = () => {
      state.index = steps.length - 1;
      const last = steps[state.index];
      state.part = last.kind === "cascade" ? last.items.length - 1 : 0;
      save();
      stepScreen();
    };
    show(
      el("h1", { class: "meeting", text: data.title }),
      el("h2", { text: "Review the meeting's decisions" }),
      el("p", { text: `${decided} of ${everyItem.length} decided; what is open goes to the charter as "to decide".` }),
      list,
      buttons(button("back", "Back", backToLast, true), button("save", "Save the decisions", () => finish())),
      el("p", { class: "hint", text: "Keys: Enter saves · ← or b goes back · Tab reaches each Change button." }),
    );
    main.onkeydown = (e) => {
      if (e.target.tagName === "BUTTON" && e.key === "Enter") return;
      if (e.key === "Enter") { e.preventDefault(); finish(); return; }
      if (e.key === "ArrowLeft" || e.key === "b") { e.preventDefault(); backToLast(); }
    };
  }

  // ---- the decisions file ------------------------------------------------------------------
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "Z"); }
  function asYaml(json) {  // JSON is YAML; characters past ASCII (but whole emoji) as \u escapes
    return json.replace(/[\u007f-\ud7ff\ue000-\uffff]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }
  async function decisionsText() {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(dataText));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    const decisions = {};
    for (const id of everyItem) if (id in state.decisions) decisions[id] = state.decisions[id];
    const file = {
      format: "ownerdiag-decisions/1",
      bank: data.bank,
      started_at: state.started_at || now(),
      finished_at: state.finished_at,
      tool_version: meta.toolVersion,
      complete: everyItem.every((id) => state.decisions[id] && state.decisions[id].decision !== null),
      respondents: data.respondents.map((r) => ({ name: r.name, role: r.role })),
      decisions,
      page: "sha256:" + hex,
    };
    return "# ownerdiag decisions: saved by the meeting page\n" + asYaml(JSON.stringify(file, null, 2)) + "\n";
  }

  async function finish(download = true) {
    state.finished_at = now();
    state.screen = "done";
    save();
    const text = await decisionsText();
    const filename = "decisions.yaml";
    const url = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    const link = el("a", { href: url, download: filename, id: "download", text: `Save ${filename} again` });
    const box = el("textarea", { id: "decisions-text", rows: "8", readonly: "", "aria-label": "The decisions file's text" });
    box.value = text;
    show(
      el("h1", { class: "meeting", text: data.title }),
      el("h2", { text: "Saved. Now write the agreement." }),
      el("p", { text: `Your browser saved ${filename} (look in the downloads folder). Give it to ownerdiag charter with the same response files: ownerdiag charter FILES --decisions ${filename}. Nothing has been sent anywhere.` }),
      el("p", {}, link),
      el("p", { text: "If no file appeared, copy the text below into a file instead." }),
      box,
      buttons(button("edit", "Change a decision", () => { state.finished_at = null; save(); reviewScreen(); }, true)),
    );
    if (download) link.click();
  }

  if (state.screen === "review") reviewScreen();
  else if (state.screen === "done") finish(false);
  else if (state.screen === "step") stepScreen();
  else startScreen();
})();
