// Events per day, stacked by type, as SVG bars. Days without events are drawn as gaps, not skipped.

import { clear, svg } from "./dom.js";
import { TYPE_COLORS, typeColor } from "./colors.js";

const MARGIN = { top: 8, right: 10, bottom: 22, left: 30 };
const DAY_MS = 86_400_000;

function dayNumber(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function isoDay(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

// rows: [{day, event_type, events}]; onPickDay(isoDay) is called when a bar is clicked.
export function drawTimeline(node, rows, onPickDay) {
  clear(node);
  const width = node.getBoundingClientRect().width || 900;
  const height = node.getBoundingClientRect().height || 170;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!rows.length) {
    node.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", fill: "#66707c" },
      "No dated events match the filters."));
    node.dataset.days = "0";
    return;
  }
  const byDay = new Map();
  for (const row of rows) {
    const number = dayNumber(row.day);
    if (!byDay.has(number)) byDay.set(number, []);
    byDay.get(number).push(row);
  }
  const days = [...byDay.keys()];
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = last - first + 1;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const totals = [...byDay.values()].map((list) => list.reduce((sum, row) => sum + row.events, 0));
  const top = Math.max(...totals);
  const step = plotW / span;
  const barW = Math.max(1, step * 0.8);
  const order = Object.keys(TYPE_COLORS);
  const rank = (type) => (order.indexOf(type) === -1 ? order.length : order.indexOf(type));

  const axis = svg("g", { class: "axis" });
  const baseline = MARGIN.top + plotH;
  axis.append(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: baseline, y2: baseline }));
  axis.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end" }, top));
  axis.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + plotH, "text-anchor": "end" }, 0));
  const labels = Math.min(span, Math.max(2, Math.floor(plotW / 90)));
  for (let i = 0; i < labels; i += 1) {
    const number = first + Math.round((i * (span - 1)) / Math.max(1, labels - 1));
    const x = MARGIN.left + (number - first) * step + step / 2;
    const anchor = i === 0 ? "start" : i === labels - 1 ? "end" : "middle";
    axis.append(svg("text", { x, y: height - 6, "text-anchor": anchor },
      isoDay(number)));
  }
  node.append(axis);

  const bars = svg("g", { class: "bars" });
  for (const [number, list] of byDay) {
    let y = MARGIN.top + plotH;
    const x = MARGIN.left + (number - first) * step + (step - barW) / 2;
    for (const row of [...list].sort((a, b) => rank(a.event_type) - rank(b.event_type))) {
      const h = (row.events / top) * plotH;
      y -= h;
      const bar = svg("rect", {
        class: "bar", x, y, width: barW, height: Math.max(h, 0.5), fill: typeColor(row.event_type),
        "data-day": row.day, "data-type": row.event_type, "data-events": row.events,
      }, svg("title", {}, `${row.day} ${row.event_type}: ${row.events}`));
      bar.addEventListener("click", () => onPickDay(row.day));
      bars.append(bar);
    }
  }
  node.append(bars);
  node.dataset.days = String(byDay.size);
}
