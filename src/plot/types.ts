/**
 * A figure as plain data: panels of Observable Plot options (marks + scales, no DOM), a title and
 * a caption. The CLI renders it to SVG/PNG in Node (render-svg.ts, write-figure.ts); a notebook
 * passes each panel's `plot` to `Plot.plot` in the browser. One spec, two renderers.
 */
import type { PlotOptions } from "@observablehq/plot";

/** One chart of a figure: a heading (with units where the axis has none) and Plot options. */
export interface FigurePanel {
  title: string;
  plot: PlotOptions;
}

/** A multi-panel figure: panels laid out in a grid, a title above and a caption below. */
export interface FigureSpec {
  title: string;
  /** Names the model version and the protocol (and anything else a reader needs to reproduce it). */
  caption: string;
  panels: FigurePanel[];
  /** Panels per row (default 2). */
  columns?: number;
  /** Size of each panel's plot area, px (default 420 × 240). */
  panelWidthPx?: number;
  panelHeightPx?: number;
}

/** Layout defaults of a figure, in px. */
export const FIGURE_DEFAULTS = Object.freeze({
  columns: 2,
  panelWidthPx: 420,
  panelHeightPx: 240,
});
