/**
 * Composes a FigureSpec into ONE standalone SVG document: title, a grid of Plot charts (each a
 * nested <svg> under its heading) and the caption as wrapped text, on a white background. Works
 * with any DOM `document` (a browser's, or linkedom's in Node).
 */
import * as Plot from "@observablehq/plot";
import { FIGURE_DEFAULTS, type FigureSpec } from "./types.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
const PAD = 16;
const TITLE_H = 30;
const HEADING_H = 18;
const CAPTION_LINE_H = 15;
/** Approximate advance of an 11 px sans-serif character, px (for wrapping the caption). */
const CAPTION_CHAR_W = 6.2;

/** The part of a DOM element this module uses (the project compiles without the DOM lib). */
interface ChartElement {
  tagName: string;
  outerHTML: string;
  setAttribute(name: string, value: string): void;
}

/** The figure as SVG markup (a complete document with the SVG namespace). */
export function composeFigureSvg(spec: FigureSpec, document: object): string {
  const columns = Math.max(1, spec.columns ?? FIGURE_DEFAULTS.columns);
  const w = spec.panelWidthPx ?? FIGURE_DEFAULTS.panelWidthPx;
  const h = spec.panelHeightPx ?? FIGURE_DEFAULTS.panelHeightPx;
  const rows = Math.ceil(spec.panels.length / columns);
  const width = PAD * 2 + columns * w + (columns - 1) * PAD;
  const captionLines = wrap(spec.caption, Math.floor((width - 2 * PAD) / CAPTION_CHAR_W));
  const gridTop = PAD + TITLE_H;
  const cellH = HEADING_H + h + PAD;
  const height = gridTop + rows * cellH + captionLines.length * CAPTION_LINE_H + PAD;

  const parts: string[] = [];
  parts.push(`<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" fill="#222">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${PAD}" y="${PAD + 16}" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`);
  spec.panels.forEach((panel, i) => {
    const x = PAD + (i % columns) * (w + PAD);
    const y = gridTop + Math.floor(i / columns) * cellH;
    parts.push(`<text x="${x}" y="${y + 13}" font-size="12" font-weight="bold">${escapeXml(panel.title)}</text>`);
    const chart = Plot.plot({ ...panel.plot, width: w, height: h, document: document as never }) as unknown as ChartElement;
    if (chart.tagName.toLowerCase() !== "svg") throw new Error(`panel "${panel.title}" rendered a <${chart.tagName}>, not an <svg> (no legends or titles in panel options)`);
    chart.setAttribute("x", String(x));
    chart.setAttribute("y", String(y + HEADING_H));
    chart.setAttribute("font-family", FONT);
    parts.push(chart.outerHTML);
  });
  const captionTop = gridTop + rows * cellH;
  captionLines.forEach((line, k) => {
    parts.push(`<text x="${PAD}" y="${captionTop + (k + 1) * CAPTION_LINE_H - 3}" font-size="11" fill="#444">${escapeXml(line)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

/** Splits `text` into lines of at most `max` characters at spaces, keeping explicit newlines. */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > max) { out.push(line); line = word; }
      else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}
