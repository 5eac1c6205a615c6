/**
 * `bfrsim power`: how many participants per arm a trial needs. A virtual cohort is simulated under
 * every arm (or an earlier cohort output is read with --from); trials of n per arm are resampled
 * from the simulated outcome populations, Welch-tested, and the power per n reported with its
 * Monte-Carlo interval and the normal-theory value.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { armPopulations, MEMBER_COLUMNS } from "../analysis/cohort-run.ts";
import { powerCurve, type PowerCurve } from "../analysis/power-curve.ts";
import { POPULATIONS } from "../analysis/cohort.ts";
import { applySpecFlags, parseRangeString, type VariableValue } from "../sweep/index.ts";
import { withUnit } from "../sweep/units.ts";
import { fileColumnUnits } from "./column-units.ts";
import type { Command } from "./main.ts";
import { cohortSpecFromFlags, refuseNonCohortFlags } from "./cohort.ts";
import { checkOutcomeNames, intFlag, numberFlag, ownFlag, parseSweepFlags, COHORT_RUN_FLAGS_USAGE, runSweepCli } from "./sweep.ts";

const USAGE = `bfrsim power --arms NAME=A,B[,…] --outcome OUTCOME [options]

  --arms NAME=A,B        the arm variable and its values; every arm is compared with the first,
                         e.g. protocol.cuff.pressure.pctAop=40,80
  --outcome NAME         the outcome tested, e.g. sessionMean.exerkines.il6.iaucHours
  --n-per-arm LIST       sample sizes per arm: 10,20,40 or 10:100:10 (default 5:100:5)
  --replicates R         simulated trials per n (default 2000)
  --alpha A              two-sided significance level (default 0.05)
  --bonferroni           with more than two arms, test each comparison at alpha / (arms − 1)
  --target P             power wanted (default 0.8)
  --power-seed N         seed of the trial resampling (default 0)
  --from FILE            reuse a cohort output (bfrsim cohort) instead of simulating
  --members N            virtual cohort size per arm (default 200)
  --population NAME      ${Object.keys(POPULATIONS).join(" | ")} (default older-adults); also --age, --female-fraction,
                         --parameter-variability, --no-aop-error, --cohort-seed as in bfrsim cohort
  --set NAME=V           fixed protocol/subject/parameter settings for all arms
  --outcomes A,B         outcomes to record in the rows (default all)
  --report FILE          power table JSON (default OUT.power.json)
${COHORT_RUN_FLAGS_USAGE}`;

const OWN = {
  "--arms": true, "--outcome": true, "--n-per-arm": true, "--replicates": true, "--alpha": true, "--target": true,
  "--power-seed": true, "--from": true, "--bonferroni": false, "--members": true, "--population": true, "--age": true, "--female-fraction": true,
  "--parameter-variability": true, "--no-aop-error": false, "--cohort-seed": true, "--report": true,
};

function sampleSizes(text: string): number[] {
  const values = text.includes(":") ? parseRangeString(text, "--n-per-arm") : text.split(",").map((s) => Number(s.trim()));
  for (const n of values) if (!Number.isInteger(n) || n < 2) throw new InputError("--n-per-arm", text, "integers ≥ 2 (a list 10,20,40 or a range 10:100:10)");
  return values;
}

/** The power table of one comparison; means, SDs and the difference in `unit` (the outcome's, "" when dimensionless or unknown). */
export function formatCurve(label: string, c: PowerCurve, unit: string | null = null): string {
  const e = c.effect;
  const u = unit ? ` ${unit}` : "";
  const lines = [
    `${label}: mean ${e.meanA.toPrecision(4)}${u} (SD ${e.sdA.toPrecision(3)}) vs ${e.meanB.toPrecision(4)}${u} (SD ${e.sdB.toPrecision(3)}), difference ${e.meanDifference.toPrecision(3)}${u}, Cohen's d ${e.cohensD.toFixed(2)}`,
    "n/arm  power (simulated)  95% CI          analytic",
  ];
  for (const p of c.points) {
    const s = p.simulated;
    lines.push(`${String(p.nPerArm).padStart(5)}  ${s.power.toFixed(3).padStart(17)}  [${s.ci95[0].toFixed(3)}, ${s.ci95[1].toFixed(3)}]  ${p.analytic.toFixed(3).padStart(8)}`);
  }
  const pct = Math.round(100 * c.target);
  lines.push(`smallest n per arm for ${pct}% power at α = ${c.alpha}: ${c.smallestSimulatedN ?? `more than ${c.points[c.points.length - 1].nPerArm}`} (simulated, of those listed); ${c.analyticN ?? "> 10000"} (normal theory)`);
  return lines.join("\n");
}

