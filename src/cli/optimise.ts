/**
 * `bfrsim optimise`: the prescription that maximises (or minimises) an outcome under constraints
 * (e.g. CSA gain with cuff pressure ≤ 80 %AOP and discomfort ≤ 7), over a sweep it runs or one
 * already written, plus an optional Hill dose-response fit of the objective against a dose variable.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { doseResponseFits, type GroupFit } from "../analysis/dose-response.ts";
import { selectOptimum, type Constraint } from "../analysis/optimise.ts";
import { applySpecFlags, manifestPath, normaliseSweepSpec, readManifest, readSpecFile, readSweepRows } from "../sweep/index.ts";
import { didYouMean } from "../suggest.ts";
import { withUnit } from "../sweep/units.ts";
import { fileColumnUnits, valueWithUnit, type UnitOf } from "./column-units.ts";
import type { Command } from "./main.ts";
import { checkOutcomeNames, intFlag, ownFlag, parseSweepFlags, RUN_FLAGS_USAGE, runSweepCli, simulateConfig, withEvaluatorConfig } from "./sweep.ts";

const USAGE = `bfrsim optimise [SPEC] --objective OUTCOME [options]

  SPEC / --set / --sample ...   the candidate prescriptions, as for bfrsim sweep (run first)
  --from FILE            choose among the rows of an existing sweep output instead of running one
  --objective NAME       outcome to optimise, e.g. programme.adaptation.csaChangePct.final
  --minimise             minimise instead of maximise
  --top K                also list the K best feasible prescriptions (default 5; near-optima matter on a plateau)
  --constraint C         NAME<=V or NAME>=V on an input or outcome (repeatable), e.g.
                         'protocol.cuff.pressure.pctAop<=80' 'sessionMean.safety.discomfort.peak<=7'
  --hill DOSE            also fit a Hill curve of the objective against input DOSE, per combination
                         of the other varying inputs (EC50, Emax, slope with 95 % CIs)
  --result FILE          result JSON (default OUT.optimum.json)
  --evaluator MODULE --outcomes A,B --seed N   as for bfrsim sweep
${RUN_FLAGS_USAGE}`;

const OWN = { "--top": true, "--from": true, "--objective": true, "--minimise": false, "--minimize": false, "--constraint": true, "--hill": true, "--result": true };

/** Parses NAME<=V / NAME>=V. */
export function parseConstraint(text: string): Constraint {
  const m = /^(.+?)\s*(<=|>=)\s*(.+)$/.exec(text);
  const v = m ? Number(m[3]) : NaN;
  if (!m || m[3].trim() === "" || !Number.isFinite(v)) throw new InputError("--constraint", text, "NAME<=VALUE or NAME>=VALUE, e.g. protocol.cuff.pressure.pctAop<=80");
  return m[2] === "<=" ? { name: m[1].trim(), max: v } : { name: m[1].trim(), min: v };
}

/** The Hill fit of one group: E0, Emax and the residual SD in the objective's unit, EC50 in the dose's. */
export function formatFit(g: GroupFit, objective: string, dose: string, unitOf: UnitOf = () => null): string {
  const label = Object.entries(g.group).map(([k, v]) => `${k}=${v}`).join(" ") || "all rows";
  const heading = `Hill fit of ${withUnit(objective, unitOf(objective))} vs ${withUnit(dose, unitOf(dose))}`;
  if (!g.fit) return `${heading} (${label}): not fitted (${g.error})`;
  const f = g.fit;
  const par = (name: string, p: { estimate: number; ci: [number, number] }, unit: string | null) =>
    `${name} ${p.estimate.toPrecision(3)} [${p.ci[0].toPrecision(3)}, ${p.ci[1].toPrecision(3)}]${unit ? ` ${unit}` : ""}`;
  const y = unitOf(objective);
  return [
    `${heading} (${label}, ${g.points} points, residual SD ${valueWithUnit(Number(f.residualSd.toPrecision(3)), y)}):`,
    `  ${par("E0", f.e0, y)}; ${par("Emax", f.emax, y)}; ${par("EC50", f.ec50, unitOf(dose))}; ${par("slope", f.hill, null)}  (${Math.round(100 * f.level)} % CIs)`,
    `  ${dose}: ${g.predicted.map((p) => `${p.dose} → ${p.observedMean.toPrecision(3)} (fit ${p.predicted?.toPrecision(3)})`).join(", ")}`,
  ].join("\n");
}

/** The input columns of a sweep output (factorial, sampled and fixed variables) and those that vary, from its manifest. */
function inputColumns(file: string): { all: string[]; varying: string[] } {
  const spec = readManifest(manifestPath(file)).spec;
  const sampled = Object.keys(spec.sample?.variables ?? {});
  const factorial = Object.keys(spec.variables);
  return {
    all: [...factorial, ...sampled, ...Object.keys(spec.fixed)],
    varying: [...factorial.filter((k) => spec.variables[k].length > 1), ...sampled],
  };
}

