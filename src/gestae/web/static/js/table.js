// The events table: server-side sorting (click a header) and paging.

import { clear, el, typeChip } from "./dom.js";

export const COLUMNS = [
  { key: "real_event_id", title: "id", sort: "id" },
  { key: "date", title: "date", sort: "date" },
  { key: "event_type", title: "type", sort: "type" },
  { key: "actor", title: "actor", sort: "actor" },
  { key: "recipient", title: "recipient", sort: "recipient" },
  { key: "location", title: "place", sort: "location" },
  { key: "country", title: "country", sort: "country" },
  { key: "num_sources", title: "sources", sort: "sources" },
  { key: "goldstein", title: "Goldstein", sort: "goldstein" },
  { key: "evidence", title: "evidence" },
];

const EVIDENCE_CHARS = 140;

export class EventTable {
  constructor(table, { onSort, onOpenEvent }) {
    this.table = table;
    this.onSort = onSort;
    this.onOpenEvent = onOpenEvent;
  }

  // page: the /events answer; sort: "date" or "-date" style.
  render(page, sort) {
    const key = sort.replace(/^-/, "");
    const descending = sort.startsWith("-");
    const head = el("tr", {}, COLUMNS.map((column) => {
      const cell = el("th", { "data-key": column.key }, column.title);
      if (column.sort) {
        cell.classList.add("sortable");
        cell.setAttribute("aria-sort", column.sort === key ? (descending ? "descending" : "ascending") : "none");
        cell.addEventListener("click", () => {
          const next = column.sort === key && !descending ? `-${column.sort}` : column.sort;
          this.onSort(next);
        });
      }
      return cell;
    }));
    clear(this.table.tHead).append(head);
    const body = clear(this.table.tBodies[0]);
    if (!page.items.length) {
      body.append(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "muted" }, "No events match the filters.")));
      return;
    }
    for (const item of page.items) {
      const row = el("tr", { "data-id": item.real_event_id, "data-type": item.event_type || "" },
        COLUMNS.map((column) => el("td", { class: column.key }, cell(column.key, item))));
      row.addEventListener("click", () => this.onOpenEvent(item.real_event_id));
      body.append(row);
    }
  }
}

function cell(key, item) {
  const value = item[key];
  if (key === "event_type") return typeChip(value);
  if (key === "evidence") return value.length > EVIDENCE_CHARS ? `${value.slice(0, EVIDENCE_CHARS - 1)}…` : value;
  if (key === "goldstein") return value === null ? "" : value.toFixed(1);
  return value ?? "";
}
