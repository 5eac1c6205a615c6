/**
 * `--plot FILE.svg|.png` for the sweep-backed commands: the file name and what to plot are checked
 * before anything runs; the figure is drawn from the rows read back once the run completes.
 * The panels themselves are src/plot's (shared with the notebooks).
 */
import type { OutcomeSensitivity } from "../analysis/sensitivity-run.ts";
import { InputError } from "../errors.ts";
import { modelLabel, protocolSummary } from "../plot/caption.ts";
import { morrisPanel, sobolPanel } from "../plot/sensitivity-figure.ts";
import { sweepPanels, type SweepAxis, type SweepFigureChoice } from "../plot/sweep-figure.ts";
import { writeFigure } from "../plot/write-figure.ts";
import { loadModel } from "../simulate/default-model.ts";
import { SOFT_LIMITS } from "../simulate/protocol-limits.ts";
import { loadProtocol } from "../simulate/protocol-load.ts";
import { manifestPath, readManifest, readSweepRows, type SweepSpec } from "../sweep/index.ts";
import { withUnit } from "../sweep/units.ts";
import { runColumnUnits } from "./column-units.ts";
import { VERSION } from "../version.ts";
import type { SweepCliFlags } from "./sweep.ts";

/** Usage lines of --plot for a command whose figure is `what` (one line per entry). */
export const plotUsage = (...what: string[]): string =>
  [`  --plot FILE.svg|.png   figure, written once the run completes: ${what[0]}`, ...what.slice(1).map((w) => `                         ${w}`)].join("\n");

/** Refuses a --plot file that is neither .svg nor .png (before anything runs). */
export function checkPlotFile(file: string | undefined): void {
  if (file !== undefined && !/\.(svg|png)$/i.test(file)) throw new InputError("--plot", file, "a file name ending in .svg or .png");
}

/** What a sweep's --plot will draw, decided before the run: axes, series and (if named) the outcome. */
export interface SweepPlotPlan {
  file: string;
  outcome?: string;
  x: SweepAxis;
  y?: SweepAxis;
  series: string[];
}

/**
 * The first one or two numeric swept variables (factorial ones with ≥ 2 numeric values, then
 * sampled ones) as axes; other multi-valued factorial variables become series. InputError naming
 * --plot when the sweep varies nothing numeric.
 */
export function planSweepPlot(spec: SweepSpec, file: string, outcome: string | undefined): SweepPlotPlan {
  checkPlotFile(file);
  const factorial = Object.entries(spec.variables).filter(([, v]) => v.length > 1);
  const axes: SweepAxis[] = [
    ...factorial.filter(([, v]) => v.every((x) => typeof x === "number")).map(([name]) => ({ name, factorial: true })),
    ...Object.keys(spec.sample?.variables ?? {}).map((name) => ({ name, factorial: false })),
  ].slice(0, 2);
  if (axes.length === 0) {
    throw new InputError("--plot", file, "a sweep with a numeric swept variable to plot against (--set NAME=40:80:10 or --sample-var NAME=MIN..MAX)");
  }
  if (outcome !== undefined && spec.outcomes && !spec.outcomes.includes(outcome)) {
    throw new InputError("--plot-outcome", outcome, `one of the recorded --outcomes (${spec.outcomes.join(", ")})`);
  }
  const onAxis = new Set(axes.map((a) => a.name));
  return { file, outcome, x: axes[0], y: axes[1], series: factorial.map(([name]) => name).filter((n) => !onAxis.has(n)) };
}

/** The outcome columns of a completed sweep output (neither index, error, nor a variable or fixed setting). */
export function outcomeColumns(file: string, spec: SweepSpec): string[] {
  const inputs = new Set(["index", "error", ...Object.keys(spec.variables), ...Object.keys(spec.sample?.variables ?? {}), ...Object.keys(spec.fixed)]);
  return readManifest(manifestPath(file)).columns.filter((c) => !inputs.has(c));
}

/** Caption line naming bfrsim's version and the model and protocol (BFR evaluator) or the evaluator module. */
export function runCaption(spec: SweepSpec, p: SweepCliFlags): string {
  const module = p.evaluator ?? spec.evaluator.module;
  if (module) return `bfrsim ${VERSION} · evaluator ${module}`;
  const model = loadModel(p.model);
  const base = `bfrsim ${VERSION} · ${modelLabel({ name: model.name, file: p.model ?? "", contentHash: model.contentHash })} · subject ${p.subject ?? "default"}`;
  if ("protocol" in spec.variables) return `${base} · protocols ${spec.variables.protocol.join(", ")} (per point)`;
  const protocol = loadProtocol(p.protocol).protocol;
  return `${base}\nbase protocol ${protocol.name}: ${protocolSummary(protocol)}`;
}

