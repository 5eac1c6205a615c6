/**
 * `bfrsim sensitivity`: Morris screening or Sobol' indices of model outcomes over the parameter
 * ranges declared in the model files, run on the sweep runner (parallel, resumable, shardable).
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { SUBJECT_PARAMETER_NAMES } from "../analysis/cohort-evaluator.ts";
import { modelParameterRanges } from "../analysis/parameter-ranges.ts";
import { sensitivityFromFile, sensitivitySpec, SENSITIVITY_DEFAULTS, type OutcomeSensitivity } from "../analysis/sensitivity-run.ts";
import type { EvidenceGrade } from "../model/load.ts";
import { loadModel } from "../simulate/default-model.ts";
import { applySpecFlags, readManifest, manifestPath, SOBOL_MAX_DIMENSION, type VariableRange, type VariableValue } from "../sweep/index.ts";
import type { Command } from "./main.ts";
import { withUnit } from "../sweep/units.ts";
import { runColumnUnits } from "./column-units.ts";
import { checkPlotFile, plotUsage, writeSensitivityPlot } from "./sweep-plot.ts";
import { DEFAULT_REPORT } from "./cohort.ts";
import { checkOutcomeNames, intFlag, ownFlag, parseSweepFlags, RUN_FLAGS_USAGE, runSweepCli, simulateConfig, type SweepCliFlags } from "./sweep.ts";

const USAGE = `bfrsim sensitivity [options]

  --method morris|sobol  Morris elementary effects (screening, n(k+1) runs) or Sobol' first-order and
                         total indices (Saltelli design, n(k+2) runs, k ≤ 32) (default morris)
  --params A,B           parameters to vary (default: every model parameter except the subject ones)
  --module M,N           only parameters of these modules (e.g. cuff,exerkines)
  --evidence G,H         only parameters with these evidence grades (strong, moderate, limited, speculative)
  --scale auto|linear|log   sampling scale (auto: log when the range spans ≥ 4× above 0)
  --range NAME=MIN..MAX[:log]   a factor's range (overrides the model's; with --evaluator, the only factors)
  --n N                  Morris trajectories (default ${SENSITIVITY_DEFAULTS.morrisTrajectories}) or Saltelli base rows (default ${SENSITIVITY_DEFAULTS.sobolRows})
  --levels P             Morris grid levels, even (default 4)
  --set NAME=V           fixed settings for every run, e.g. protocol.weeks=6
  --outcomes A,B         outcomes to record (default all)
  --report A,B           outcomes to analyse (default ${DEFAULT_REPORT.join(", ")}; with --evaluator, all)
  --bootstrap B          Sobol' bootstrap resamples for the CIs (default 200)
  --top K                factors printed per outcome (default 15; the JSON has all)
  --seed N               design seed (Morris) (default 0)
  --evaluator MODULE     a custom evaluator instead of the BFR model
  --analysis FILE        indices JSON (default OUT.sensitivity.json)
${plotUsage("the indices per reported outcome,", "Morris μ* bars with σ ticks or Sobol' S1 and ST bars with 95 % CIs")}
${RUN_FLAGS_USAGE}`;

const OWN = {
  "--method": true, "--params": true, "--module": true, "--evidence": true, "--scale": true, "--range": true, "--n": true,
  "--levels": true, "--report": true, "--bootstrap": true, "--top": true, "--analysis": true, "--plot": true,
};

const list = (text: string | undefined): string[] | undefined => text?.split(",").map((s) => s.trim()).filter(Boolean);

function parseRange(text: string): [string, Required<VariableRange>] {
  const m = /^([^=]+)=(-?[\d.eE+-]+)\.\.(-?[\d.eE+-]+?)(?::(log|linear))?$/.exec(text);
  if (!m) throw new InputError("--range", text, "NAME=MIN..MAX or NAME=MIN..MAX:log");
  return [m[1].trim(), { min: Number(m[2]), max: Number(m[3]), scale: (m[4] ?? "linear") as "linear" | "log" }];
}

/** A factor's evidence grade and unit, for the printed table (model parameters only). */
type FactorInfo = Map<string, { evidence: string; unit: string }>;

