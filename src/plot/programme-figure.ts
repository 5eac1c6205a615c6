/**
 * The programme figure: weeks of muscle size, strength, inflammation and exerkine baselines, for
 * one or several training arms side by side. Baselines are read each morning before the day's
 * session, so the curves show adaptation, not each session's acute spike. Browser-safe.
 */
import type { SimulationResult } from "../simulate/simulate.ts";
import { simulationCaption } from "./caption.ts";
import { linePanel } from "./line-panel.ts";
import { dailyRows } from "./series.ts";
import type { FigurePanel, FigureSpec } from "./types.ts";

/** A programme panel: one model series, its label with unit. */
interface ProgrammePanelDef {
  title: string;
  yLabel: string;
  series: string;
  /** Smallest y span shown (see LinePanelOptions.minSpan). */
  minSpan?: number;
}

export const PROGRAMME_PANELS: readonly ProgrammePanelDef[] = [
  { title: "Muscle cross-sectional area", yLabel: "CSA change from baseline (%)", series: "adaptation.csaChangePct" },
  { title: "Strength", yLabel: "strength change from baseline (%)", series: "adaptation.strengthChangePct" },
  { title: "Inflammation: CRP", yLabel: "CRP (fold of pre-training)", series: "exerkines.crp", minSpan: 0.1 },
  { title: "Inflammation: TNF-α", yLabel: "TNF-α (fold of pre-training)", series: "exerkines.tnfa", minSpan: 0.1 },
  { title: "Resting IL-6", yLabel: "IL-6 (fold of pre-training)", series: "exerkines.il6", minSpan: 0.1 },
  { title: "Resting IGF-1", yLabel: "IGF-1 (fold of pre-training)", series: "exerkines.igf1", minSpan: 0.1 },
];

/** One arm of a programme comparison: a label ("BFR", "high-load") and its simulation. */
export interface ProgrammeArm {
  label: string;
  result: Pick<SimulationResult, "time" | "states" | "outputs">;
}

/** Hour of day (h) at which baselines are read: before the default 10:00 session start. */
export const BASELINE_HOUR = 8;

/** The programme's panels, one line per arm (coloured and labelled when there are several). */
export function programmePanels(arms: readonly ProgrammeArm[]): FigurePanel[] {
  const panels: FigurePanel[] = [];
  for (const def of PROGRAMME_PANELS) {
    const rows = arms.flatMap((a) => dailyRows(a.result, def.series, a.label, BASELINE_HOUR, a.label));
    if (rows.length === 0) continue;
    panels.push(linePanel(def.title, rows, { xLabel: "time from programme start (weeks)", yLabel: def.yLabel, colourBy: "group", minSpan: def.minSpan }));
  }
  return panels;
}

/** The programme figure of one simulation, captioned with model and protocol. */
export function programmeFigure(result: SimulationResult): FigureSpec {
  return {
    title: `Programme: ${result.protocol.name}`,
    caption: simulationCaption(result, `Values read daily at ${String(BASELINE_HOUR).padStart(2, "0")}:00, before that day's session.`),
    panels: programmePanels([{ label: result.protocol.name, result }]),
    columns: 2,
  };
}