/**
 * Axis labels with units ("name (unit)") for the BFR evaluator's columns, from the model the run
 * used; a custom evaluator's columns mean what its module says, so they keep their bare names.
 */
export function sweepColumnLabel(spec: SweepSpec, p: SweepCliFlags): (column: string) => string {
  if (p.evaluator !== undefined) return (column) => column;
  const unitOf = runColumnUnits(spec, p.model);
  return (column) => withUnit(column, unitOf(column));
}

/** What the sweep varied and held fixed, for the caption. */
function designLine(spec: SweepSpec): string {
  const varied = Object.entries(spec.variables).filter(([, v]) => v.length > 1).map(([k, v]) => `${k} ∈ {${v.join(", ")}}`);
  if (spec.sample) varied.push(`${spec.sample.method}:${spec.sample.n} over ${Object.entries(spec.sample.variables).map(([k, r]) => `${k} ${r.min}..${r.max}${r.scale === "log" ? " (log)" : ""}`).join(", ")}`);
  return `varied: ${varied.join("; ") || "nothing"}${fixedText(spec)}`;
}

/** The single-valued settings of a spec, " · fixed: a=1, b=2", or "" when there are none. */
function fixedText(spec: SweepSpec): string {
  const fixed = [...Object.entries(spec.variables).filter(([, v]) => v.length === 1).map(([k, v]) => `${k}=${v[0]}`), ...Object.entries(spec.fixed).map(([k, v]) => `${k}=${v}`)];
  return fixed.length ? ` · fixed: ${fixed.join(", ")}` : "";
}

/** Draws the planned sweep figure from the rows in `rowsFile`; returns the outcome drawn. */
export function writeSweepPlot(plan: SweepPlotPlan, spec: SweepSpec, rowsFile: string, p: SweepCliFlags): string {
  const outcomes = outcomeColumns(rowsFile, spec);
  const outcome = plan.outcome ?? outcomes[0];
  if (outcome === undefined || !outcomes.includes(outcome)) {
    throw new InputError("--plot-outcome", outcome ?? null, `an outcome column of ${rowsFile} (${outcomes.join(", ") || "none recorded"})`);
  }
  const rows = [...readSweepRows(rowsFile)];
  const failed = rows.filter((r) => typeof r[outcome] !== "number").length;
  const choice: SweepFigureChoice = {
    outcome, x: plan.x, y: plan.y, series: plan.series, maxPctAop: SOFT_LIMITS.maxPctAopOlderAdults, label: sweepColumnLabel(spec, p),
  };
  const panels = sweepPanels(rows, choice);
  const caption = [
    runCaption(spec, p),
    `${designLine(spec)} · ${rows.length} points${failed ? ` (${failed} without a value, not drawn)` : ""} · rows in ${rowsFile}`,
  ].join("\n");
  writeFigure(plan.file, { title: "Sweep", caption, panels, columns: 1 });
  return outcome;
}

/** Draws `bfrsim sensitivity`'s indices: per outcome, Morris μ* bars with σ ticks or Sobol' S1/ST bars with CIs, one bar per factor. */
export function writeSensitivityPlot(file: string, results: readonly OutcomeSensitivity[], spec: SweepSpec, p: SweepCliFlags): void {
  const label = sweepColumnLabel(spec, p);
  const panels = results.map((r) => {
    const panel = r.method === "morris" ? morrisPanel(r.indices, label(r.outcome)) : sobolPanel(r.indices);
    return { ...panel, title: `${r.outcome}: ${panel.title}` };
  });
  const factors = Object.keys(spec.sample?.variables ?? {});
  const method = results[0]?.method === "sobol" ? `Sobol' (Saltelli, ${spec.sample?.n} base rows)` : `Morris (${spec.sample?.n} trajectories)`;
  const caption = [runCaption(spec, p), `${method} over ${factors.length} factor(s) within their ranges${fixedText(spec)}`].join("\n");
  // One bar row per factor: the panel grows with the number of factors so the names stay readable.
  const panelHeightPx = Math.max(240, 18 * factors.length + 70);
  writeFigure(file, { title: "Sensitivity indices", caption, panels, columns: 1, panelHeightPx });
}