function factorRanges(p: SweepCliFlags, info: FactorInfo): Record<string, Required<VariableRange>> {
  const explicit = Object.fromEntries((p.own["--range"] ?? []).map(parseRange));
  if (p.evaluator) {
    if (Object.keys(explicit).length === 0) throw new InputError("--range", null, "at least one NAME=MIN..MAX with a custom --evaluator");
    return explicit;
  }
  const model = loadModel(p.model);
  const { ranges, parameters } = modelParameterRanges(model, {
    names: list(ownFlag(p, "--params")), modules: list(ownFlag(p, "--module")),
    evidence: list(ownFlag(p, "--evidence")) as EvidenceGrade[] | undefined,
    scale: ownFlag(p, "--scale") as "auto" | "linear" | "log" | undefined,
    exclude: list(ownFlag(p, "--params"))?.length ? [] : SUBJECT_PARAMETER_NAMES,
  });
  for (const q of parameters) info.set(q.name, { evidence: q.evidence, unit: q.unit });
  return { ...ranges, ...explicit };
}

function fixedSettings(p: SweepCliFlags): Record<string, VariableValue> {
  const vars = (applySpecFlags({}, { set: p.set }).variables ?? {}) as Record<string, VariableValue[] | string>;
  const fixed: Record<string, VariableValue> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (!Array.isArray(v) || v.length !== 1) throw new InputError(`--set ${name}`, v, "a single value (the design varies the factors)");
    fixed[name] = v[0];
  }
  return fixed;
}

function formatIndices(r: OutcomeSensitivity, top: number, info: FactorInfo, unit: string | null): string {
  const grade = (name: string) => (info.get(name)?.evidence ?? "").padEnd(11);
  // Morris effects are in the outcome's unit (per whole factor range); Sobol' indices are shares of variance
  const lines = [r.method === "morris"
    ? `${r.outcome} (${r.used} trajectories${unit ? `; μ*, μ, σ in ${unit}` : ""})`
    : `${withUnit(r.outcome, unit)} (${r.used} Saltelli rows)`];
  if (r.method === "morris") {
    lines.push(`  ${"factor".padEnd(40)}  ${"evidence".padEnd(11)}  ${"μ*".padStart(10)}  ${"μ".padStart(10)}  ${"σ".padStart(10)}`);
    for (const x of r.indices.slice(0, top)) lines.push(`  ${x.name.padEnd(40)}  ${grade(x.name)}  ${x.muStar.toPrecision(3).padStart(10)}  ${x.mu.toPrecision(3).padStart(10)}  ${x.sigma.toPrecision(3).padStart(10)}`);
  } else {
    lines.push(`  ${"factor".padEnd(40)}  ${"evidence".padEnd(11)}  ${"S1".padStart(6)}  ${"S1 95% CI".padEnd(17)}  ${"ST".padStart(6)}  ST 95% CI`);
    for (const x of r.indices.slice(0, top)) {
      const ci = (c: [number, number]) => `[${c[0].toFixed(3)}, ${c[1].toFixed(3)}]`;
      lines.push(`  ${x.name.padEnd(40)}  ${grade(x.name)}  ${x.first.estimate.toFixed(3).padStart(6)}  ${ci(x.first.ci).padEnd(17)}  ${x.total.estimate.toFixed(3).padStart(6)}  ${ci(x.total.ci)}`);
    }
  }
  if (r.indices.length > top) lines.push(`  … ${r.indices.length - top} more factors in the JSON`);
  return lines.join("\n");
}