export const command: Command = {
  name: "power",
  summary: "power of a simulated RCT per n per arm (virtual cohort, Welch test)",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parseSweepFlags(args, "power", OWN);
    if (p.positional.length) throw new InputError("argument", p.positional[0], "options only (see bfrsim power --help)");
    refuseNonCohortFlags(p, "power");
    const armsText = ownFlag(p, "--arms");
    if (!armsText) throw new InputError("--arms", null, "NAME=A,B: the variable that differs between arms and its values");
    const arms = applySpecFlags({}, { set: [armsText] }).variables as Record<string, VariableValue[]>;
    const [armName, armValues] = Object.entries(arms)[0];
    if (!Array.isArray(armValues) || armValues.length < 2) throw new InputError("--arms", armsText, "at least two arm values, e.g. NAME=40,80");
    const outcome = ownFlag(p, "--outcome");
    if (!outcome) throw new InputError("--outcome", null, "the outcome to test, e.g. sessionMean.exerkines.il6.iaucHours");
    const nPerArm = sampleSizes(ownFlag(p, "--n-per-arm") ?? "5:100:5");
    const replicates = intFlag("--replicates", ownFlag(p, "--replicates") ?? "2000");
    const alpha = numberFlag("--alpha", ownFlag(p, "--alpha") ?? "0.05");
    if (!(alpha > 0 && alpha < 1)) throw new InputError("--alpha", alpha, "a level between 0 and 1");
    const target = numberFlag("--target", ownFlag(p, "--target") ?? "0.8");
    if (!(target > 0 && target < 1)) throw new InputError("--target", target, "a power between 0 and 1");
    const seed = intFlag("--power-seed", ownFlag(p, "--power-seed") ?? "0", 0);
    let file = ownFlag(p, "--from");
    if (!file) {
      const fixed = (applySpecFlags({}, { set: p.set }).variables ?? {}) as Record<string, unknown>;
      if (armName in fixed) throw new InputError("--set", armName, "a setting other than the arm variable");
      for (const [name, v] of Object.entries(fixed)) {
        if (!Array.isArray(v) || v.length !== 1) throw new InputError(`--set ${name}`, v, "a single value (only --arms varies between arms)");
      }
      checkOutcomeNames([outcome, ...(p.outcomes?.split(",").map((x) => x.trim()).filter(Boolean) ?? [])], "--outcome", p, MEMBER_COLUMNS);
      const spec = cohortSpecFromFlags(p, { [armName]: armValues, ...fixed }, 200);
      if (spec.outcomes && !spec.outcomes.includes(outcome)) throw new InputError("--outcome", outcome, `one of the recorded --outcomes (${spec.outcomes.join(", ")})`);
      const result = await runSweepCli("power", spec, p, { out: `power-cohort.${p.format ?? "csv"}` });
      if (result.status !== "complete") return 1;
      file = result.file;
    }
    const pops = armPopulations(file, armName, outcome);
    const control = pops.get(armValues[0]);
    if (!control) throw new InputError("--arms", armValues[0], `an arm value present in ${file} (${[...pops.keys()].join(", ")})`);
    const testAlpha = ownFlag(p, "--bonferroni") ? alpha / (armValues.length - 1) : alpha;
    const comparisons = armValues.slice(1).map((v) => {
      const other = pops.get(v);
      if (!other) throw new InputError("--arms", v, `an arm value present in ${file} (${[...pops.keys()].join(", ")})`);
      const curve = powerCurve(control, other, { nPerArm, replicates, alpha: testAlpha, target, seed });
      return { control: armValues[0], arm: v, curve };
    });
    const report = ownFlag(p, "--report") ?? `${file}.power.json`;
    writeFileSync(report, JSON.stringify({ tool: "bfrsim power", rows: file, armVariable: armName, outcome, replicates, seed, comparisons }, null, 2) + "\n");
    const unitOf = fileColumnUnits(file, p.model);
    const outcomeUnit = unitOf(outcome);
    // the arm variable's unit once, in the heading: each comparison is labelled NAME A vs B
    process.stdout.write(`${withUnit(outcome, outcomeUnit)} by ${withUnit(armName, unitOf(armName))}\n\n`);
    for (const c of comparisons) process.stdout.write(formatCurve(`${armName} ${c.control} vs ${c.arm}`, c.curve, outcomeUnit) + "\n\n");
    process.stderr.write(`bfrsim power: power table in ${report}\n`);
    return 0;
  },
};
