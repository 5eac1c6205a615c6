/**
 * `bfrsim validate --fit A,B`: leave-one-study-out cross-validation. Each study is predicted by the
 * model with parameters fitted to the other studies only; the pooled out-of-sample comparison
 * (n, RMSE, fraction within, direction agreement, Spearman, per study and outcome with the
 * rubric) is the honest number for the README.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { checkOutputFile } from "./output-file.ts";
import { VERSION } from "../version.ts";
import { toComparisonJson } from "../trials/compare.ts";
import { writeFigure } from "../plot/write-figure.ts";
import { comparisonFigure } from "../trials/comparison-figure.ts";
import { comparisonPlotData, spreadsOf } from "../trials/comparison-plot.ts";
import { validateModel, type ModelValidation } from "../trials/validate-model.ts";
import { columnLabel, columnUnit, type UnitModel } from "../sweep/units.ts";
import { armProgress, formatComparison, loadTrialsContext, markdownTable, reportedUnits, TRIALS_FLAGS_USAGE } from "./compare.ts";
import { FIT_FLAGS, FIT_FLAGS_USAGE, fitSettings, gridCacheFor, gridTableInPool } from "./fit.ts";
import type { Command } from "./main.ts";
import { parseFlags } from "./parse-flags.ts";
import { formatNumber, formatTable as formatTextTable } from "./table.ts";

/**
 * The surrogate when neither --grid nor --quadratic nor --exact is given (fits per fold on the model
 * would take hours): 7 spline nodes for one parameter, 5 × 5 for two, a quadratic design beyond.
 */
function defaultDesignFlags(p: number): { grid?: string; quadratic?: boolean } {
  return p === 1 ? { grid: "7" } : p === 2 ? { grid: "5" } : { quadratic: true };
}

const USAGE = `bfrsim validate --fit NAME[,NAME...] [rows] [--grid N | --quadratic | --exact] [--json] [--out FILE.json]

  Leave-one-study-out: fit the parameters without each study, predict it, pool the predictions.
${FIT_FLAGS_USAGE.replace("default: fit the model directly", "default here: 7 for one parameter, 5 for two, --quadratic beyond")}
  --fit-design D,..     fit only rows of arms of these designs (every selected row is still predicted)
  --fit-targets O,..   fit only rows compared with these model outputs
  --fit-outcome-kinds K,..  fit only rows of these outcome kinds (prefix* allowed)
  --exact              fit the model itself in every fold (no surrogate; hours on the bundled data)
${TRIALS_FLAGS_USAGE}
  --json               write the out-of-sample comparison as issue 6's JSON object to stdout
  --markdown           tables in Markdown (for docs), not aligned text
  --plot FILE          out-of-sample predicted vs observed figure (.svg or .png), as compare --plot
  --out FILE.json      also write folds (held-out study, estimates) and the JSON comparison to a file

Grid runs are kept on disk as they finish (see --grid-cache): an interrupted validate resumes.
Exit codes: 0 done, 1 a run failed, 2 bad input.`;

