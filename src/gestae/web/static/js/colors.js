// Colours: one per PLOVER type (cooperation in blues and greens, conflict in yellows to dark red),
// and a diverging scale for Goldstein scores (-10 conflict, red; +10 cooperation, blue).

export const TYPE_COLORS = {
  AGREE: "#1b9e77",
  CONSULT: "#66c2a5",
  SUPPORT: "#4393c3",
  CONCEDE: "#92c5de",
  COOPERATE: "#2166ac",
  AID: "#4daf4a",
  RETREAT: "#a6d854",
  REQUEST: "#8073ac",
  ACCUSE: "#e6ab02",
  REJECT: "#fdae61",
  THREATEN: "#f46d43",
  PROTEST: "#984ea3",
  SANCTION: "#a6611a",
  MOBILIZE: "#e78ac3",
  COERCE: "#d6604d",
  ASSAULT: "#8c0a28",
};

export const OTHER_COLOR = "#7a7f87";

export function typeColor(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

function mix(a, b, t) {
  const channel = (i) => Math.round(a[i] + (b[i] - a[i]) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

const RED = [192, 57, 43];
const WHITE = [247, 247, 247];
const BLUE = [33, 102, 172];

export function goldsteinColor(score) {
  if (score === null || score === undefined || Number.isNaN(score)) return "#e3e5e8";
  const t = Math.max(-1, Math.min(1, score / 10));
  return t < 0 ? mix(WHITE, RED, -t) : mix(WHITE, BLUE, t);
}

// Whether text on this Goldstein colour should be white to stay readable.
export function goldsteinIsDark(score) {
  return score !== null && score !== undefined && Math.abs(score) >= 5;
}
