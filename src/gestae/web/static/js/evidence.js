// Article text with the evidence of events highlighted: trigger, actor, recipient, place and date,
// plus the sentences that tell the event. Overlapping spans are split at every boundary, and each
// piece is marked with all the roles that cover it (the strongest one decides its colour).

import { el } from "./dom.js";

export const ROLES = ["trigger", "actor", "recipient", "location", "date", "mention", "sentence"];
const ROLE_NAMES = {
  trigger: "trigger", actor: "actor", recipient: "recipient", location: "place", date: "date",
  mention: "other mention", sentence: "sentence",
};

// spans: [{role, start, end}], offsets into `text`, end exclusive.
export function highlightedText(text, spans) {
  const usable = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const span of usable) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const node = el("div", { class: "article-text" });
  for (let i = 0; i < points.length - 1; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const roles = usable.filter((s) => s.start <= start && s.end >= end).map((s) => s.role);
    const piece = text.slice(start, end);
    if (!roles.length) {
      node.append(piece);
      continue;
    }
    const ordered = ROLES.filter((role) => roles.includes(role));
    node.append(el("mark", {
      class: `hl hl-${ordered[0]}`, "data-role": ordered[0], "data-roles": ordered.join(" "),
      "data-start": start, "data-end": end, title: ordered.map((role) => ROLE_NAMES[role]).join(", "),
    }, piece));
  }
  return node;
}

export function legend() {
  return el("div", { class: "hl-legend" },
    ROLES.map((role) => el("mark", { class: `hl hl-${role}` }, ROLE_NAMES[role])));
}

// The sentence spans of an event's mentions (in the given article), for the light background.
export function sentenceSpans(event, articleId) {
  const spans = [{ role: "sentence", start: event.sentence.start, end: event.sentence.end }];
  for (const mention of event.mentions || []) {
    if (mention.article_id === articleId) {
      spans.push({ role: "sentence", start: mention.sentence.start, end: mention.sentence.end });
    }
  }
  return spans;
}
