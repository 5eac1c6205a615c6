/**
 * `bfrsim compare`: simulate every trial arm with comparable rows and set the simulation beside the
 * published values: per-row residuals, the summary (n, RMSE, fraction within, direction agreement,
 * Spearman), a table per study and outcome with the 10 %/30 % rubric, the largest misses.
 * `--json` writes exactly issue 6's object; `--plot` the predicted-vs-observed figure.
 * Also exports the flag parsing and report shared with `bfrsim fit` and `bfrsim validate`.
 */
import type { ParseArgsConfig } from "node:util";
import { InputError } from "../errors.ts";
import { checkOutputFile } from "./output-file.ts";
import type { CompiledModel } from "../model/types.ts";
import { writeFigure } from "../plot/write-figure.ts";
import { DEFAULT_MODEL_FILE, loadModel } from "../simulate/default-model.ts";
import { formatDuration } from "../sweep/progress.ts";
import { VERSION } from "../version.ts";
import type { Comparison } from "../trials/compare.ts";
import { comparisonFigure } from "../trials/comparison-figure.ts";
import { groupComparison, largestMisses, rubricCounts } from "../trials/comparison-groups.ts";
import { comparisonPlotData, rowKey, spreadsOf } from "../trials/comparison-plot.ts";
import type { TrialOutcome } from "../trials/schema.ts";
import { toComparisonJson } from "../trials/compare.ts";
import type { ParameterValues } from "../trials/fit/types.ts";
import { loadTrials } from "../trials/load.ts";
import { mapTrials, type MappedTrials } from "../trials/mapping.ts";
import { compareWithModelAsync } from "../trials/model-simulator.ts";
import { readParameterValues } from "../trials/parameter-selection.ts";
import { selectTrialRows, splitList } from "../trials/row-selection.ts";
import type { Command } from "./main.ts";
import { formatNumber, formatTable as formatTextTable } from "./table.ts";
import { parseFlags } from "./parse-flags.ts";

