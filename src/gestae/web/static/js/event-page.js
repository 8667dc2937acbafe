// One real event: its facts, and each report of it shown as the article text with the evidence highlighted.

import { request } from "./api.js";
import { append, clear, el, typeChip } from "./dom.js";
import { highlightedText, legend, sentenceSpans } from "./evidence.js";

export async function showEvent(container, id) {
  clear(container).append(el("p", { class: "muted" }, "Loading…"));
  const detail = await request(`/events/${encodeURIComponent(id)}`);
  const articles = await Promise.all(
    [...new Set(detail.reports.map((report) => report.article_id))].map((articleId) =>
      request(`/articles/${encodeURIComponent(articleId)}`).then((article) => [articleId, article])),
  );
  const texts = new Map(articles);
  const s = detail.summary;
  append(clear(container),
    el("div", { class: "event-head" },
      typeChip(s.event_type),
      el("h2", { id: "event-title" }, `Real event ${s.real_event_id}: ${headline(s)}`),
      el("span", { class: "muted" }, s.modality === "asserted" ? "" : `(${s.modality})`)),
    facts(s),
    el("h3", {}, `${detail.reports.length} report${detail.reports.length === 1 ? "" : "s"} of this event`),
    legend(),
    detail.reports.map((report) => reportCard(report, texts.get(report.article_id))),
  );
}

function headline(s) {
  const who = [s.actor, s.recipient && `→ ${s.recipient}`].filter(Boolean).join(" ")
    || (s.event_type || "crisis").toLowerCase();
  const where = s.location ? ` in ${s.location}` : "";
  return `${who}${where}${s.date ? `, ${s.date}` : ""}`;
}

function facts(s) {
  const rows = [
    ["date", s.date ? `${s.date} (${s.date_precision})` : "unknown"],
    ["type / mode", [s.event_type || "crisis", s.mode].filter(Boolean).join(" / ")],
    ["CAMEO / quad / Goldstein", [s.cameo, s.quad_class, s.goldstein].map((v) => v ?? "–").join(" / ")],
    ["ACLED", s.acled_event_type || "–"],
    ["actor", [s.actor, s.actor_country, s.actor_sector].filter(Boolean).join(" · ") || "–"],
    ["recipient", [s.recipient, s.recipient_country, s.recipient_sector].filter(Boolean).join(" · ") || "–"],
    ["place", [s.location, s.admin1, s.country].filter(Boolean).join(", ") || "–"],
    ["coordinates", s.latitude === null ? "–"
      : `${s.latitude.toFixed(3)}, ${s.longitude.toFixed(3)} (${s.location_precision})`],
    ["fatalities", s.fatalities ?? "not stated"],
    ["reports", `${s.num_mentions} mentions, ${s.num_articles} articles, ${s.num_sources} sources`],
    ["sources", s.sources || "–"],
  ];
  return el("dl", { class: "facts" },
    rows.map(([name, value]) => el("div", {}, el("dt", {}, name), el("dd", {}, value))));
}

function reportCard(report, article) {
  const event = report.event;
  const meta = [report.source || "unknown outlet", report.article_date || "undated", report.article_title,
    report.representative ? "representative report" : null].filter(Boolean).join(" · ");
  const dateNote = event.date.text ? ` · date from “${event.date.text}”`
    : event.date.reason ? ` · date: ${event.date.reason}` : "";
  const text = article ? article.text : "";
  const spans = [...report.spans, ...sentenceSpans(event, report.article_id)];
  return el("article", { class: "report", "data-article": report.article_id },
    el("div", { class: "meta" }, meta, " · article ", el("code", {}, report.article_id), sourceLink(report.url)),
    el("div", { class: "meta" }, `trigger “${event.trigger.text}”`, dateNote,
      ` · confidence ${event.confidence.toFixed(2)}`),
    highlightedText(text, spans),
    el("h3", {}, "Mentions"),
    el("ol", { class: "mentions" }, event.mentions.map((mention) =>
      el("li", {}, el("strong", {}, mention.trigger.text), ": ", mention.sentence_text,
        el("span", { class: "muted" }, ` (${mention.article_id}, sentence ${mention.sentence.index + 1})`)))),
  );
}

// Only web links: an article's URL comes from whoever ingested it, and must never run script.
function sourceLink(url) {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return el("span", {}, " · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "link"));
}
