/**
 * `bfrsim fit --fit name1,name2 [rows] [--out models/parameters/NAME.yaml]`: calibrates model
 * parameters to published trial rows by weighted least squares (bounded by their declared ranges),
 * reports estimates with Jacobian and profile-likelihood intervals and their correlations, and
 * writes a parameter file with provenance (data and model hashes, rows, date, command).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "../errors.ts";
import { checkOutputFile } from "./output-file.ts";
import { VERSION } from "../version.ts";
import { calibrateToTrials, calibrationPoints, CALIBRATION_DEFAULTS, gridKey, type Calibration } from "../trials/calibrate.ts";
import { quadraticDesign, tensorGridDesign, type SurrogateDesign } from "../trials/fit/surrogate-design.ts";
import { evaluateGridInPool } from "../trials/grid-pool.ts";
import { fileGridCache, type GridCache, type GridCacheKey } from "../trials/fit/grid-cache.ts";
import { writeParameterFile } from "../trials/fit/parameter-file.ts";
import { modelArmSimulator } from "../trials/model-simulator.ts";
import { fitParametersFromModel } from "../trials/parameter-selection.ts";
import { selectTrialRows, splitList, type RowSelection } from "../trials/row-selection.ts";
import { CONFIDENCES, VALUE_KINDS } from "../trials/schema.ts";
import { didYouMean } from "../suggest.ts";
import { armProgress, loadTrialsContext, TRIALS_FLAGS, TRIALS_FLAGS_USAGE, type TrialsContext } from "./compare.ts";
import type { Command } from "./main.ts";
import { parseFlags } from "./parse-flags.ts";
import { formatNumber, formatTable } from "./table.ts";

/** Flags of the fitting commands (fit and validate) beyond the shared trials flags. */
export const FIT_FLAGS = {
  ...TRIALS_FLAGS,
  fit: { type: "string" },
  grid: { type: "string" },
  quadratic: { type: "boolean" },
  confidence: { type: "string" },
  "value-kinds": { type: "string" },
  "include-pooled": { type: "boolean" },
  "default-sigma": { type: "string" },
  "max-iterations": { type: "string" },
  "grid-cache": { type: "string" },
  "no-grid-cache": { type: "boolean" },
  workers: { type: "string" },
} as const;

export const FIT_FLAGS_USAGE = `  --fit A,B            model parameters to estimate (qualified names; bounded by their declared ranges)
  --grid N             fit a spline surrogate built from N^p model runs on an even grid over the ranges
                       (then checked against the model at the estimate); default: fit the model directly
  --quadratic          fit a quadratic response surface built from 2^p + 2p + 1 model runs (face-centred
                       central composite design over the ranges; for 3-6 parameters), checked likewise
  --confidence C,..    only rows of these confidences (high, medium, low; default all)
  --value-kinds K,..   only rows of these value kinds (default ${CALIBRATION_DEFAULTS.valueKinds.join(",")}: one scale for all residuals)
  --include-pooled     also fit rows marked POOLED across arms (default: left out, not independent)
  --default-sigma S    σ of rows without an SD, in their unit (default 1; the covariance is scaled by χ²/dof)
  --max-iterations N   Levenberg-Marquardt iteration cap (default 300)
  --grid-cache DIR     keep each grid run on disk as it finishes, so a rerun (or validate after fit) reuses
                       them; keyed by model, data, mapping, parameters, grid and rows (default: the OS temp dir)
  --no-grid-cache      neither read nor write grid runs
  --workers N          worker threads for the grid runs (default 2; 1 runs them in this process)`;

const USAGE = `bfrsim fit --fit NAME[,NAME...] [rows] [--profile NAME,..|all] [--out models/parameters/NAME.yaml] [--json]

  Weighted least squares of the chosen parameters against the selected trial rows.
${FIT_FLAGS_USAGE}
${TRIALS_FLAGS_USAGE}
  --profile A,..|all   profile-likelihood 95 % intervals of these parameters (each refits the others)
  --out FILE           write the parameter file (estimates, intervals, correlations, provenance)
  --json               print the parameter-file document as JSON instead of the text report

Exit codes: 0 done, 1 the fit failed, 2 bad input.`;

