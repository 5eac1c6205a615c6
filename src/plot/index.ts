// Figures: Plot specifications shared by the CLI and the notebooks, and Node renderers. Index files only re-export.
export * from "./types.ts";
export * from "./series.ts";
export * from "./caption.ts";
export { linePanel, type LinePanelOptions, type ShadedInterval } from "./line-panel.ts";
export * from "./session-figure.ts";
export * from "./programme-figure.ts";
export { composeFigureSvg } from "./compose-svg.ts";
export * from "./write-figure.ts";
export * from "./dose-response-figure.ts";
export * from "./comparison-figure.ts";
export * from "./sensitivity-figure.ts";
