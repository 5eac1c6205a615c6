/**
 * Draws FigurePanels (src/plot, the same specs `--plot` renders in Node) as live Plot charts in a
 * grid, each under its heading, with the caption below.
 */
import * as Plot from "@observablehq/plot";
import type { FigurePanel } from "../../src/plot/types.ts";

/** Options of `renderPanels`. */
export interface RenderPanelsOptions {
  /** Chart size, px (default 440 × 250). */
  width?: number;
  height?: number;
  caption?: string;
}

/** A <figure> with one chart per panel (class "chart") and an optional caption. */
export function renderPanels(panels: readonly FigurePanel[], options: RenderPanelsOptions = {}): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "panels";
  const grid = document.createElement("div");
  grid.className = panels.length === 1 ? "panel-grid single" : "panel-grid";
  for (const panel of panels) {
    const cell = document.createElement("div");
    cell.className = "chart";
    const h = document.createElement("h3");
    h.textContent = panel.title;
    cell.append(h, Plot.plot({ ...panel.plot, width: options.width ?? 440, height: options.height ?? 250 }) as unknown as Node);
    grid.append(cell);
  }
  figure.append(grid);
  if (options.caption) {
    const caption = document.createElement("figcaption");
    caption.textContent = options.caption;
    figure.append(caption);
  }
  return figure;
}

/** A small table: header cells and rows of text. */
export function htmlTable(header: readonly string[], rows: ReadonlyArray<readonly (string | number | null)[]>): HTMLTableElement {
  const table = document.createElement("table");
  const thead = table.createTHead().insertRow();
  for (const h of header) { const th = document.createElement("th"); th.textContent = h; thead.append(th); }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const c of r) tr.insertCell().textContent = c === null ? "–" : typeof c === "number" ? formatNumber(c) : c;
  }
  return table;
}

/** 3 significant figures, no exponent for ordinary magnitudes. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : Number(v.toPrecision(3)).toString();
}

/** Fetches a build-time JSON file beside the page (data/NAME.json). */
export async function loadData<T>(name: string): Promise<T> {
  const url = new URL(`./data/${name}.json`, document.baseURI);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`data/${name}.json: HTTP ${res.status} (run npm run notebooks:data)`);
  return (await res.json()) as T;
}
