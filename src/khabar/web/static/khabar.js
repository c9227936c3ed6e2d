/* khabar web UI: a map, a timeline and a table of events; event and article pages.
 *
 * Safety rule of this file: text that comes from the API (article text, titles, names, outlets) only ever
 * reaches the page through textContent / text nodes built by el(); nothing from the API is assigned to
 * innerHTML, and links are taken only when they are http(s) URLs or our own #/ routes.
 */
(function () {
  "use strict";

  const I18N = window.KHABAR_I18N;
  const TYPES = I18N.types;
  const PAGE = 1000; // events per request (the API's maximum)
  const MAP_CAP = 5000; // at most this many events are fetched for the map and table
  const SVGNS = "http://www.w3.org/2000/svg";

  let lang = "en";
  try { lang = localStorage.getItem("khabar.lang") || "en"; } catch (_e) { /* private mode */ }

  // ---------------------------------------------------------------- helpers

  function t(key, vars) {
    let s = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
    if (vars) for (const k of Object.keys(vars)) s = s.replace("{" + k + "}", String(vars[k]));
    return s;
  }

  /** el("a", {href: "#/x", class: "c", text: "label"}, child, ...): DOM building without HTML parsing. */
  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "text") node.textContent = String(v);
        else if (k === "href") { const u = safeHref(v); if (u) node.setAttribute("href", u); }
        else if (k === "style") node.setAttribute("style", v);
        else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, String(v));
      }
    }
    for (const c of children) append(node, c);
    return node;
  }

  function append(node, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { for (const x of c) append(node, x); return; }
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }

  /** Our own routes (#/...), relative API paths, and http(s) URLs; anything else (javascript:, data:) is dropped. */
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith("#/") || /^[a-z0-9_./-]*$/i.test(s) && !s.includes(":")) return s;
    try {
      const u = new URL(s, document.baseURI);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (_e) {
      return null;
    }
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  const $ = (sel) => document.querySelector(sel);
  const ARABIC = /[\u0600-\u06ff]/;
  function textCell(v) { return el("td", { dir: "auto", class: ARABIC.test(v || "") ? "ar" : null, text: v || "" }); }
  function typeColor(type) { return (TYPES[type] && TYPES[type].color) || "#555"; }
  function typeLabel(type) { return lang === "ar" && TYPES[type] ? TYPES[type].ar : type; }
  function chip(type, mode) {
    const label = typeLabel(type) + (mode ? " · " + mode : "");
    return el("span", { class: "chip", style: "background:" + typeColor(type), title: type + (mode ? "/" + mode : ""), text: label });
  }
  function statusBadge(st) { return el("span", { class: "st st-" + (st || "asserted"), text: t("st_" + (st || "asserted")) }); }
  function setStatus(msg, isError) {
    const s = $("#status");
    s.textContent = msg || "";
    s.classList.toggle("error", !!isError);
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {}

  async function api(path, params) {
    const url = new URL(path, document.baseURI);
    if (params) for (const [k, v] of Object.entries(params)) {
      if (v === null || v === undefined || v === "") continue;
      url.searchParams.set(k, v);
    }
    return apiUrl(url);
  }

  async function apiUrl(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) {
      let detail = r.status + " " + r.statusText;
      try {
        const body = await r.json();
        if (body && typeof body.error === "string") detail = body.error;
        else if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      } catch (_e) { /* not JSON */ }
      const err = new ApiError(detail);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }

  function listOf(data, ...keys) {
    if (Array.isArray(data)) return data;
    for (const k of [...keys, "items", "results", "data"]) if (data && Array.isArray(data[k])) return data[k];
    return [];
  }

  // Accessors over the event JSON of GET /events and GET /events/{id}.
  function evArticle(ev) { return ev.article_id || (ev.article && ev.article.id) || null; }
  // GET /events gives `id` = "article id:event id" beside `event_id`; an article record's events have the bare id.
  function evRef(ev) { return ev.event_id ? ev.id : (evArticle(ev) ? evArticle(ev) + ":" + ev.id : ev.id); }
  function evGeo(ev) {
    if (ev.place && ev.place.geo) return ev.place.geo;
    if (ev.geo) return ev.geo;
    if (ev.lat !== undefined && ev.lat !== null) return { lat: ev.lat, lon: ev.lon, country_code: ev.country_code };
    return null;
  }
  function evDate(ev) {
    if (ev.date && typeof ev.date === "object") return ev.date.value || null;
    return ev.date || null;
  }
  function evDay(ev) { return ev.day || evDate(ev) || (ev.article && ev.article.published) || ev.published || null; }
  function evOutlet(ev) { return ev.outlet || (ev.article && ev.article.outlet) || null; }
  function evSourceText(ev) { return ev.source ? (typeof ev.source === "string" ? ev.source : ev.source.text) : null; }
  function evSourceKind(ev) { return ev.source && typeof ev.source === "object" ? ev.source.kind : ev.source_kind; }
  function argText(list) { return (list || []).map((a) => (typeof a === "string" ? a : a.text)).join("، "); }

  // ---------------------------------------------------------------- language

  function applyLang() {
    const html = document.documentElement;
    html.lang = lang;
    html.dir = lang === "ar" ? "rtl" : "ltr";
    $("#lang").textContent = lang === "ar" ? "English" : "عربي";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
    fillTypeOptions();
  }

  $("#lang").addEventListener("click", () => {
    lang = lang === "ar" ? "en" : "ar";
    try { localStorage.setItem("khabar.lang", lang); } catch (_e) { /* ignore */ }
    applyLang();
    rerender();
  });

  // ---------------------------------------------------------------- map view state

  const FILTER_NAMES = ["event_type", "status", "source_kind", "outlet", "country", "q", "event_date_from", "event_date_to"];
  const state = { filters: {}, loadedKey: null, events: [], next: null, count: null, outlets: new Set(), countries: new Set() };
  let map = null, clusters = null;

  function fillTypeOptions() {
    const sel = $("#f-type");
    const current = sel.value;
    clear(sel);
    sel.appendChild(el("option", { value: "", text: t("any") }));
    for (const type of Object.keys(TYPES).sort()) {
      sel.appendChild(el("option", { value: type, text: lang === "ar" ? TYPES[type].ar + " (" + type + ")" : type }));
    }
    sel.value = current;
  }

  function fillSetOptions(sel, values) {
    const current = sel.value;
    const keep = sel.firstElementChild;
    clear(sel);
    sel.appendChild(keep);
    for (const v of [...values].sort()) sel.appendChild(el("option", { value: v, dir: "auto", text: v }));
    if (current && !values.has(current)) sel.appendChild(el("option", { value: current, text: current }));
    sel.value = current;
  }

  function filtersFromForm() {
    const f = {};
    const form = $("#filters");
    for (const name of FILTER_NAMES) {
      const v = form.elements[name].value.trim();
      if (v) f[name] = v;
    }
    return f;
  }

  function filtersToForm(f) {
    const form = $("#filters");
    for (const name of FILTER_NAMES) {
      const input = form.elements[name];
      if (input.tagName === "SELECT" && f[name] && ![...input.options].some((o) => o.value === f[name])) {
        input.appendChild(el("option", { value: f[name], text: f[name] }));
      }
      input.value = f[name] || "";
    }
    $("#tl-clear").hidden = !(f.event_date_from || f.event_date_to);
  }

  function hashFor(f) {
    const p = new URLSearchParams();
    for (const name of FILTER_NAMES) if (f[name]) p.set(name, f[name]);
    const s = p.toString();
    return "#/" + (s ? "?" + s : "");
  }

  function go(f) { location.hash = hashFor(f); }

  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); go(filtersFromForm()); });
  for (const sel of document.querySelectorAll("#filters select, #filters input[type=date]")) {
    sel.addEventListener("change", () => go(filtersFromForm()));
  }
  $("#f-reset").addEventListener("click", () => go({}));
  $("#tl-clear").addEventListener("click", () => {
    const f = filtersFromForm();
    delete f.event_date_from;
    delete f.event_date_to;
    go(f);
  });
  $("#more").addEventListener("click", () => loadMore());

  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 13, zoomSnap: 0.5 }).setView([28, 42], 4);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet · Natural Earth");
    addBasemap(map);
    clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon });
    map.addLayer(clusters);
    legend($("#map-legend"));
  }

  let basemapCache = null;
  function basemapData() {
    if (!basemapCache) {
      const get = (p) => fetch(new URL(p, document.baseURI)).then((r) => { if (!r.ok) throw new Error(p); return r.json(); });
      basemapCache = Promise.all([get("geo/countries-50m.topojson"), get("geo/admin1.topojson")]).then(([c, a]) => [
        topojson.feature(c, c.objects.countries), topojson.feature(a, a.objects.admin1)]);
    }
    return basemapCache;
  }

  /** Natural Earth countries always, admin-1 regions from zoom 5 (an offline vector basemap: no tiles), drawn on
   * a canvas (thousands of SVG paths at 1:50m made the first view slow). */
  function addBasemap(m) {
    return basemapData().then(([countries, admin1]) => {
      const renderer = L.canvas({ padding: 0.5 });
      L.geoJSON(countries, {
        interactive: false, renderer,
        style: { color: "#8d99a6", weight: 0.8, fillColor: "#f3efe6", fillOpacity: 1 },
      }).addTo(m);
      let regions = null; // built on the first zoom to 5
      const toggle = () => {
        if (m.getZoom() >= 5 && !regions) {
          regions = L.geoJSON(admin1, {
            renderer,
            style: { color: "#aab3bd", weight: 0.6, dashArray: "3 3", fill: true, fillOpacity: 0 },
            onEachFeature: (feat, layer) => {
              layer.bindTooltip(() => el("span", { text: feat.properties.name || "" }), { sticky: true, className: "admin1-label" });
            },
          });
        }
        if (m.getZoom() >= 5 && !m.hasLayer(regions)) regions.addTo(m);
        if (m.getZoom() < 5 && regions && m.hasLayer(regions)) m.removeLayer(regions);
        m.getContainer().dataset.regions = regions && m.hasLayer(regions) ? String(admin1.features.length) : "0";
      };
      m.on("zoomend", toggle);
      toggle();
      m.getContainer().dataset.countries = String(countries.features.length);
      m.getContainer().dataset.basemap = "ready";
    }).catch((err) => setStatus(t("error") + ": basemap " + err.message, true));
  }

  function dotIcon(type) {
    const dot = el("div", { class: "ev-dot", style: "background:" + typeColor(type) });
    return L.divIcon({ className: "ev-icon ev-" + type, html: dot, iconSize: [14, 14], iconAnchor: [7, 7] });
  }

  function clusterIcon(cluster) {
    const counts = {};
    for (const m of cluster.getAllChildMarkers()) counts[m.options.evType] = (counts[m.options.evType] || 0) + 1;
    const n = cluster.getChildCount();
    const parts = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    let acc = 0;
    const stops = parts.map(([type, c]) => {
      const a0 = (acc / n) * 360;
      acc += c;
      return typeColor(type) + " " + a0.toFixed(1) + "deg " + ((acc / n) * 360).toFixed(1) + "deg";
    });
    const size = n < 10 ? 30 : n < 100 ? 38 : 46;
    const ring = el("div", { class: "ev-cluster", style: "width:" + size + "px;height:" + size + "px;background:conic-gradient(" + stops.join(",") + ")" },
      el("span", { text: String(n) }));
    return L.divIcon({ className: "ev-cluster-icon", html: ring, iconSize: [size, size] });
  }

  function popupNode(ev) {
    const ref = evRef(ev);
    return el("div", { class: "popup" },
      el("div", null, chip(ev.type, ev.mode), " ", statusBadge(ev.status), " ", el("span", { class: "muted", text: evDate(ev) || "" })),
      el("div", { class: "ar", text: ev.place ? (typeof ev.place === "string" ? ev.place : ev.place.text) : "" }),
      el("div", { class: "ar", text: [argText(ev.actors), argText(ev.targets)].filter(Boolean).join(" ← ") }),
      el("a", { href: "#/event/" + encodeURIComponent(ref), text: t("event") + " →" }));
  }

  function legend(container) {
    clear(container);
    const present = new Set(state.events.map((ev) => ev.type));
    for (const type of Object.keys(TYPES)) {
      if (present.size && !present.has(type)) continue;
      container.appendChild(el("span", { class: "item", title: type },
        el("span", { class: "swatch", style: "background:" + typeColor(type) }), typeLabel(type)));
    }
  }

  function drawMarkers() {
    clusters.clearLayers();
    const markers = [];
    for (const ev of state.events) {
      const g = evGeo(ev);
      if (!g || g.lat === null || g.lat === undefined) continue;
      const m = L.marker([g.lat, g.lon], { icon: dotIcon(ev.type), evType: ev.type, title: ev.type, keyboard: true });
      m.bindPopup(() => popupNode(ev));
      markers.push(m);
    }
    clusters.addLayers(markers);
    $("#map").dataset.markers = String(markers.length);
    return markers.length;
  }

  // ---------------------------------------------------------------- timeline

  let timelineCounts = [];

  function dayNum(s) { return Math.floor(Date.parse(s + "T00:00:00Z") / 86400000); }
  function numDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  async function loadTimeline(f) {
    const params = { ...f };
    delete params.event_date_from;
    delete params.event_date_to;
    try {
      const data = await api("stats", params);
      if (state.loadedKey !== JSON.stringify(f)) return; // the filters changed meanwhile
      timelineCounts = listOf(data, "series", "days").filter((r) => r.day && /^\d{4}-\d{2}-\d{2}$/.test(r.day));
    } catch (err) {
      timelineCounts = [];
      setStatus(t("error") + ": /stats " + err.message, true);
    }
    drawTimeline(f);
  }

  function drawTimeline(f) {
    const box = clear($("#timeline"));
    const W = Math.max(300, box.clientWidth || 900), H = 120, top = 6, bottom = 20;
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img", "aria-label": t("timeline") });
    svg.setAttribute("direction", "ltr");
    box.appendChild(svg);
    if (!timelineCounts.length) {
      svg.appendChild(el("svg:text", { x: 10, y: 40, class: "empty", text: t("no_events") }));
      return;
    }
    // The range drawn is the shortest one that holds 90 % of the events: a few dates of history (1932, 1967)
    // would squeeze the weeks the articles report into one bar. The count of events outside it is shown.
    const byDay = timelineCounts.map((r) => [dayNum(r.day), r.count || 0]).sort((a, b) => a[0] - b[0]);
    const total = byDay.reduce((a, r) => a + r[1], 0);
    let d0 = byDay[0][0], d1 = byDay[byDay.length - 1][0];
    let best = Infinity, sum = 0, lo = 0;
    for (let hi = 0; hi < byDay.length; hi++) {
      sum += byDay[hi][1];
      while (lo < hi && sum - byDay[lo][1] >= total * 0.9) sum -= byDay[lo++][1];
      if (sum >= total * 0.9 && byDay[hi][0] - byDay[lo][0] < best) {
        best = byDay[hi][0] - byDay[lo][0];
        d0 = byDay[lo][0];
        d1 = byDay[hi][0];
      }
    }
    if (f.event_date_from) d0 = Math.min(d0, dayNum(f.event_date_from));
    if (f.event_date_to) d1 = Math.max(d1, dayNum(f.event_date_to));
    const span = d1 - d0 + 1;
    const bucket = Math.max(1, Math.ceil(span / (W / 3)));
    const nb = Math.ceil(span / bucket);
    const stacks = Array.from({ length: nb }, () => ({}));
    let outside = 0;
    for (const r of timelineCounts) {
      const dn = dayNum(r.day);
      if (dn < d0 || dn > d1) { outside += r.count || 0; continue; }
      const b = Math.floor((dn - d0) / bucket);
      stacks[b][r.type] = (stacks[b][r.type] || 0) + (r.count || r.n || 0);
    }
    const totals = stacks.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
    const max = Math.max(1, ...totals);
    const bw = W / nb;
    const x = (d) => ((d - d0) / span) * W;
    const plot = H - top - bottom;
    stacks.forEach((s, i) => {
      let y = H - bottom;
      for (const type of Object.keys(TYPES)) {
        if (!s[type]) continue;
        const h = (s[type] / max) * plot;
        y -= h;
        const rect = el("svg:rect", { x: (i * bw).toFixed(2), y: y.toFixed(2), width: Math.max(1, bw - 0.5).toFixed(2), height: h.toFixed(2), fill: typeColor(type) });
        rect.appendChild(el("svg:title", { text: numDay(d0 + i * bucket) + (bucket > 1 ? " +" + (bucket - 1) : "") + " · " + type + ": " + s[type] }));
        svg.appendChild(rect);
      }
    });
    // axis: about six date labels
    const axis = el("svg:g", { class: "axis" });
    axis.appendChild(el("svg:line", { x1: 0, x2: W, y1: H - bottom + 0.5, y2: H - bottom + 0.5 }));
    const ticks = Math.min(6, span);
    for (let i = 0; i <= ticks; i++) {
      const d = d0 + Math.round((i / ticks) * (span - 1));
      const xx = Math.min(W - 30, Math.max(30, x(d)));
      axis.appendChild(el("svg:text", { x: xx, y: H - 5, "text-anchor": "middle", text: numDay(d) }));
    }
    svg.appendChild(axis);
    box.dataset.days = String(new Set(timelineCounts.map((r) => r.day)).size);
    const note = $("#tl-note");
    note.textContent = (bucket > 1 ? t("per_days", { n: bucket }) + " · " : "") + (outside ? t("outside", { n: outside }) : "");
    // current selection, and brushing: drag to select a date range
    const brush = el("svg:rect", { class: "brush", x: 0, y: top, width: 0, height: plot, visibility: "hidden" });
    svg.appendChild(brush);
    if (f.event_date_from || f.event_date_to) {
      const a = f.event_date_from ? dayNum(f.event_date_from) : d0;
      const b = (f.event_date_to ? dayNum(f.event_date_to) : d1) + 1;
      brush.setAttribute("x", x(a));
      brush.setAttribute("width", Math.max(1, x(b) - x(a)));
      brush.setAttribute("visibility", "visible");
    }
    const toX = (evt) => {
      const r = svg.getBoundingClientRect();
      return Math.max(0, Math.min(W, ((evt.clientX - r.left) / r.width) * W));
    };
    let startX = null;
    svg.addEventListener("pointerdown", (evt) => {
      startX = toX(evt);
      svg.setPointerCapture(evt.pointerId);
      brush.setAttribute("x", startX);
      brush.setAttribute("width", 0);
      brush.setAttribute("visibility", "visible");
    });
    svg.addEventListener("pointermove", (evt) => {
      if (startX === null) return;
      const cx = toX(evt);
      brush.setAttribute("x", Math.min(startX, cx));
      brush.setAttribute("width", Math.abs(cx - startX));
    });
    svg.addEventListener("pointerup", (evt) => {
      if (startX === null) return;
      const cx = toX(evt);
      const a = Math.min(startX, cx), b = Math.max(startX, cx);
      startX = null;
      if (b - a < 2) { brush.setAttribute("visibility", "hidden"); return; }
      const from = d0 + Math.floor((a / W) * span), to = d0 + Math.max(0, Math.ceil((b / W) * span) - 1);
      const nf = filtersFromForm();
      nf.event_date_from = numDay(from);
      nf.event_date_to = numDay(Math.max(from, to));
      go(nf);
    });
  }

  // ---------------------------------------------------------------- events table

  function eventRow(ev) {
    const ref = evRef(ev);
    const href = "#/event/" + encodeURIComponent(ref);
    const tr = el("tr", { "data-ref": ref, "data-type": ev.type },
      el("td", { class: "num" }, el("a", { href, text: evDay(ev) || t("none") })),
      el("td", null, chip(ev.type, ev.mode)),
      textCell(ev.place ? (typeof ev.place === "string" ? ev.place : ev.place.text) : ""),
      textCell(argText(ev.actors)),
      textCell(argText(ev.targets)),
      textCell(evSourceText(ev) || evOutlet(ev)),
      el("td", null, statusBadge(ev.status)),
      el("td", { class: "num", text: ev.confidence !== undefined && ev.confidence !== null ? Number(ev.confidence).toFixed(2) : "" }));
    tr.addEventListener("click", (e) => { if (!(e.target instanceof HTMLAnchorElement)) location.hash = href; });
    return tr;
  }

  function drawTable() {
    const tbody = clear($("#events tbody"));
    if (!state.events.length) {
      tbody.appendChild(el("tr", null, el("td", { colspan: 8, class: "muted", text: t("no_events") })));
    }
    const rows = [...state.events].sort((a, b) => String(evDay(b) || "").localeCompare(String(evDay(a) || "")));
    for (const ev of rows) tbody.appendChild(eventRow(ev));
    const n = state.count !== null && state.count !== undefined ? state.count : state.events.length;
    const mapped = Number($("#map").dataset.markers || 0);
    $("#count").textContent = "(" + (n > state.events.length ? t("n_shown", { n, m: state.events.length }) : t("n_events", { n }))
      + "; " + t("n_mapped", { n: mapped }) + ")";
    $("#events").dataset.rows = String(state.events.length);
    $("#more").hidden = !state.next || state.events.length >= MAP_CAP;
  }

  function remember(events) {
    for (const ev of events) {
      const o = evOutlet(ev);
      if (o) state.outlets.add(o);
      const g = evGeo(ev);
      if (g && g.country_code) state.countries.add(g.country_code);
    }
    fillSetOptions($("#f-outlet"), state.outlets);
    fillSetOptions($("#f-country"), state.countries);
  }

  function nextUrl(data, f) {
    const nx = data && data.next;
    if (!nx) return null;
    if (typeof nx === "string" && (nx.startsWith("/") || nx.startsWith("http") || nx.includes("?"))) {
      const url = new URL(nx, document.baseURI);
      url.searchParams.set("count", "false"); // the first page counted already
      return url;
    }
    const url = new URL("events", document.baseURI);
    for (const [k, v] of Object.entries({ ...f, limit: PAGE })) url.searchParams.set(k, v);
    url.searchParams.set("cursor", nx);
    return url;
  }

  async function loadEvents(f) {
    setStatus(t("loading"));
    const params = { ...f, limit: PAGE, count: "true" };
    const key = JSON.stringify(f);
    let data = await api("events", params);
    if (state.loadedKey !== key) return; // the filters changed meanwhile
    state.events = listOf(data, "events", "features");
    state.count = data.count !== undefined ? data.count : data.total;
    state.next = nextUrl(data, f);
    const draw = () => {
      remember(state.events);
      drawMarkers();
      legend($("#map-legend"));
      drawTable();
    };
    draw(); // the first page at once; the map wants every match (up to MAP_CAP): follow the pages, redrawing
    while (state.next && state.events.length < Math.min(MAP_CAP, state.count || MAP_CAP)) {
      setStatus(t("loading") + " " + state.events.length + (state.count ? " / " + Math.min(MAP_CAP, state.count) : ""));
      data = await apiUrl(state.next);
      if (state.loadedKey !== key) return; // the filters changed meanwhile
      state.events.push(...listOf(data, "events", "features"));
      state.next = nextUrl(data, f);
      draw();
    }
    setStatus("");
  }

  async function loadMore() {
    if (!state.next) return;
    const data = await apiUrl(state.next);
    const more = listOf(data, "events", "features");
    state.events.push(...more);
    state.next = nextUrl(data, state.filters);
    remember(more);
    drawMarkers();
    drawTable();
  }

  async function showMap(f) {
    show("view-map");
    if (!map) initMap();
    setTimeout(() => map.invalidateSize(), 0);
    filtersToForm(f);
    const key = JSON.stringify(f);
    if (state.loadedKey === key) return;
    state.filters = f;
    state.loadedKey = key;
    delete document.body.dataset.loaded;
    try {
      await Promise.all([loadEvents(f), loadTimeline(f)]);
      if (state.loadedKey === key) document.body.dataset.loaded = key; // tests wait for this
    } catch (err) {
      state.loadedKey = null;
      state.events = [];
      drawTable();
      setStatus(t("error") + ": " + err.message, true);
    }
  }

  // ---------------------------------------------------------------- highlighting

  /** Split text[base, base+len) into spans covered by the given layers: [{start, end, cls, title}] → DOM nodes. */
  function highlighted(text, base, spans, opts) {
    const len = text.length;
    const cuts = new Set([0, len]);
    const inside = [];
    for (const s of spans) {
      const a = Math.max(0, s.start - base), b = Math.min(len, s.end - base);
      if (!(b > a)) continue;
      inside.push({ ...s, a, b });
      cuts.add(a);
      cuts.add(b);
    }
    const points = [...cuts].sort((p, q) => p - q);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const cover = inside.filter((s) => s.a <= a && s.b >= b);
      if (!cover.length) { out.push(document.createTextNode(piece)); continue; }
      const attrs = { class: "hl " + [...new Set(cover.map((s) => s.cls))].join(" "), title: [...new Set(cover.map((s) => s.title).filter(Boolean))].join(" · ") };
      for (const s of cover) if (s.id) attrs["data-" + s.idAttr] = s.id;
      if (opts && opts.focus && cover.some((s) => s.focus)) attrs.class += " hl-focus";
      out.push(el("span", attrs, piece));
    }
    return out;
  }

  function legendItems(container, layers, toggleTarget) {
    clear(container);
    container.appendChild(el("strong", { text: t("legend") + ":" }));
    for (const [layer, label] of layers) {
      const sample = el("span", { class: "hl hl-" + layer, text: t(label) });
      if (!toggleTarget) { container.appendChild(el("span", { class: "item" }, sample)); continue; }
      const btn = el("button", { type: "button", class: "item", "aria-pressed": "true", "data-layer": layer }, sample);
      btn.addEventListener("click", () => {
        const off = toggleTarget.classList.toggle("hide-" + layer);
        btn.classList.toggle("off", off);
        btn.setAttribute("aria-pressed", off ? "false" : "true");
      });
      container.appendChild(btn);
    }
  }

  function cueSpan(text, src) {
    if (!src.cue || src.start === undefined) return null;
    const before = text.lastIndexOf(src.cue, src.start);
    if (before >= 0 && src.start - (before + src.cue.length) <= 40) return { start: before, end: before + src.cue.length };
    const after = text.indexOf(src.cue, src.end);
    if (after >= 0 && after - src.end <= 40) return { start: after, end: after + src.cue.length };
    return null;
  }

  // ---------------------------------------------------------------- event page

  function precisionLabel(p) { return p ? t(p) : ""; }

  function dateFacts(date, ev) {
    if (!date || typeof date !== "object") return el("span", { class: "muted", text: evDate(ev) ? evDate(ev) : t("not_dated") });
    return el("span", null,
      el("strong", { text: date.value || t("none") }),
      date.precision ? " (" + t("precision") + ": " + precisionLabel(date.precision) + ")" : "",
      date.text ? [" · ", el("span", { class: "ar", dir: "rtl", text: date.text })] : "",
      date.relative ? " · " + t("relative") : "",
      date.calendar && date.calendar !== "gregorian" ? " · " + t("calendar") + ": " + date.calendar : "");
  }

  function placeFacts(place) {
    if (!place) return el("span", { class: "muted", text: t("none") });
    const g = place.geo;
    return el("span", null,
      el("span", { class: "ar", dir: "rtl", text: place.text }),
      g ? el("span", { class: "muted", text: " · " + [g.name, g.admin1, g.country_code].filter(Boolean).join(", ")
        + (g.precision ? " (" + precisionLabel(g.precision) + ")" : "")
        + (g.lat !== null && g.lat !== undefined ? " · " + Number(g.lat).toFixed(3) + ", " + Number(g.lon).toFixed(3) : "") })
        : el("span", { class: "muted", text: " · " + t("not_geocoded") }),
      g && g.inherited_from ? el("span", { class: "muted" }, " ← ", el("span", { class: "ar", text: g.inherited_from })) : "");
  }

  function chainNode(ev, article) {
    const chain = (ev.source && ev.source.chain) || [];
    const byId = {};
    for (const s of (article && article.sources) || []) byId[s.id] = s;
    const box = el("div", { class: "chain", dir: lang === "ar" ? "rtl" : "ltr" });
    if (!chain.length) {
      box.appendChild(el("span", { class: "link" }, el("span", { class: "who", dir: "auto", text: evOutlet(ev) || (article && article.doc && article.doc.outlet) || "?" }),
        el("span", { class: "meta", text: t("outlet") })));
      return box;
    }
    chain.forEach((link, i) => {
      if (i > 0) box.appendChild(el("span", { class: "arrow", "aria-hidden": "true", text: "→" }));
      const src = link.id ? byId[link.id] : null;
      const cue = link.cue || (src && src.cue);
      const meta = [t(link.kind === "outlet" ? "outlet" : "sk_" + link.kind)];
      if (src && src.category) meta.push(src.category);
      box.appendChild(el("span", { class: "link", "data-kind": link.kind || "" },
        el("span", { dir: "rtl" }, cue ? [el("span", { class: "cue", title: t("cue"), text: cue }), " "] : "",
          el("span", { class: "who", text: link.text || "?" })),
        el("span", { class: "meta", text: meta.join(" · ") })));
    });
    return box;
  }

  function miniMap(node, g, label) {
    const m = L.map(node, { zoomControl: true, attributionControl: true, minZoom: 2, maxZoom: 12 }).setView([g.lat, g.lon], 6);
    m.attributionControl.setPrefix(false);
    m.attributionControl.addAttribution("Natural Earth");
    addBasemap(m);
    L.marker([g.lat, g.lon], { icon: dotIcon(label), title: label }).addTo(m);
    setTimeout(() => m.invalidateSize(), 0);
    return m;
  }

  let pageMap = null;
  function dropPageMap() { if (pageMap) { pageMap.remove(); pageMap = null; } }

  async function showEvent(ref) {
    const view = show("view-event");
    dropPageMap();
    clear(view).appendChild(el("p", { class: "muted", text: t("loading") }));
    let ev, article = null;
    try {
      ev = await api("events/" + encodeURIComponent(ref));
      if (ev && ev.event && !ev.type) ev = { ...ev.event, ...ev };
      const aid = evArticle(ev);
      if (aid) article = await api("articles/" + encodeURIComponent(aid)).catch(() => null);
    } catch (err) {
      clear(view).appendChild(el("p", { class: "error", text: err.status === 404 ? t("not_found") : t("error") + ": " + err.message }));
      return;
    }
    if (article && article.article && !article.text) article = { ...article.article, ...article };
    clear(view);
    const aid = evArticle(ev);
    view.appendChild(el("a", { class: "back", href: hashFor(state.filters), text: t("back") }));
    view.appendChild(el("h1", null, t("event") + " ", chip(ev.type, ev.mode), " ", statusBadge(ev.status),
      el("span", { class: "muted", text: " · " + t("confidence") + " " + (ev.confidence !== undefined ? Number(ev.confidence).toFixed(2) : "?") })));

    // evidence, with trigger and arguments highlighted
    const evid = ev.evidence || {};
    const evText = evid.text || (article && article.text ? article.text.slice(evid.start, evid.end) : "");
    const spans = [];
    const add = (a, cls, title) => { if (a && typeof a === "object" && a.start !== undefined) spans.push({ start: a.start, end: a.end, cls, title }); };
    add(ev.trigger, "hl-trigger", t("trigger"));
    for (const a of ev.actors || []) add(a, "hl-actor", t("lg_actor"));
    for (const a of ev.targets || []) add(a, "hl-target", t("lg_target"));
    add(ev.place, "hl-place", t("lg_place"));
    if (ev.date && typeof ev.date === "object") add(ev.date, "hl-date", t("lg_date"));
    for (const q of ev.quantities || []) add(q, "hl-quantity", t("lg_quantity"));
    const evLegend = el("div", { class: "legend" });
    legendItems(evLegend, [["trigger", "lg_trigger"], ["actor", "lg_actor"], ["target", "lg_target"], ["place", "lg_place"], ["date", "lg_date"], ["quantity", "lg_quantity"]]);
    const evidenceBox = el("p", { class: "evidence", dir: "rtl", lang: "ar", id: "evidence" }, highlighted(evText, evid.start || 0, spans));
    view.appendChild(el("section", { class: "card" }, el("h2", { text: t("evidence") }), evidenceBox, evLegend));

    view.appendChild(el("section", { class: "card", id: "chain" }, el("h2", { text: t("chain") }), chainNode(ev, article)));

    const facts = el("dl", { class: "facts" });
    const fact = (label, value) => { facts.appendChild(el("dt", { text: label })); facts.appendChild(el("dd", null, value)); };
    fact(t("trigger"), el("span", { class: "ar", dir: "rtl", text: ev.trigger ? (ev.trigger.text || ev.trigger) : "" }));
    fact(t("actors"), el("span", { class: "ar", dir: "rtl", text: argText(ev.actors) || t("none") }));
    fact(t("targets"), el("span", { class: "ar", dir: "rtl", text: argText(ev.targets) || t("none") }));
    fact(t("date"), dateFacts(ev.date, ev));
    fact(t("place"), placeFacts(ev.place && typeof ev.place === "object" ? ev.place : null));
    fact(t("quantities"), (ev.quantities || []).length
      ? el("ul", { class: "plain" }, ev.quantities.map((q) => el("li", null, el("span", { class: "ar", dir: "rtl", text: q.text }),
        el("span", { class: "muted", text: " = " + (q.value !== null && q.value !== undefined ? q.value : "?")
          + (q.low !== null && q.low !== undefined && q.low !== q.high ? " [" + q.low + "–" + q.high + "]" : "") + (q.approx ? " ≈" : "")
          + (q.of ? " · " + q.of : "") }), q.unit ? el("span", { class: "ar", text: " (" + q.unit + ")" }) : "")))
      : el("span", { class: "muted", text: t("none") }));
    fact(t("status"), statusBadge(ev.status));
    fact(t("confidence"), String(ev.confidence !== undefined ? ev.confidence : ""));
    const doc = (article && article.doc) || ev.article || {};
    fact(t("outlet"), el("span", { dir: "auto", text: evOutlet(ev) || doc.outlet || t("none") }));
    fact(t("published"), doc.published || ev.published || t("none"));
    const links = el("dd", null);
    if (aid) links.appendChild(el("a", { id: "article-link", href: "#/article/" + encodeURIComponent(aid) + "?ev=" + encodeURIComponent(ev.event_id || ev.id), text: t("open_article") }));
    const orig = doc.url || ev.url;
    if (orig && safeHref(orig) && /^https?:/i.test(orig)) links.append(" · ", el("a", { href: orig, rel: "noopener noreferrer", target: "_blank", text: t("original") }));
    facts.appendChild(el("dt", { text: t("article") }));
    facts.appendChild(links);
    const mapBox = el("div", { class: "map small", id: "event-map" });
    view.appendChild(el("div", { class: "grid2" }, el("section", { class: "card" }, facts), el("section", { class: "card" }, mapBox)));
    const g = evGeo(ev);
    if (g && g.lat !== null && g.lat !== undefined) pageMap = miniMap(mapBox, g, ev.type);
    else mapBox.appendChild(el("p", { class: "muted", text: t("not_geocoded") }));
    document.body.dataset.page = "event:" + ref;
  }

  // ---------------------------------------------------------------- article page

  async function showArticle(id, focusEvent) {
    const view = show("view-article");
    dropPageMap();
    clear(view).appendChild(el("p", { class: "muted", text: t("loading") }));
    let a;
    try {
      a = await api("articles/" + encodeURIComponent(id));
    } catch (err) {
      clear(view).appendChild(el("p", { class: "error", text: err.status === 404 ? t("not_found") : t("error") + ": " + err.message }));
      return;
    }
    if (a.article && !a.text) a = { ...a.article, ...a };
    clear(view);
    const doc = a.doc || a;
    const text = a.text || "";
    view.appendChild(el("a", { class: "back", href: hashFor(state.filters), text: t("back") }));
    view.appendChild(el("h1", { class: "article-title", dir: "rtl", lang: "ar", text: doc.title || a.title || a.id }));
    const meta = el("p", { class: "muted" },
      t("outlet") + ": ", el("span", { dir: "auto", text: doc.outlet || t("none") }), " · " + t("published") + ": " + (doc.published || t("none")));
    if (doc.url && /^https?:/i.test(doc.url) && safeHref(doc.url)) meta.append(" · ", el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", text: t("original") }));
    view.appendChild(meta);

    const spans = [];
    for (const e of a.entities || []) {
      for (const [s, en] of e.mentions && e.mentions.length ? e.mentions : [[e.start, e.end]]) {
        spans.push({ start: s, end: en, cls: "hl-" + e.type, title: t("lg_" + e.type) + (e.subtype ? "/" + e.subtype : "") + (e.canonical && e.canonical !== e.text ? " = " + e.canonical : "") });
      }
    }
    for (const tm of a.times || []) spans.push({ start: tm.start, end: tm.end, cls: "hl-time", title: t("lg_time") + (tm.value ? " = " + tm.value : "") });
    for (const q of a.quantities || []) spans.push({ start: q.start, end: q.end, cls: "hl-quantity", title: t("lg_quantity") + " = " + q.value + (q.of ? " (" + q.of + ")" : "") });
    for (const s of a.sources || []) {
      if (s.start === undefined) continue;
      spans.push({ start: s.start, end: s.end, cls: "hl-source", title: t("lg_source") + " · " + t("sk_" + s.kind) + (s.category ? " · " + s.category : "") });
      const cue = cueSpan(text, s);
      if (cue) spans.push({ start: cue.start, end: cue.end, cls: "hl-cue", title: t("lg_cue") });
    }
    for (const e of a.events || []) {
      if (e.trigger && e.trigger.start !== undefined) {
        spans.push({ start: e.trigger.start, end: e.trigger.end, cls: "hl-trigger", title: e.type + (e.mode ? "/" + e.mode : ""), focus: e.id === focusEvent, id: e.id, idAttr: "event" });
      }
    }
    const body = el("div", { class: "article-text", dir: "rtl", lang: "ar", id: "article-text", style: "white-space: pre-wrap" },
      highlighted(text, 0, spans, { focus: true }));
    const lg = el("div", { class: "legend" });
    legendItems(lg, [["PER", "lg_PER"], ["ORG", "lg_ORG"], ["LOC", "lg_LOC"], ["time", "lg_time"], ["quantity", "lg_quantity"],
      ["cue", "lg_cue"], ["source", "lg_source"], ["trigger", "lg_trigger"]], body);
    view.appendChild(el("section", { class: "card" }, lg, body));

    const evList = el("ul", { class: "plain" });
    for (const e of a.events || []) {
      const ref = e.ref || a.id + ":" + e.id;
      evList.appendChild(el("li", null, chip(e.type, e.mode), " ", statusBadge(e.status), " ",
        el("a", { href: "#/event/" + encodeURIComponent(ref), dir: "rtl", class: "ar", text: e.trigger ? e.trigger.text : e.id })));
    }
    const srcList = el("ul", { class: "plain" });
    const byId = {};
    for (const s of a.sources || []) byId[s.id] = s;
    for (const s of a.sources || []) {
      srcList.appendChild(el("li", null,
        el("span", { class: "ar", dir: "rtl" }, s.cue ? [el("span", { class: "hl hl-cue", text: s.cue }), " "] : "", s.text),
        el("span", { class: "muted", text: " · " + t("sk_" + s.kind) + (s.category ? " · " + s.category : "") }),
        s.parent && byId[s.parent] ? el("span", { class: "muted" }, " · " + t("relayed_by") + " ", el("span", { class: "ar", text: byId[s.parent].text })) : ""));
    }
    view.appendChild(el("div", { class: "grid2" },
      el("section", { class: "card" }, el("h2", { text: t("events_in_article") }), evList),
      el("section", { class: "card" }, el("h2", { text: t("sources") }), srcList)));
    document.body.dataset.page = "article:" + id;
    const focus = view.querySelector(".hl-focus");
    if (focus) focus.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- routing

  function show(id) {
    delete document.body.dataset.page;
    for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== id;
    return document.getElementById(id);
  }

  function route() {
    const h = location.hash || "#/";
    const [path, query] = h.slice(1).split("?");
    const params = new URLSearchParams(query || "");
    let m;
    if ((m = path.match(/^\/event\/(.+)$/))) return showEvent(decodeURIComponent(m[1]));
    if ((m = path.match(/^\/article\/(.+)$/))) return showArticle(decodeURIComponent(m[1]), params.get("ev"));
    const f = {};
    for (const name of FILTER_NAMES) if (params.get(name)) f[name] = params.get(name);
    return showMap(f);
  }

  function rerender() {
    legend($("#map-legend"));
    if (!$("#view-map").hidden) { drawTable(); drawTimeline(state.filters); }
    else route();
  }

  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => { if (!$("#view-map").hidden && timelineCounts.length) drawTimeline(state.filters); });
  applyLang();
  route();
})();
