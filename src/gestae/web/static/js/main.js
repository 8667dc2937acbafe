// The dashboard: filters drive the map, the timeline, the dyad matrix and the table; hash routes open
// an event (#/event/ID) or the paste box (#/code).

import { filterParams, getToken, request, setToken } from "./api.js";
import { TYPE_COLORS } from "./colors.js";
import { el } from "./dom.js";
import { drawDyads } from "./dyads.js";
import { showEvent } from "./event-page.js";
import { setUpCodeForm } from "./code-page.js";
import { EventMap } from "./map.js";
import { EventTable } from "./table.js";
import { drawTimeline } from "./timeline.js";

const PAGE_SIZE = 25;

const state = { filters: {}, sort: "-date", offset: 0, loaded: false };

const $ = (selector) => document.querySelector(selector);

const map = new EventMap($("#map"), { onOpenEvent: openEvent });
const table = new EventTable($("#events-table"), {
  onSort: (sort) => {
    state.sort = sort;
    state.offset = 0;
    loadTable().catch(showError);
  },
  onOpenEvent: openEvent,
});

function openEvent(id) {
  location.hash = `#/event/${id}`;
}

function showError(error) {
  const box = $("#error");
  if (error && error.status === 401) $("#token-box").hidden = false;
  box.textContent = error ? error.message : "";
  box.hidden = !error;
}

function readFilters() {
  const form = $("#filters");
  const data = new FormData(form);
  const filters = {};
  for (const name of ["since", "until", "actor", "admin1", "text", "modality"]) {
    const value = (data.get(name) || "").trim();
    if (value) filters[name] = value;
  }
  const country = (data.get("country") || "").trim().toUpperCase();
  if (country) filters.country = country;
  const minSources = Number(data.get("min_sources") || 0);
  if (minSources > 0) filters.min_sources = minSources;
  const types = data.getAll("type");
  if (types.length) filters.type = types;
  return filters;
}

function buildTypeList() {
  const list = $("#type-list");
  for (const [type, color] of Object.entries(TYPE_COLORS)) {
    list.append(el("label", { title: type },
      el("input", { type: "checkbox", name: "type", value: type }),
      el("span", { class: "swatch", style: `background:${color}` }), type.toLowerCase()));
  }
  $("#legend").append(...Object.entries(TYPE_COLORS).map(([type, color]) =>
    el("span", {}, el("span", { class: "swatch", style: `background:${color}` }), type.toLowerCase())));
}

async function loadTable() {
  const params = filterParams(state.filters, { sort: state.sort, limit: PAGE_SIZE, offset: state.offset });
  const page = await request(`/events?${params}`);
  table.render(page, state.sort);
  const last = Math.min(page.offset + page.items.length, page.total);
  $("#table-count").textContent = `(${page.total} real events)`;
  $("#page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("#prev-page").disabled = page.offset === 0;
  $("#next-page").disabled = page.next_offset === null;
  $("#events-table").dataset.total = String(page.total);
}

async function loadAll({ fit = true } = {}) {
  showError(null);
  const params = filterParams(state.filters);
  const [points, days, dyads] = await Promise.all([
    request(`/events/points?${params}`),
    request(`/stats/timeline?${params}`),
    request(`/stats/dyads?${filterParams(state.filters, { top: 300 })}`),
    loadTable(),
  ]);
  map.setPoints(points.points, { fit });
  $("#map-count").textContent = `(${points.points.length} placed${points.truncated ? ", newest only" : ""})`;
  drawTimeline($("#timeline"), days, (day) => {
    $("#filters").elements.since.value = day;
    $("#filters").elements.until.value = day;
    applyFilters();
  });
  drawDyads($("#dyads"), dyads.total, (actor) => {
    $("#filters").elements.actor.value = actor;
    applyFilters();
  });
  updateExportLinks();
  document.body.dataset.loaded = "true";
}

function updateExportLinks() {
  for (const link of document.querySelectorAll("#export-links a")) {
    link.href = `/export?${filterParams(state.filters, { format: link.dataset.format })}`;
  }
}

function applyFilters() {
  state.filters = readFilters();
  state.offset = 0;
  return loadAll().catch(showError);
}

async function loadInfo() {
  try {
    const info = await request("/info");
    $("#db-info").textContent = `${info.counts.real_events} real events from ${info.counts.articles} articles`;
    if (info.protected_reads) $("#token-box").hidden = false;
  } catch (error) {
    showError(error);
  }
}

function route() {
  const hash = location.hash || "#/";
  const eventMatch = hash.match(/^#\/event\/(\d+)$/);
  const view = eventMatch ? "event" : hash === "#/code" ? "code" : "dashboard";
  for (const name of ["dashboard", "event", "code"]) $(`#view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll(".tabs a[data-route]")) {
    link.classList.toggle("active", link.dataset.route === view);
  }
  showError(null);
  if (view === "event") {
    window.scrollTo(0, 0);
    showEvent($("#event-detail"), eventMatch[1]).catch(showError);
  } else if (view === "dashboard" && !state.loaded) {
    state.loaded = true;
    applyFilters();
  }
}

function setUp() {
  buildTypeList();
  $("#filters").addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilters();
  });
  $("#reset-filters").addEventListener("click", () => {
    $("#filters").reset();
    applyFilters();
  });
  $("#prev-page").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadTable().catch(showError);
  });
  $("#next-page").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadTable().catch(showError);
  });
  for (const button of document.querySelectorAll(".map-controls button")) {
    button.addEventListener("click", () => {
      if (button.dataset.zoom === "fit") map.fit();
      else map.zoomBy(button.dataset.zoom === "in" ? 2 : 0.5);
    });
  }
  const token = $("#token");
  token.value = getToken();
  token.addEventListener("change", () => {
    setToken(token.value.trim());
    loadInfo();
    if (!$("#view-dashboard").hidden) applyFilters();
  });
  setUpCodeForm($("#code-form"), $("#code-result"), $("#code-status"));
  map.loadBasemap("/basemap/world.geojson").catch(showError);
  loadInfo();
  window.addEventListener("hashchange", route);
  route();
}

setUp();