/** Parses a positive integer flag (null when absent). */
export function integerFlag(name: string, text: string | undefined, min: number): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new InputError(name, text, `an integer ≥ ${min}`);
  return n;
}

/** Parses a positive number flag (null when absent). */
export function positiveFlag(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const x = Number(text);
  if (!(x > 0) || !Number.isFinite(x)) throw new InputError(name, text, "a positive number");
  return x;
}

/** The fit settings shared by fit and validate, from parsed flags (all checked before any simulation). */
export function fitSettings(values: Record<string, string | boolean | undefined>, ctx: TrialsContext) {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  if (str("fit") === undefined) throw new InputError("--fit", null, "the parameters to estimate, e.g. --fit adaptation.mpsGain");
  const parameters = fitParametersFromModel(ctx.model, splitList(str("fit")));
  for (const p of parameters) {
    if (p.name in ctx.parameters) throw new InputError("--fit", p.name, "a parameter not also fixed by --params");
  }
  const confidences = splitList(str("confidence"));
  for (const c of confidences) {
    if (!(CONFIDENCES as readonly string[]).includes(c)) throw new InputError("--confidence", c, `one of ${CONFIDENCES.join(", ")}`);
  }
  const grid = integerFlag("--grid", str("grid"), 3);
  if (grid !== null && values.quadratic) throw new InputError("--quadratic", true, "either --grid N or --quadratic, not both");
  if (grid !== null && grid ** parameters.length > 400) {
    throw new InputError("--grid", grid, `at most ${Math.floor(400 ** (1 / parameters.length))} nodes per parameter for ${parameters.length} parameters (≤ 400 model runs); or --quadratic`);
  }
  const design: SurrogateDesign | undefined = values.quadratic ? quadraticDesign(parameters) : grid !== null ? tensorGridDesign(parameters, grid) : undefined;
  const valueKinds = splitList(str("value-kinds"));
  for (const k of valueKinds) {
    if (!(VALUE_KINDS as readonly string[]).includes(k)) throw new InputError("--value-kinds", k, `one of ${VALUE_KINDS.join(", ")}${didYouMean(k, VALUE_KINDS)}`);
  }
  const fitSelection: RowSelection | undefined =
    str("fit-design") ?? str("fit-targets") ?? str("fit-outcome-kinds")
      ? { designs: splitList(str("fit-design")), targets: splitList(str("fit-targets")), outcomes: splitList(str("fit-outcome-kinds")) }
      : undefined;
  try {
    if (fitSelection) selectTrialRows(ctx.trials, fitSelection); // unknown names fail here, before any simulation
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.field.replace(/^--/, "--fit-"), err.value, err.expected);
    throw err;
  }
  return {
    parameters,
    fitSelection,
    design,
    points: {
      excludePooled: !values["include-pooled"],
      ...(confidences.length ? { confidences: confidences as ("high" | "medium" | "low")[] } : {}),
      valueKinds: valueKinds.length ? valueKinds : CALIBRATION_DEFAULTS.valueKinds,
    },
    fit: {
      ...(positiveFlag("--default-sigma", str("default-sigma")) !== null ? { defaultSigma: Number(str("default-sigma")) } : {}),
      ...(integerFlag("--max-iterations", str("max-iterations"), 1) !== null ? { maxIterations: Number(str("max-iterations")) } : {}),
    },
  };
}