export const command: Command = {
  name: "validate",
  summary: "leave-one-study-out cross-validation: the out-of-sample comparison with trials",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const { values } = parseFlags(args, { ...FIT_FLAGS, "fit-design": { type: "string" }, "fit-targets": { type: "string" }, "fit-outcome-kinds": { type: "string" }, exact: { type: "boolean" }, json: { type: "boolean" }, out: { type: "string" }, markdown: { type: "boolean" }, plot: { type: "string" } }, "validate");
    if (values.exact && (values.grid !== undefined || values.quadratic)) throw new InputError("--exact", true, "either --exact or a surrogate (--grid N, --quadratic), not both");
    if (values.out !== undefined) checkOutputFile("--out", values.out, /\.json$/i, "a file name ending in .json");
    if (values.plot !== undefined) checkOutputFile("--plot", values.plot, /\.(svg|png)$/i, "a file name ending in .svg or .png");
    const ctx = loadTrialsContext(values);
    const p = typeof values.fit === "string" ? values.fit.split(",").filter((n) => n.trim()).length : 1;
    const chosen = values.exact || values.grid !== undefined || values.quadratic ? {} : defaultDesignFlags(p);
    const settings = fitSettings({ ...values, ...chosen }, ctx);
    const gridProgress = armProgress(values.quiet, `building the surrogate: ${settings.design?.label ?? ""}…`, "evaluations");
    const predictProgress = armProgress(values.quiet, "predicting each held-out study with the parameters fitted without it…", "studies");
    const gridTable = await gridTableInPool(values, ctx, settings, gridProgress);
    const validation = validateModel(ctx.trials, ctx.model, {
      gridTable,
      parameters: settings.parameters,
      points: settings.points,
      fitSelection: settings.fitSelection,
      fit: settings.fit,
      design: settings.design,
      fixed: ctx.parameters,
      gridCache: gridCacheFor(values, ctx),
      onProgress: (phase, done, total) => (phase === "grid" ? gridProgress : predictProgress)(done, total),
    });
    const title = `bfrsim ${VERSION} validate, model ${ctx.model.name} (sha256 ${ctx.model.contentHash.slice(0, 12)}): leave-one-study-out, fitting ${settings.parameters.map((p) => p.name).join(", ")}` +
      (settings.design ? ` on a surrogate: ${settings.design.label}` : " on the model in every fold");
    if (values.json) process.stdout.write(JSON.stringify(toComparisonJson(validation.outOfSample)) + "\n");
    else process.stdout.write(formatComparison(validation.outOfSample, { title, markdown: values.markdown, units: reportedUnits(ctx.trials.outcomes) }) + formatFolds(validation, values.markdown, ctx.model));
    if (values.plot) {
      const data = comparisonPlotData(validation.outOfSample, spreadsOf(ctx.trials.outcomes));
      const s = validation.outOfSample.summary;
      const caption = `${title}. Out of sample: n = ${s.n}; RMSE ${formatNumber(s.rmse)} % points; Spearman ${formatNumber(s.spearman)}. Dashed: identity; band: ±30 % of observed. Bars: reported CI, else ±1 SD.`;
      writeFigure(values.plot, comparisonFigure(data, "bfrsim validate: held-out studies, simulated vs observed", caption));
    }
    if (values.out) {
      writeFileSync(values.out, JSON.stringify({ bfrsim: VERSION, command: ["validate", ...args], model: { name: ctx.model.name, contentHash: ctx.model.contentHash }, folds: validation.folds, ...toComparisonJson(validation.outOfSample) }, null, 1) + "\n");
    }
    return 0;
  },
};

/** The folds: each held-out study, the rows behind its fit, and the estimates it was predicted with. */
function formatFolds(v: ModelValidation, markdown = false, model?: UnitModel): string {
  const formatTable = markdown ? markdownTable : formatTextTable;
  const names = v.allRowsFit?.estimates.map((e) => e.name) ?? Object.keys(v.folds.find((f) => f.estimates)?.estimates ?? {});
  const out = ["estimates without each study (rows fitted / held-out rows that were fitted in-sample):"];
  if (markdown) out.push("");
  // parameter columns carry the declared unit (none for a dimensionless gain)
  const heads = names.map((n) => (model ? columnLabel(n, model) : n));
  out.push(formatTable(["held out", "fitted rows", "own rows", ...heads, "error"], v.folds.map((f) => [
    f.heldOutStudy, String(f.trainingPoints), String(f.heldOutPoints),
    ...names.map((n) => formatNumber(f.estimates?.[n] ?? null) + (f.atBound.includes(n) ? " *" : "")), f.error ?? "",
  ])));
  if (v.folds.some((f) => f.atBound.length)) out.push("* on a bound of the declared range: the data would push the parameter beyond it");
  if (v.surrogateError) out.push(`surrogate vs model on the ${v.surrogateError.n} held-out fitted rows (each at its fold's estimates): max ${formatNumber(v.surrogateError.max)}, RMS ${formatNumber(v.surrogateError.rms)} (% points)`);
  const unit = (name: string) => (model ? columnUnit(name, model) : null);
  if (v.allRowsFit) out.push(`all rows: ${v.allRowsFit.estimates.map((e) => `${e.name} = ${formatNumber(e.value)}${unit(e.name) ? ` ${unit(e.name)}` : ""}${e.atBound ? " *" : ""}`).join(", ")} (n = ${v.allRowsFit.n})`);
  return out.join("\n") + "\n";
}
