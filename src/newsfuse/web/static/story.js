// Story page: citation highlighting and the length slider.
// Article text is hostile: it is only ever set with textContent / text nodes, never as HTML.
"use strict";
(function () {
  const dataEl = document.getElementById("story-data");
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent);
  const texts = new Map();
  const numbers = new Map();
  data.sources.forEach(function (id, i) {
    texts.set(id, data.texts[i]);
    numbers.set(id, i + 1);
  });
  const nOutlets = data.n_outlets;
  const disputed = new Set(data.disputed || []);
  const sourceDays = new Map(Object.entries(data.days || {})); // source id -> [day ordinal, label]
  const chronicleDays = Number(data.chronicle_days);

  // Offsets in the JSON count Unicode code points (Python); JS strings count UTF-16 units.
  function toUnits(text, cp) {
    if (!/[\uD800-\uDFFF]/.test(text)) return cp;
    let units = 0;
    let n = 0;
    for (const ch of text) {
      if (n === cp) break;
      units += ch.length;
      n += 1;
    }
    return units;
  }

  function sourceTextEl(id) {
    return document.querySelector('.source-text[data-source="' + CSS.escape(id) + '"]');
  }

  function clearMarks() {
    document.querySelectorAll(".source-text.has-mark").forEach(function (el) {
      el.textContent = texts.get(el.dataset.source);
      el.classList.remove("has-mark");
    });
    document.querySelectorAll(".cite.active, .source.active").forEach(function (el) {
      el.classList.remove("active");
    });
  }

  let pinned = null;

  function highlight(btn, opts) {
    const id = btn.dataset.source;
    const text = texts.get(id);
    const el = sourceTextEl(id);
    if (text === undefined || !el) return;
    const start = toUnits(text, Number(btn.dataset.start));
    const end = toUnits(text, Number(btn.dataset.end));
    if (!(start >= 0 && end > start && end <= text.length)) return;
    clearMarks();
    const mark = document.createElement("mark");
    mark.className = "cited";
    mark.textContent = text.slice(start, end);
    el.replaceChildren(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    el.classList.add("has-mark");
    btn.classList.add("active");
    const card = el.closest(".source");
    if (card) card.classList.add("active");
    const details = el.closest("details");
    if (details && !details.open && opts.open) details.open = true;
    if (details && details.open) scrollWithinBox(el, mark);
    if (opts.scroll) {
      // Then the scrollers around the box (the sources column, the page), unless the mark already shows:
      // "center" leaves the reader the sentence's context above and below it.
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (!inView(mark)) mark.scrollIntoView({ block: "center", inline: "nearest", behavior: smooth ? "smooth" : "auto" });
    }
  }

  // Whether the whole mark shows in the window and in every scrolling box around it.
  function inView(mark) {
    const r = mark.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) return false;
    for (let el = mark.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.scrollHeight <= el.clientHeight) continue;
      const e = el.getBoundingClientRect();
      if (r.top < e.top + el.clientTop || r.bottom > e.top + el.clientTop + el.clientHeight) return false;
    }
    const jump = document.getElementById("jump");
    return !(jump && jump.offsetParent !== null && r.top < jump.getBoundingClientRect().bottom);
  }

  // Scroll the text box (not the page) so the cited span sits near its top third, or at its top when
  // the span is taller than that. Measured with client rectangles, so the result does not depend on
  // which element is the mark's offsetParent.
  function scrollWithinBox(box, mark) {
    const boxRect = box.getBoundingClientRect();
    const rects = mark.getClientRects();
    if (!rects.length) return;
    const first = rects[0];
    const last = rects[rects.length - 1];
    const top = first.top - boxRect.top - box.clientTop + box.scrollTop; // from the top of the box's content
    const height = last.bottom - first.top;
    const room = box.clientHeight;
    const lead = height > (room * 2) / 3 ? Math.min(room / 10, 16) : room / 3;
    const target = Math.max(0, Math.min(top - lead, box.scrollHeight - room));
    box.scrollTop = target;
  }

  document.addEventListener("click", function (ev) {
    const btn = ev.target.closest && ev.target.closest(".cite");
    if (!btn) return;
    ev.preventDefault();
    pinned = btn;
    highlight(btn, { open: true, scroll: true });
  });
  document.addEventListener("mouseover", function (ev) {
    const btn = ev.target.closest && ev.target.closest(".cite");
    if (btn) highlight(btn, { open: false, scroll: false });
  });
  document.addEventListener("focusin", function (ev) {
    const btn = ev.target.closest && ev.target.closest(".cite");
    if (btn) highlight(btn, { open: false, scroll: false });
  });
  document.addEventListener("mouseout", function (ev) {
    const btn = ev.target.closest && ev.target.closest(".cite");
    if (!btn || btn === pinned) return;
    if (pinned && document.contains(pinned)) highlight(pinned, { open: false, scroll: false });
    else clearMarks();
  });

  // ---- the length slider: fetch the summary at another length, re-render it in place ----
  function citeButtons(citations) {
    const span = document.createElement("span");
    span.className = "cites";
    const seen = new Set();
    for (const c of citations) {
      if (!numbers.has(c.source) || seen.has(c.source)) continue;
      seen.add(c.source);
      const b = document.createElement("button");
      b.type = "button";
      b.className = "cite";
      b.dataset.source = c.source;
      b.dataset.start = String(c.start);
      b.dataset.end = String(c.end);
      b.dataset.n = String(numbers.get(c.source));
      b.title = "Show in source " + numbers.get(c.source);
      b.setAttribute("aria-label", "Source " + numbers.get(c.source));
      b.textContent = String(numbers.get(c.source));
      span.append(b);
    }
    return span;
  }

  // A sentence that comes right after the one before it in the same paragraph of the same source joins its
  // passage (as newsfuse.render.formats.passage_runs groups them): one item per passage.
  function follows(a, b) {
    const x = a.citations && a.citations[0];
    const y = b.citations && b.citations[0];
    if (!x || !y || x.source !== y.source || y.start < x.end || !texts.has(x.source)) return false;
    const text = texts.get(x.source);
    const gap = text.slice(toUnits(text, x.end), toUnits(text, y.start));
    return gap.trim() === "" && gap.indexOf("\n") < 0;
  }

  function sentenceEl(s) {
    const el = document.createElement("span");
    el.className = "sentence";
    const t = document.createElement("span");
    t.className = "sentence-text";
    t.textContent = s.text;
    const badge = document.createElement("span");
    badge.className = "badge " + (s.support >= 3 ? "strong" : s.support === 2 ? "some" : "single");
    badge.title = s.support + " of " + nOutlets + " outlets state this";
    badge.textContent = s.support + "/" + nOutlets;
    el.append(t, document.createTextNode(" "), citeButtons(s.citations), document.createTextNode(" "), badge);
    if (s.rewritten) {
      const p = document.createElement("span");
      p.className = "badge rewritten";
      p.title = "The model's wording, checked against the cited sources";
      p.textContent = "prose";
      el.append(document.createTextNode(" "), p);
    }
    if (s.citations.some(function (c) { return disputed.has(c.source + ":" + c.start + ":" + c.end); })) {
      const a = document.createElement("a");
      a.className = "badge disputed";
      a.href = "#analysis-disagreements";
      a.title = "Outlets disagree on this: see below";
      a.textContent = "disputed";
      el.append(document.createTextNode(" "), a);
    }
    return el;
  }

  // Per passage (its first sentence), its article's day where the day changes, when every passage is dated and
  // the days span more than chronicleDays (as newsfuse.render.formats.day_marks marks them); else all null.
  function passageDays(firsts) {
    const days = firsts.map(function (s) {
      const c = s.citations && s.citations[0];
      return (c && sourceDays.get(c.source)) || null;
    });
    const none = firsts.map(function () { return null; });
    if (!days.length || days.some(function (d) { return d === null; })) return none;
    const ords = days.map(function (d) { return d[0]; });
    if (!(Math.max.apply(null, ords) - Math.min.apply(null, ords) > chronicleDays)) return none;
    return days.map(function (d, k) { return k && d[0] === days[k - 1][0] ? null : d[1]; });
  }

  function renderSummary(d) {
    const list = document.getElementById("summary");
    const items = [];
    const firsts = []; // the first sentence of each passage
    d.sentences.forEach(function (s, i) {
      let li = items[items.length - 1];
      if (!li || !follows(d.sentences[i - 1], s)) {
        li = document.createElement("li");
        li.className = "passage";
        items.push(li);
        firsts.push(s);
      } else {
        li.append(document.createTextNode(" "));
      }
      li.append(sentenceEl(s));
    });
    passageDays(firsts).forEach(function (day, k) {
      if (day === null) return;
      const mark = document.createElement("span");
      mark.className = "passage-day";
      mark.textContent = day;
      items[k].prepend(mark, document.createTextNode(" — "));
    });
    if (!items.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "No summary: " + ((d.warnings || []).join("; ") || "nothing to summarize");
      items.push(li);
    }
    list.replaceChildren.apply(list, items);
    pinned = null;
    clearMarks();
    document.getElementById("summary-words").textContent = d.words + " words";
    document.body.dataset.summaryWords = String(d.words);
  }

  const slider = document.getElementById("words-slider");
  const out = document.getElementById("words-out");
  if (!slider) return;
  let timer = null;
  let seq = 0;
  slider.addEventListener("input", function () {
    out.textContent = slider.value;
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
  document.getElementById("words-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    refresh();
  });
  const prose = document.getElementById("rewrite-toggle");
  if (prose) prose.addEventListener("change", refresh);

  function refresh() {
    const words = slider.value;
    const mine = ++seq;
    const query = "?words=" + encodeURIComponent(words) + (prose && prose.checked ? "&rewrite=true" : "");
    const url = slider.dataset.summaryUrl + query;
    document.body.classList.add("loading");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (d) {
          if (!r.ok) throw new Error(d.error || "HTTP " + r.status);
          return d;
        });
      })
      .then(function (d) {
        if (mine !== seq) return;
        renderSummary(d);
        history.replaceState(null, "", query);
      })
      .catch(function (err) {
        if (mine === seq) document.getElementById("summary-words").textContent = "Could not update: " + err.message;
      })
      .finally(function () {
        if (mine === seq) document.body.classList.remove("loading");
      });
  }
})();
