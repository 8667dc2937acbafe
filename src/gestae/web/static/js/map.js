// The event map: country outlines served by gestae (/basemap/world.geojson) in an SVG, with events
// grouped into clusters by grid cell at the current zoom. Plate carrée: x = longitude, y = -latitude,
// so pan and zoom are nothing more than the SVG viewBox.

import { clear, svg } from "./dom.js";
import { typeColor } from "./colors.js";

const CELL_PX = 46; // events closer than about this many screen pixels share one marker
const MAX_SCALE = 600; // pixels per degree at the closest zoom (about 200 m per pixel)
const GRATICULE_STEP = 30;

export class EventMap {
  constructor(node, { onOpenEvent }) {
    this.node = node;
    this.onOpenEvent = onOpenEvent;
    this.points = [];
    this.view = { cx: 10, cy: 15, scale: 0 };
    this.base = svg("g", { class: "base" });
    this.markers = svg("g", { class: "markers" });
    node.append(this.base, this.markers);
    this.frame = 0;
    this.bindPointer();
    new ResizeObserver(() => this.schedule()).observe(node);
  }

  async loadBasemap(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`base map: ${response.status}`);
    const world = await response.json();
    const group = svg("g", { class: "countries" });
    for (const feature of world.features) {
      const ringPath = (ring) => "M" + ring.map(([lon, lat]) => `${lon},${-lat}`).join("L") + "Z";
      const d = feature.geometry.coordinates.map((polygon) => polygon.map(ringPath).join("")).join("");
      group.append(svg("path", { class: "country", d, "data-iso3": feature.properties.iso3 },
        svg("title", {}, feature.properties.name)));
    }
    clear(this.base).append(this.graticule(), group);
    this.node.dataset.countries = String(world.features.length);
    this.schedule();
  }

  graticule() {
    const lines = [];
    for (let lon = -180; lon <= 180; lon += GRATICULE_STEP) lines.push(`M${lon},-90L${lon},90`);
    for (let lat = -60; lat <= 60; lat += GRATICULE_STEP) lines.push(`M-180,${-lat}L180,${-lat}`);
    return svg("path", { class: "graticule", d: lines.join("") });
  }

  setPoints(points, { fit = false } = {}) {
    this.points = points;
    if (fit) this.fit();
    this.schedule();
  }

  size() {
    const box = this.node.getBoundingClientRect();
    return { w: box.width || 800, h: box.height || 420 };
  }

  minScale() {
    const { w, h } = this.size();
    return Math.min(w / 360, h / 180);
  }

  clampView() {
    const v = this.view;
    v.scale = Math.max(this.minScale(), Math.min(MAX_SCALE, v.scale || this.minScale()));
    v.cx = Math.max(-180, Math.min(180, v.cx));
    v.cy = Math.max(-80, Math.min(80, v.cy));
  }

  // Show every event: the box around them with a margin, never closer than a few degrees across.
  fit() {
    const located = this.points;
    if (!located.length) {
      this.view = { cx: 10, cy: 15, scale: 0 };
      this.schedule();
      return;
    }
    const lons = located.map((p) => p.lon);
    const lats = located.map((p) => p.lat);
    const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
    const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
    const { w, h } = this.size();
    const spanLon = Math.max(maxLon - minLon, 8) * 1.35;
    const spanLat = Math.max(maxLat - minLat, 5) * 1.35;
    this.view = { cx: (minLon + maxLon) / 2, cy: (minLat + maxLat) / 2, scale: Math.min(w / spanLon, h / spanLat) };
    this.schedule();
  }

  zoomBy(factor, px, py) {
    const { w, h } = this.size();
    const v = this.view;
    const x = px ?? w / 2;
    const y = py ?? h / 2;
    // Keep the place under the cursor where it is.
    const lon = v.cx + (x - w / 2) / v.scale;
    const lat = v.cy - (y - h / 2) / v.scale;
    v.scale *= factor;
    this.clampView();
    v.cx = lon - (x - w / 2) / v.scale;
    v.cy = lat + (y - h / 2) / v.scale;
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    this.clampView();
    const { w, h } = this.size();
    const v = this.view;
    const width = w / v.scale;
    const height = h / v.scale;
    this.node.setAttribute("viewBox", `${v.cx - width / 2} ${-v.cy - height / 2} ${width} ${height}`);
    this.node.dataset.scale = v.scale.toFixed(3);
    this.renderMarkers();
  }

  clusters() {
    const cell = CELL_PX / this.view.scale;
    const cells = new Map();
    for (const point of this.points) {
      const key = `${Math.floor((point.lon + 180) / cell)}:${Math.floor((90 - point.lat) / cell)}`;
      let group = cells.get(key);
      if (!group) {
        group = { lon: 0, lat: 0, ids: [], types: new Map() };
        cells.set(key, group);
      }
      group.lon += point.lon;
      group.lat += point.lat;
      group.ids.push(point.id);
      const type = point.type || "OTHER";
      group.types.set(type, (group.types.get(type) || 0) + 1);
    }
    return [...cells.values()].map((group) => {
      const ranked = [...group.types.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const count = group.ids.length;
      return {
        lon: group.lon / count, lat: group.lat / count, ids: group.ids, count, types: ranked, main: ranked[0][0],
      };
    });
  }

  renderMarkers() {
    const scale = this.view.scale;
    clear(this.markers);
    // Small ones on top, so that a big cluster never hides a single event next to it.
    const groups = this.clusters().sort((a, b) => b.count - a.count);
    for (const group of groups) {
      const radius = (group.count === 1 ? 6 : 8 + 3.2 * Math.sqrt(group.count)) / scale;
      const summary = group.types.map(([type, n]) => `${type} ${n}`).join(", ");
      const marker = svg("g", {
        class: "marker", transform: `translate(${group.lon},${-group.lat})`,
        "data-count": group.count, "data-type": group.main, "data-ids": group.ids.slice(0, 50).join(","),
      },
      svg("circle", { r: radius, fill: typeColor(group.main) }),
      group.count > 1 ? svg("text", { "font-size": 11 / scale }, group.count) : null,
      svg("title", {}, group.count === 1 ? `${summary} (click to open)`
        : `${group.count} events: ${summary} (click to zoom)`));
      marker.addEventListener("click", (event) => {
        event.stopPropagation();
        if (this.moved) return;
        if (group.count === 1) this.onOpenEvent(group.ids[0]);
        else this.zoomTo(group);
      });
      this.markers.append(marker);
    }
    this.node.dataset.markers = String(groups.length);
  }

  zoomTo(group) {
    this.view.cx = group.lon;
    this.view.cy = group.lat;
    this.view.scale *= 3;
    this.schedule();
  }

  bindPointer() {
    let start = null;
    this.moved = false;
    this.node.addEventListener("pointerdown", (event) => {
      start = { x: event.clientX, y: event.clientY, cx: this.view.cx, cy: this.view.cy };
      this.moved = false;
    });
    this.node.addEventListener("pointermove", (event) => {
      if (!start) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      if (!this.moved && Math.hypot(dx, dy) < 4) return;
      if (!this.moved) {
        this.moved = true;
        this.node.setPointerCapture(event.pointerId);
        this.node.classList.add("dragging");
      }
      this.view.cx = start.cx - dx / this.view.scale;
      this.view.cy = start.cy + dy / this.view.scale;
      this.schedule();
    });
    const end = () => {
      start = null;
      this.node.classList.remove("dragging");
      // Let the click that ends a drag see `moved`, then forget it.
      setTimeout(() => { this.moved = false; }, 0);
    };
    this.node.addEventListener("pointerup", end);
    this.node.addEventListener("pointercancel", end);
    this.node.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = this.node.getBoundingClientRect();
      this.zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    this.node.addEventListener("dblclick", (event) => {
      const box = this.node.getBoundingClientRect();
      this.zoomBy(2, event.clientX - box.left, event.clientY - box.top);
    });
  }
}