export const command: Command = {
  name: "optimise",
  summary: "best prescription for an outcome under constraints, with a Hill dose-response fit",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parseSweepFlags(args, "optimise", OWN);
    const objective = ownFlag(p, "--objective");
    if (!objective) throw new InputError("--objective", null, "the outcome to optimise, e.g. programme.adaptation.csaChangePct.final");
    const constraints = (p.own["--constraint"] ?? []).map(parseConstraint);
    const direction = ownFlag(p, "--minimise") || ownFlag(p, "--minimize") ? "min" : "max";
    const top = intFlag("--top", ownFlag(p, "--top") ?? "5"); // checked before any sweep runs
    const dose = ownFlag(p, "--hill");
    let file = ownFlag(p, "--from");
    if (file) {
      if (p.positional.length || p.set?.length || p.sample) throw new InputError("--from", file, "either --from FILE or a sweep to run (SPEC/--set/--sample), not both");
    } else {
      if (p.positional.length > 1) throw new InputError("SPEC", p.positional[1], "a single spec file");
      const base = p.positional[0] ? readSpecFile(p.positional[0]) : {};
      const spec = normaliseSweepSpec(withEvaluatorConfig(applySpecFlags(base, p), simulateConfig(p)));
      if (!spec.evaluator.module) {
        const inputs = [...Object.keys(spec.variables), ...Object.keys(spec.sample?.variables ?? {}), ...Object.keys(spec.fixed)];
        checkOutcomeNames([objective, ...(spec.outcomes ?? [])], "--objective", p);
        checkOutcomeNames(constraints.map((c) => c.name).filter((n) => !inputs.includes(n)), "--constraint", p);
      }
      if (spec.outcomes && !spec.outcomes.includes(objective)) throw new InputError("--objective", objective, `one of the recorded --outcomes (${spec.outcomes.join(", ")})`);
      const inputs = [...Object.keys(spec.variables), ...Object.keys(spec.sample?.variables ?? {}), ...Object.keys(spec.fixed)];
      if (dose !== undefined && !inputs.includes(dose)) throw new InputError("--hill", dose, `an input variable of the sweep (${inputs.join(", ")})${didYouMean(dose, inputs)}`);
      const result = await runSweepCli("optimise", spec, p, { out: `optimise.${p.format ?? "csv"}` });
      if (result.status !== "complete") return 1;
      file = result.file;
    }
    const inputs = inputColumns(file);
    const unitOf = fileColumnUnits(file, p.model);
    const shownValue = (k: string, v: unknown) => valueWithUnit(typeof v === "number" ? Number(v.toPrecision(4)) : String(v), unitOf(k));
    const optimum = selectOptimum(readSweepRows(file), { objective, direction, constraints, top });
    const fits = dose ? doseResponseFits(file, dose, objective) : [];
    const resultFile = ownFlag(p, "--result") ?? `${file}.optimum.json`;
    writeFileSync(resultFile, JSON.stringify({ tool: "bfrsim optimise", file, objective, direction, constraints, ...optimum, hill: dose ? { dose, fits } : null }, null, 2) + "\n");
    const lines = [`${direction === "max" ? "maximum" : "minimum"} of ${withUnit(objective, unitOf(objective))} over ${optimum.rows} rows (${optimum.feasible} feasible${constraints.length ? `; excluded by ${Object.entries(optimum.excludedBy).map(([k, n]) => `${k}: ${n}`).join(", ")}` : ""})`];
    if (optimum.best) {
      lines.push(`  ${objective} = ${shownValue(objective, Number(optimum.best[objective]))} at point ${optimum.best.index}:`);
      for (const [k, v] of Object.entries(optimum.best)) if (k !== objective && (inputs.all.includes(k) || constraints.some((c) => c.name === k))) lines.push(`    ${k} = ${valueWithUnit(v as number | string, unitOf(k))}`);
    } else {
      lines.push("  no row meets every constraint");
    }
    if (optimum.ranked.length > 1) {
      const shown = [...new Set([...inputs.varying, ...constraints.map((c) => c.name)])].filter((k) => k !== objective);
      lines.push(`  the ${optimum.ranked.length} best feasible (${withUnit(objective, unitOf(objective))}, then the settings):`);
      for (const r of optimum.ranked) lines.push(`    ${Number(r[objective]).toPrecision(4)}  ${shown.map((k) => `${k}=${shownValue(k, r[k])}`).join("  ")}`);
    }
    for (const g of fits) lines.push(formatFit(g, objective, dose!, unitOf));
    process.stdout.write(lines.join("\n") + "\n");
    process.stderr.write(`bfrsim optimise: result in ${resultFile}\n`);
    return optimum.best ? 0 : 1;
  },
};