/** The grid store of the CLI: a file per key under --grid-cache (default the OS temp dir), or none. */
export function gridCacheFor(values: Record<string, string | boolean | undefined>, ctx: TrialsContext): ((key: Omit<GridCacheKey, "context">) => GridCache) | undefined {
  if (values["no-grid-cache"]) return undefined;
  const dir = typeof values["grid-cache"] === "string" ? values["grid-cache"] : path.join(tmpdir(), "bfrsim-grid");
  const hash = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");
  const context = {
    bfrsim: VERSION,
    model: ctx.model.contentHash,
    data: ctx.dataFiles.map((f) => hash(readFileSync(f))),
    arms: hash(JSON.stringify(ctx.trials.arms.map((a) => [a.key, a.cohort, a.protocol]))),
  };
  return (key) => {
    const cache = fileGridCache(dir, { ...key, context });
    if (cache.reused > 0 && !values.quiet) process.stderr.write(`reusing ${cache.reused} grid run(s) from ${cache.file}\n`);
    return cache;
  };
}

/**
 * The grid's model runs on worker threads (cached as they finish), or undefined when there is no
 * grid or --workers 1 (then the library runs them in process).
 */
export async function gridTableInPool(
  values: Record<string, string | boolean | undefined>,
  ctx: TrialsContext,
  settings: ReturnType<typeof fitSettings>,
  onNode: (done: number, total: number) => void,
): Promise<number[][] | undefined> {
  const workers = integerFlag("--workers", typeof values.workers === "string" ? values.workers : undefined, 1) ?? 2;
  if (!settings.design || workers === 1) return undefined;
  const fitTrials = settings.fitSelection ? selectTrialRows(ctx.trials, settings.fitSelection) : ctx.trials;
  const selected = calibrationPoints(fitTrials, settings.points);
  if (selected.points.length === 0) return undefined;
  const nodes = settings.design.nodes;
  const cache = gridCacheFor(values, ctx)?.(gridKey(settings.parameters, nodes, ctx.parameters, selected));
  const source = { modelFile: ctx.model.file, armsFile: ctx.dataFiles[0], outcomesFile: ctx.dataFiles[1], pointIds: selected.points.map((p) => p.id) };
  return evaluateGridInPool(source, settings.parameters, nodes, ctx.parameters, { workers, cache, onNode });
}

export const command: Command = {
  name: "fit",
  summary: "calibrate model parameters to trial rows (weighted least squares, intervals, parameter file)",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const { values } = parseFlags(args, { ...FIT_FLAGS, profile: { type: "string" }, out: { type: "string" }, json: { type: "boolean" } }, "fit");
    if (values.out !== undefined) checkOutputFile("--out", values.out, /\.ya?ml$/i, "a file name ending in .yaml or .yml");
    const ctx = loadTrialsContext(values);
    const settings = fitSettings(values, ctx);
    const names = settings.parameters.map((p) => p.name);
    const profile = values.profile === "all" ? names : splitList(values.profile);
    for (const name of profile) if (!names.includes(name)) throw new InputError("--profile", name, `one of the fitted parameters (${names.join(", ")}) or all`);
    const progress = armProgress(values.quiet, `building the surrogate: ${settings.design?.label ?? ""}…`, "evaluations");
    let lastPhase = "";
    const gridTable = await gridTableInPool(values, ctx, settings, progress);
    const calibration = calibrateToTrials(ctx.trials, modelArmSimulator(ctx.model), {
      ...settings,
      gridTable,
      profile,
      fixed: ctx.parameters,
      gridCache: gridCacheFor(values, ctx),
      onEvaluation: (phase, done, total) => {
        if (values.quiet) return;
        if (phase === "grid" && total !== null) return progress(done, total);
        if (phase !== lastPhase) process.stderr.write(`${phaseLabel(phase)}\n`);
        lastPhase = phase;
        process.stderr.write(`  model evaluation ${done}\n`);
      },
    });
    const provenance = {
      dataFiles: ctx.dataFiles,
      pointIds: calibration.selected.points.map((p) => p.id),
      studies: [...new Set(calibration.selected.points.map((p) => p.studyId))],
      modelFiles: [ctx.model.file],
      description: `bfrsim ${VERSION} fit ${args.join(" ")}` + surrogateNote(calibration),
    };
    if (values.out) writeParameterFile(values.out, calibration.fit, provenance, calibration.profiles);
    if (values.json) {
      const { parameterFileDocument } = await import("../trials/fit/parameter-file.ts");
      process.stdout.write(JSON.stringify(parameterFileDocument(calibration.fit, provenance, calibration.profiles)) + "\n");
    } else {
      process.stdout.write(formatCalibration(calibration, ctx));
    }
    if (values.out && !values.quiet) process.stderr.write(`wrote ${values.out}\n`);
    return 0;
  },
};