/** Flags every trials command takes: data files, model, parameters, row selection, quiet. */
export const TRIALS_FLAGS = {
  arms: { type: "string" },
  outcomes: { type: "string" },
  model: { type: "string" },
  params: { type: "string" },
  studies: { type: "string" },
  "exclude-studies": { type: "string" },
  "outcome-kinds": { type: "string" },
  design: { type: "string" },
  targets: { type: "string" },
  quiet: { type: "boolean" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Usage lines of TRIALS_FLAGS. */
export const TRIALS_FLAGS_USAGE = `  --arms FILE          arms.csv (default: the bundled data/trials/arms.csv)
  --outcomes FILE      outcomes.csv (default: the bundled data/trials/outcomes.csv)
  --model FILE         model file (default models/bfr-ageing.yaml)
  --params FILE        parameter values to use: a bfrsim fit parameter file or "name: value" YAML/JSON
  --studies A,B        only these studies        --exclude-studies A,B   all but these
  --outcome-kinds K,.. only these outcome kinds (prefix* allowed, e.g. strength_*)
  --design D,..        only arms of these designs (training, acute, case)
  --targets O,..       only rows compared with these model outputs (e.g. adaptation.csaChangePct)
  --quiet              no progress on stderr`;

/** What the trials commands load from the shared flags. */
export interface TrialsContext {
  trials: MappedTrials;
  model: CompiledModel;
  parameters: ParameterValues;
  dataFiles: string[];
}

/** Loads and selects the trial rows, compiles the model and reads `--params` (all before any simulation). */
export function loadTrialsContext(values: Record<string, string | boolean | undefined>): TrialsContext {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const data = loadTrials({ armsFile: str("arms"), outcomesFile: str("outcomes") });
  const trials = selectTrialRows(mapTrials(data), {
    studies: splitList(str("studies")),
    excludeStudies: splitList(str("exclude-studies")),
    outcomes: splitList(str("outcome-kinds")),
    designs: splitList(str("design")),
    targets: splitList(str("targets")),
  });
  const model = loadModel(str("model") ?? DEFAULT_MODEL_FILE);
  const file = str("params");
  const parameters = file ? readParameterValues(file, model) : {};
  return { trials, model, parameters, dataFiles: [data.files.arms, data.files.outcomes] };
}

/**
 * A signal aborted by the first Ctrl-C (a second one exits at once). Only for loops that yield to
 * the event loop: synchronous work would hold the signal back until it ends.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    process.stderr.write("\ninterrupted: finishing the current simulation, then reporting what is done (Ctrl-C again to quit now)\n");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  return controller.signal;
}

/** A progress callback counting `unit` (a bar on a terminal, a line every 5 s otherwise); `label` is printed first. */
export function armProgress(quiet: boolean | undefined, label: string, unit = "arms"): (done: number, total: number, errors?: number) => void {
  if (quiet) return () => {};
  const tty = Boolean(process.stderr.isTTY);
  let started = 0;
  let last = -Infinity;
  let first = true;
  return (done, total, errors = 0) => {
    if (first) {
      if (label) process.stderr.write(`${label}\n`);
      started = performance.now();
    }
    first = false;
    const now = performance.now();
    const final = done >= total;
    if (!final && now - last < (tty ? 200 : 5000)) return;
    last = now;
    const elapsedS = (now - started) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    const eta = rate > 0 ? formatDuration((total - done) / rate) : "--:--";
    const text = `${done}/${total} ${unit}  elapsed ${formatDuration(elapsedS)}  ETA ${eta}${errors ? `  ${errors} failed` : ""}`;
    process.stderr.write(tty ? `\r${text}\u001b[K${final ? "\n" : ""}` : `${text}\n`);
  };
}

const USAGE = `bfrsim compare [--arms FILE --outcomes FILE] [--params FILE] [--studies A,B ...] [--json | --markdown] [--plot FILE.svg|FILE.png] [--rows] [--assumptions]

  Simulates each trial arm that has comparable outcome rows and compares with the published values.
${TRIALS_FLAGS_USAGE}
  --json               write only issue 6's JSON object { rows: [...], summary: {...} } to stdout
  --plot FILE          predicted vs observed figure (.svg or .png): error bars, identity line, one marker per study
  --rows               also list every compared row
  --markdown           tables in Markdown (for docs), not aligned text
  --assumptions        also list, per arm, every mapping assumption (subjects, protocol, pressure, times)

Exit codes: 0 done, 1 interrupted or a run failed, 2 bad input (data errors listed with file:line:column).`;

export const command: Command = {
  name: "compare",
  summary: "compare simulated with published trial outcomes (RMSE, direction, Spearman, rubric)",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const { values } = parseFlags(args, { ...TRIALS_FLAGS, json: { type: "boolean" }, plot: { type: "string" }, rows: { type: "boolean" }, assumptions: { type: "boolean" }, markdown: { type: "boolean" } }, "compare");
    if (values.plot !== undefined) checkOutputFile("--plot", values.plot, /\.(svg|png)$/i, "a file name ending in .svg or .png");
    const ctx = loadTrialsContext(values);
    const progress = armProgress(values.quiet, `simulating trial arms with ${ctx.model.name}…`);
    const signal = interruptSignal();
    const comparison = await compareWithModelAsync(ctx.trials, ctx.model, {
      parameters: ctx.parameters,
      onArm: (_key, i, n) => progress(i, n),
      signal,
    });
    if (values.json) process.stdout.write(JSON.stringify(toComparisonJson(comparison)) + "\n");
    else process.stdout.write(formatComparison(comparison, { title: compareTitle(ctx), rows: values.rows, markdown: values.markdown, units: reportedUnits(ctx.trials.outcomes) }));
    if (values.assumptions && !values.json) process.stdout.write(formatAssumptions(ctx.trials));
    if (values.plot) {
      const data = comparisonPlotData(comparison, spreadsOf(ctx.trials.outcomes));
      const s = comparison.summary;
      const caption = `${compareTitle(ctx)}. n = ${s.n}; RMSE ${formatNumber(s.rmse)} % points; Spearman ${formatNumber(s.spearman)}. Dashed: identity; band: ±30 % of observed (rubric yellow). Bars: reported CI, else ±1 SD.`;
      writeFigure(values.plot, comparisonFigure(data, "bfrsim compare: simulated vs observed trial outcomes", caption));
      if (!values.quiet) process.stderr.write(`wrote ${values.plot} (${data.points.length} points of ${data.studies.length} studies)\n`);
    }
    return signal.aborted ? 1 : 0;
  },
};

function compareTitle(ctx: TrialsContext): string {
  const params = Object.keys(ctx.parameters).length;
  return `bfrsim ${VERSION}, model ${ctx.model.name} (sha256 ${ctx.model.contentHash.slice(0, 12)})${params ? `, ${params} parameter(s) from --params` : ", default parameters"}`;
}

/** Options of `formatComparison`. */
export interface FormatComparisonOptions {
  title: string;
  /** List every row (default false). */
  rows?: boolean;
  /** Largest misses listed (default 12). */
  misses?: number;
  /** Markdown tables (for docs and the README) instead of aligned text. */
  markdown?: boolean;
  /** The unit each outcome row reports its value in, keyed like `rowKey` (`reportedUnits`); blank cells without. */
  units?: ReadonlyMap<string, string>;
}

/** The unit each trial outcome row reports (%, mmHg, ng/mL …), keyed like `rowKey`: observed, simulated and residual are in it. */
export function reportedUnits(outcomes: readonly { row: TrialOutcome }[]): Map<string, string> {
  const units = new Map<string, string>();
  for (const { row } of outcomes) if (row.unit) units.set(rowKey(row.studyId, row.armId, row.outcome, row.time, row.timeUnit, row.site), row.unit);
  return units;
}

/** A Markdown table (pipes in cells escaped). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The comparison as text: summary, table per study and outcome with the rubric, largest misses, what was left out. */
export function formatComparison(c: Comparison, options: FormatComparisonOptions): string {
  const formatTable = options.markdown ? markdownTable : formatTextTable;
  const unitOf = (r: Comparison["rows"][number]) => options.units?.get(rowKey(r.study_id, r.arm_id, r.outcome, r.time, r.time_unit, r.site)) ?? "";
  // a group's mean residual is over its numeric rows: their unit (several, comma-separated, if they differ)
  const residualUnits = (study: string, outcome: string) =>
    [...new Set(c.rows.filter((r) => r.study_id === study && r.outcome === outcome && r.residual !== null).map(unitOf).filter(Boolean))].join(", ");
  const s = c.summary;
  const out: string[] = [options.title, ""];
  const numeric = c.rows.filter((r) => r.residual !== null);
  const pct = numeric.filter((r) => r.value_kind === "pct_change");
  const directed = c.rows.filter((r) => r.direction_match !== null);
  const withSpread = c.rows.filter((r) => r.within !== null);
  const rub = rubricCounts(c.rows);
  out.push(
    formatTable(["summary", "value", "over"], [
      ["rows compared (n)", String(s.n), `${numeric.length} numeric + ${c.rows.filter((r) => r.observed === null && r.direction_match !== null).length} direction-only`],
      ["RMSE of % changes", formatNumber(s.rmse), `${pct.length} pct_change rows, % points`],
      ["fraction within CI / ±2 SD", formatNumber(s.fraction_within), withSpread.length ? `${withSpread.length} rows with a CI or SD` : "no compared row reports a CI or SD"],
      ["direction agreement", formatNumber(s.direction_agreement), `${directed.filter((r) => r.direction_match).length}/${directed.length} rows`],
      ["Spearman (simulated vs observed)", formatNumber(s.spearman), `${pct.length} pct_change rows`],
      ["rubric (numeric rows)", `${rub.green}/${rub.yellow}/${rub.red}`, "green ≤ 10 % / yellow ≤ 30 % / red, of |observed|"],
    ]),
    "",
  );
  const groups = groupComparison(c.rows);
  out.push(
    formatTable(
      ["study", "outcome", "numeric", "G", "Y", "R", "RMSE %", "mean resid", "unit", "direction", "failed"],
      groups.map((g) => [
        g.study, g.outcome, String(g.numeric), String(g.green), String(g.yellow), String(g.red),
        formatNumber(g.rmsePct), formatNumber(g.meanResidual), residualUnits(g.study, g.outcome),
        g.directionRows ? `${g.directionMatches}/${g.directionRows}` : "—", g.failed ? String(g.failed) : "",
      ]),
    ),
    "",
  );
  const misses = largestMisses(c.rows, options.misses ?? 12);
  if (misses.length) {
    out.push("largest misses (|simulated − observed| / |observed|):");
    if (options.markdown) out.push("");
    out.push(formatTable(["study/arm", "outcome", "time", "kind", "unit", "observed", "simulated", "rubric"], misses.map((r) => [
      `${r.study_id}/${r.arm_id}`, r.outcome, r.time === null ? "end" : `${r.time} ${r.time_unit}`, r.value_kind ?? "", unitOf(r),
      formatNumber(r.observed), formatNumber(r.simulated), r.rubric ?? "",
    ])), "");
  }
  if (options.rows) {
    out.push(formatTable(["study/arm", "outcome", "site", "time", "kind", "unit", "observed", "simulated", "residual", "within", "direction", "rubric"], c.rows.map((r) => [
      `${r.study_id}/${r.arm_id}`, r.outcome, r.site ?? "", r.time === null ? "end" : `${r.time} ${r.time_unit}`, r.value_kind ?? "direction", r.value_kind ? unitOf(r) : "",
      formatNumber(r.observed), formatNumber(r.simulated), formatNumber(r.residual), r.within === null ? "—" : String(r.within),
      r.direction_match === null ? "—" : r.direction_match ? "match" : "MISS", r.rubric ?? "",
    ])), "");
  }
  const failed = c.rows.filter((r) => r.error !== null);
  if (failed.length) {
    out.push(`${failed.length} row(s) without a simulation:`);
    if (options.markdown) out.push("");
    const reasons = countBy(failed.map((r) => `${r.study_id}/${r.arm_id}: ${r.error}`));
    for (const [reason, n] of reasons) out.push(`${options.markdown ? "- " : "  "}${reason}${n > 1 ? ` (${n} rows)` : ""}`);
    out.push("");
  }
  if (c.unmapped.length) {
    out.push(`${c.unmapped.length} outcome row(s) not comparable with the model:`);
    if (options.markdown) out.push("");
    for (const [reason, n] of countBy(c.unmapped.map((u) => u.reason.replace(/ \(measure=.*\)$/, "")))) out.push(`${options.markdown ? "- " : "  "}${n} × ${reason}`);
    out.push("");
  }
  return out.join("\n");
}

/** Every arm with compared rows and the assumptions its mapping and its rows' readings made. */
function formatAssumptions(trials: MappedTrials): string {
  const out = ["mapping assumptions (per arm with compared rows; see docs/trials.md):"];
  for (const arm of trials.arms) {
    const rows = trials.outcomes.filter((o) => o.armKey === arm.key && o.target);
    if (!rows.length) continue;
    const lines = [...new Set([...arm.assumptions, ...rows.flatMap((o) => o.target!.assumptions.map((a) => `${o.row.outcome}: ${a}`))])];
    out.push(`${arm.key}:`, ...lines.map((l) => `  - ${l}`));
  }
  return out.join("\n") + "\n";
}

function countBy(items: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return [...m.entries()];
}
