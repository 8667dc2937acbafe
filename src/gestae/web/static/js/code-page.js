// The paste box: code one article now (POST /code, nothing stored) and show its events on the text.

import { request } from "./api.js";
import { append, clear, el, typeChip } from "./dom.js";
import { highlightedText, legend } from "./evidence.js";

export function setUpCodeForm(form, result, status) {
  const dateInput = form.querySelector("#code-date");
  if (!dateInput.value) dateInput.value = new Date().toISOString().slice(0, 10);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = form.querySelector("#code-text").value;
    if (!text.trim()) return;
    const button = form.querySelector("#code-submit");
    button.disabled = true;
    status.textContent = "coding…";
    clear(result);
    try {
      const body = { text, date: dateInput.value || null, title: form.querySelector("#code-title").value || null };
      const coded = await request("/code", { method: "POST", body });
      status.textContent = `${coded.events.length} event${coded.events.length === 1 ? "" : "s"}`;
      showCoded(result, coded);
    } catch (error) {
      status.textContent = "";
      result.append(el("p", { class: "error" }, error.message));
    } finally {
      button.disabled = false;
    }
  });
}

function showCoded(result, coded) {
  const text = coded.article.text;
  const textBox = el("div", { id: "coded-text" });
  const allSpans = coded.events.flatMap((item) => item.spans);
  const showSpans = (spans) => clear(textBox).append(highlightedText(text, spans));
  const cards = coded.events.map((item, index) => {
    const event = item.event;
    const place = event.location;
    const words = event.date.text ? ` (“${event.date.text}”)` : "";
    const when = event.date.start ? `${event.date.start}${words}` : "unknown";
    const codes = [
      event.cameo && `CAMEO ${event.cameo}`,
      event.goldstein !== null && `Goldstein ${event.goldstein}`,
      `confidence ${event.confidence.toFixed(2)}`,
    ].filter(Boolean).join(" · ");
    const card = el("div", { class: "coded-event", "data-index": index, "data-type": event.event_type || "" },
      el("div", {}, typeChip(event.event_type), " ", el("strong", {}, `“${event.trigger.text}”`),
        event.modality !== "asserted" ? el("span", { class: "muted" }, ` (${event.modality})`) : null),
      el("div", { class: "line" }, "who: ", actorText(event.actor),
        event.recipient ? ` → ${actorText(event.recipient)}` : ""),
      el("div", { class: "line" }, "where: ", place ? [place.name, place.country].filter(Boolean).join(", ") : "–"),
      el("div", { class: "line" }, "when: ", when),
      el("div", { class: "line muted" }, codes));
    card.addEventListener("click", () => {
      const selected = card.classList.toggle("selected");
      for (const other of result.querySelectorAll(".coded-event")) {
        if (other !== card) other.classList.remove("selected");
      }
      showSpans(selected ? item.spans : allSpans);
    });
    return card;
  });
  append(result,
    el("div", { class: "coded-events" }, cards.length ? cards : el("p", { class: "muted" }, "No events in this text.")),
    coded.notes.length ? el("p", { class: "notes" }, "Notes: ", coded.notes.join("; ")) : null,
    legend(),
    textBox,
  );
  showSpans(allSpans);
}

function actorText(actor) {
  if (!actor) return "–";
  const codes = [actor.country, actor.sector].filter(Boolean).join(" ");
  return `${actor.name || actor.text}${codes ? ` (${codes})` : ""}`;
}
