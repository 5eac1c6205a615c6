/**
 * The one-session figure: cuff, muscle O2 and energetics over minutes, signalling and exerkines
 * over hours, for one session of a simulated programme. Browser-safe: the notebook draws the same
 * panels that `bfrsim simulate --plot` writes.
 */
import type { SimulationResult } from "../simulate/simulate.ts";
import { simulationCaption } from "./caption.ts";
import { linePanel, type ShadedInterval } from "./line-panel.ts";
import { windowRows, type TimeWindow } from "./series.ts";
import type { FigurePanel, FigureSpec } from "./types.ts";

/** A panel of the session figure: series (model name → display label) on one y axis. */
interface SessionPanelDef {
  title: string;
  yLabel: string;
  series: Readonly<Record<string, string>>;
  scale: "minutes" | "hours";
  yDomain?: [number, number];
}

/** The panels, in reading order: fast (minutes) then slow (hours). */
export const SESSION_PANELS: readonly SessionPanelDef[] = [
  { title: "Cuff", yLabel: "cuff pressure (% AOP)", series: { "cuff.occlusionPressurePct": "cuff" }, scale: "minutes", yDomain: [0, 100] },
  { title: "Muscle oxygenation", yLabel: "StO2 (%)", series: { "energetics.muscleOxygenSaturation": "StO2" }, scale: "minutes" },
  { title: "Phosphocreatine", yLabel: "PCr (mM)", series: { "energetics.pcr": "PCr" }, scale: "minutes" },
  { title: "Lactate", yLabel: "lactate (mM)", series: { "energetics.muscleLactate": "muscle", "energetics.bloodLactate": "blood" }, scale: "minutes" },
  { title: "Muscle pH", yLabel: "pH", series: { "energetics.pH": "pH" }, scale: "minutes" },
  { title: "Type II fibre recruitment", yLabel: "recruited fraction (0–1)", series: { "fatigue.type2Recruitment": "type II" }, scale: "minutes", yDomain: [0, 1] },
  { title: "Signalling", yLabel: "activity (0–1)", series: { "signalling.ampk": "AMPK", "signalling.mtorc1": "mTORC1" }, scale: "hours" },
  { title: "Exerkines", yLabel: "fold of resting level", series: { "exerkines.gh": "GH", "exerkines.il6": "IL-6" }, scale: "hours" },
];

/** Options of `sessionPanels`. */
export interface SessionFigureOptions {
  /** Which session, 0-based (default 0: the first). */
  session?: number;
  /** Minutes shown before the session and after its end, on the fast panels (default 2, 10). */
  fastMarginMin?: [number, number];
  /** Hours shown after the session's end, on the slow panels (default 6). */
  slowAfterH?: number;
}

const DEFAULTS = { session: 0, fastMarginMin: [2, 10] as [number, number], slowAfterH: 6 };

/** The session's panels; a series the model lacks is left out, a panel with none is dropped. */
export function sessionPanels(result: Pick<SimulationResult, "time" | "states" | "outputs" | "schedule">, options: SessionFigureOptions = {}): FigurePanel[] {
  const o = { ...DEFAULTS, ...options };
  const session = result.schedule.sessions[o.session];
  if (!session) return [];
  const fast: TimeWindow = { fromS: session.start - o.fastMarginMin[0] * 60, toS: session.end + o.fastMarginMin[1] * 60, originS: session.start, unitS: 60 };
  const slow: TimeWindow = { fromS: session.start - 900, toS: session.end + o.slowAfterH * 3600, originS: session.start, unitS: 3600 };
  const panels: FigurePanel[] = [];
  for (const def of SESSION_PANELS) {
    const window = def.scale === "minutes" ? fast : slow;
    const rows = Object.entries(def.series).flatMap(([name, label]) => windowRows(result, name, label, window));
    if (rows.length === 0) continue;
    const shade: ShadedInterval[] = session.sets.map((s) => ({ from: (s.start - session.start) / window.unitS, to: (s.end - session.start) / window.unitS }));
    const xLabel = def.scale === "minutes" ? "time from session start (min)" : "time from session start (h)";
    panels.push(linePanel(def.title, rows, { xLabel, yLabel: def.yLabel, shade, yDomain: def.yDomain }));
  }
  return panels;
}

/** The one-session figure of `result` (shaded: exercise sets), captioned with model and protocol. */
export function sessionFigure(result: SimulationResult, options: SessionFigureOptions = {}): FigureSpec {
  const k = options.session ?? 0;
  const s = result.schedule.sessions[k];
  const dose = s ? `Session ${k + 1} (week ${s.week + 1}): ${(s.relativeLoad * 100).toFixed(0)} %1RM, cuff ${s.cuffPressureMmHg.toFixed(0)} mmHg (AOP ${result.schedule.aop.aopMmHg.toFixed(0)} mmHg); shaded: exercise sets.` : undefined;
  return {
    title: `One session: ${result.protocol.name}`,
    caption: simulationCaption(result, dose),
    panels: sessionPanels(result, options),
    columns: 2,
  };
}
