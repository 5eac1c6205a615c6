/**
 * Figures to files in Node: SVG through a small DOM implementation (linkedom), PNG through resvg
 * (a Rust renderer shipped as a prebuilt binary inside its npm package; system fonts).
 */
import { writeFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { Resvg } from "@resvg/resvg-js";
import { InputError } from "../errors.ts";
import { composeFigureSvg } from "./compose-svg.ts";
import type { FigureSpec } from "./types.ts";

/** Options of `writeFigure`; defaults in WRITE_FIGURE_DEFAULTS. */
export interface WriteFigureOptions {
  /** PNG pixels per SVG px (default 2: ~190 dpi at the figure's natural size). */
  pngScale?: number;
  /** Name of the option that gave the file, for error messages (default "--plot"). */
  field?: string;
}

export const WRITE_FIGURE_DEFAULTS = Object.freeze({ pngScale: 2, field: "--plot" });

/** Renders `spec` to a standalone SVG string in Node. */
export function renderFigureSvg(spec: FigureSpec): string {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  return composeFigureSvg(spec, document);
}

/** Renders SVG markup to PNG bytes at `scale` × its size (white background, system fonts). */
export function svgToPng(svg: string, scale: number = WRITE_FIGURE_DEFAULTS.pngScale): Uint8Array {
  if (!(scale > 0 && scale <= 10)) throw new InputError("pngScale", scale, "a number in (0, 10]");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

/** Writes `spec` to `file`: `.svg` (vector) or `.png` (raster); returns the bytes written. */
export function writeFigure(file: string, spec: FigureSpec, options: WriteFigureOptions = {}): number {
  const o = { ...WRITE_FIGURE_DEFAULTS, ...options };
  const lower = file.toLowerCase();
  if (!lower.endsWith(".svg") && !lower.endsWith(".png")) {
    throw new InputError(o.field, file, "a file name ending in .svg or .png");
  }
  if (spec.panels.length === 0) throw new InputError("figure.panels", spec.panels, "at least one panel with data");
  const svg = renderFigureSvg(spec);
  const bytes = lower.endsWith(".svg") ? Buffer.from(svg, "utf8") : svgToPng(svg, o.pngScale);
  writeFileSync(file, bytes);
  return bytes.length;
}