function phaseLabel(phase: string): string {
  return phase === "fit" ? "fitting (Levenberg-Marquardt; 1 + 2p model evaluations per iteration)…"
    : phase === "check" ? "checking the surrogate against the model at the estimate…"
      : phase === "profile" ? "profiling…" : `${phase}…`;
}

function surrogateNote(c: Calibration): string {
  if (!c.surrogate) return "; fitted on the model directly";
  return `; fitted on a surrogate: ${c.surrogate.label} (max |surrogate − model| at the estimate ${formatNumber(c.surrogate.maxAbsError)})`;
}

/** The calibration as text: data used, estimates with intervals, correlations, fit statistics. */
export function formatCalibration(c: Calibration, ctx: TrialsContext): string {
  const f = c.fit;
  const studies = new Set(c.selected.points.map((p) => p.studyId));
  const out = [`bfrsim fit: model ${ctx.model.name} (sha256 ${ctx.model.contentHash.slice(0, 12)}), ${f.n} rows of ${studies.size} studies`, ""];
  const profileOf = new Map(c.profiles.map((p) => [p.name, p]));
  out.push(formatTable(["parameter", "estimate", "unit", "SE", "95 % CI (Jacobian)", "95 % CI (profile)", "range", "note"], f.estimates.map((e) => {
    const prof = profileOf.get(e.name);
    return [
      e.name, formatNumber(e.value), e.unit ?? "", formatNumber(e.se),
      e.ci95 ? `${formatNumber(e.ci95[0])} to ${formatNumber(e.ci95[1])}` : "—",
      prof ? `${prof.ci95[0] === null ? "open" : formatNumber(prof.ci95[0])} to ${prof.ci95[1] === null ? "open" : formatNumber(prof.ci95[1])}` : "",
      `${e.range[0]} to ${e.range[1]}`, e.atBound ? "AT BOUND" : "",
    ];
  })), "");
  if (f.correlations && f.estimates.length > 1) {
    out.push("correlations:", formatTable(["", ...f.estimates.map((_, j) => `[${j + 1}]`)], f.correlations.map((row, i) => [`[${i + 1}] ${f.estimates[i].name}`, ...row.map((r) => r.toFixed(2))])), "");
  }
  out.push(`χ² ${formatNumber(f.chiSquare)} on ${f.dof} dof (reduced ${f.dof > 0 ? formatNumber(f.chiSquare / f.dof) : "—"}; σ = SD where reported, else the default), ${f.iterations} iterations, ${c.evaluations} model evaluation(s) in this process`);
  if (c.surrogate) {
    out.push(`surrogate: ${c.surrogate.label}; at the estimate |surrogate − model| max ${formatNumber(c.surrogate.maxAbsError)}, RMS ${formatNumber(c.surrogate.rmsError)}; model χ² ${formatNumber(c.surrogate.modelChiSquare)}`);
  }
  const reasons = new Map<string, number>();
  for (const e of c.selected.excluded) {
    const r = e.reason.replace(/ \(measure=.*\)$/, "").replace(/^not comparable: .*/, "not comparable with the model");
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  out.push(`rows left out: ${[...reasons].map(([r, n]) => `${n} ${r}`).join("; ") || "none"}`, "");
  return out.join("\n");
}