export const command: Command = {
  name: "sensitivity",
  summary: "Morris or Sobol' sensitivity of outcomes to the model's parameter ranges",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parseSweepFlags(args, "sensitivity", OWN);
    checkPlotFile(ownFlag(p, "--plot"));
    if (p.positional.length) throw new InputError("argument", p.positional[0], "options only (see bfrsim sensitivity --help)");
    if (p.sample || p.sampleVars?.length) throw new InputError("--sample", p.sample ?? p.sampleVars, "--method, --n and --range (the design is built for you)");
    const method = (ownFlag(p, "--method") ?? "morris") as "morris" | "sobol";
    const info: FactorInfo = new Map();
    const ranges = factorRanges(p, info);
    const k0 = Object.keys(ranges).length;
    if (method === "sobol" && k0 > SOBOL_MAX_DIMENSION / 2) {
      throw new InputError("--method", "sobol", `morris for ${k0} factors (Sobol' takes at most ${SOBOL_MAX_DIMENSION / 2}): screen with morris first, then narrow with --params, --module or --evidence`);
    }
    if (method !== "morris" && method !== "sobol") throw new InputError("--method", method, '"morris" or "sobol"');
    const n = ownFlag(p, "--n") === undefined ? undefined : intFlag("--n", ownFlag(p, "--n"), method === "morris" ? 2 : 1);
    const levels = ownFlag(p, "--levels") === undefined ? undefined : intFlag("--levels", ownFlag(p, "--levels"), 2);
    if (levels !== undefined && levels % 2 !== 0) throw new InputError("--levels", ownFlag(p, "--levels"), "an even number of Morris grid levels ≥ 2 (e.g. 4)");
    const outcomes = list(p.outcomes);
    const report = list(ownFlag(p, "--report")) ?? (p.evaluator ? null : DEFAULT_REPORT);
    const seed = p.seed === undefined ? 0 : intFlag("--seed", p.seed, 0);
    const config = simulateConfig(p);
    const spec = sensitivitySpec({
      method, ranges, n, levels, fixed: fixedSettings(p), outcomes, seed,
      evaluator: p.evaluator ? { module: p.evaluator } : (Object.keys(config).length ? { config } : {}),
    });
    checkOutcomeNames([...(outcomes ?? []), ...(report ?? [])], "--report", p);
    for (const name of report ?? []) {
      if (outcomes && !outcomes.includes(name)) throw new InputError("--report", name, `one of the recorded --outcomes (${outcomes.join(", ")})`);
    }
    const bootstrap = intFlag("--bootstrap", ownFlag(p, "--bootstrap") ?? "200", 0);
    const top = intFlag("--top", ownFlag(p, "--top") ?? "15");
    const k = Object.keys(ranges).length;
    const runs = spec.sample!.n * (k + (method === "morris" ? 1 : 2));
    process.stderr.write(`bfrsim sensitivity: ${method} over ${k} factor(s): ${runs} runs\n`);
    const result = await runSweepCli("sensitivity", spec, p, { out: `sensitivity.${p.format ?? "csv"}` });
    if (result.status !== "complete") return 1;
    const columns = readManifest(manifestPath(result.file)).columns;
    const analysed = report ?? columns.slice(1 + Object.keys(spec.variables).length + k + Object.keys(spec.fixed).length, -1);
    const results = sensitivityFromFile(spec, result.file, analysed, { bootstrap, seed });
    const file = ownFlag(p, "--analysis") ?? `${result.file}.sensitivity.json`;
    writeFileSync(file, JSON.stringify({ tool: "bfrsim sensitivity", rows: result.file, method, ranges, factors: Object.fromEntries(info), results }, null, 2) + "\n");
    const unitOf = p.evaluator ? () => null : runColumnUnits(spec, p.model);
    process.stdout.write(results.map((r) => formatIndices(r, top, info, unitOf(r.outcome))).join("\n\n") + "\n");
    process.stderr.write(`bfrsim sensitivity: indices in ${file}\n`);
    const plotFile = ownFlag(p, "--plot");
    if (plotFile !== undefined) {
      writeSensitivityPlot(plotFile, results, spec, p);
      process.stderr.write(`bfrsim sensitivity: figure in ${plotFile}\n`);
    }
    return 0;
  },
};
