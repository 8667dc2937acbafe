// Who acts on whom: a matrix of the busiest actors, rows acting on columns, each cell coloured by the
// pair's mean Goldstein score (conflict red, cooperation blue) and labelled with its number of events.

import { clear, el } from "./dom.js";
import { goldsteinColor, goldsteinIsDark } from "./colors.js";

const MAX_ACTORS = 10;
const UNKNOWN = "(unknown)";

// rows: the `total` list of /stats/dyads; onPickActor(name) filters on an actor.
export function drawDyads(container, rows, onPickActor) {
  clear(container);
  const known = rows.filter((row) => row.actor !== UNKNOWN || row.recipient !== UNKNOWN);
  if (!known.length) {
    container.append(el("p", { class: "muted" }, "No actor pairs in this selection."));
    return;
  }
  const weight = new Map();
  for (const row of known) {
    for (const name of [row.actor, row.recipient]) weight.set(name, (weight.get(name) || 0) + row.events);
  }
  const names = [...weight.entries()]
    .sort((a, b) => (a[0] === UNKNOWN) - (b[0] === UNKNOWN) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_ACTORS)
    .map(([name]) => name);
  const cells = new Map(known.map((row) => [`${row.actor}\u0000${row.recipient}`, row]));

  const head = el("tr", {}, el("th", {}, ""), names.map((name) => el("th", { title: `on ${name}` }, label(name))));
  const body = names.map((actor) => el("tr", {},
    el("th", { title: `${actor}: click to filter`, style: "cursor:pointer", onclick: () => onPickActor(actor) },
      label(actor)),
    names.map((recipient) => {
      const row = cells.get(`${actor}\u0000${recipient}`);
      if (!row) return el("td", { class: "empty" });
      const mean = row.goldstein_mean;
      return el("td", {
        class: goldsteinIsDark(mean) ? "dark" : "",
        style: `background:${goldsteinColor(mean)}`,
        "data-actor": actor, "data-recipient": recipient, "data-goldstein": mean ?? "",
        title: `${actor} → ${recipient}: ${row.events} events, mean Goldstein ${mean ?? "n/a"}, `
          + `${row.cooperation} cooperative, ${row.conflict} conflictual`,
      }, row.events);
    })));
  container.append(el("table", { class: "dyad-matrix" }, el("thead", {}, head), el("tbody", {}, body)));
}

function label(name) {
  return name === UNKNOWN ? "unknown / none" : name;
}
