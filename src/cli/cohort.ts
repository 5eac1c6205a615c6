/**
 * `bfrsim cohort`: simulate a virtual cohort (sampled subjects + inter-individual parameter
 * variability) under one or more arms and report responder distributions per arm.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { cohortSweepSpec, MEMBER_COLUMNS, summariseCohort, type ArmSummary } from "../analysis/cohort-run.ts";
import { sparkline } from "../analysis/responders.ts";
import { POPULATIONS, type PopulationSpec } from "../analysis/cohort.ts";
import { applySpecFlags, type SweepSpec } from "../sweep/index.ts";
import { runColumnUnits } from "./column-units.ts";
import type { Command } from "./main.ts";
import { checkOutcomeNames, intFlag, numberFlag, ownFlag, parseSweepFlags, COHORT_RUN_FLAGS_USAGE, runSweepCli, type SweepCliFlags } from "./sweep.ts";

/** Outcomes summarised when --report is not given. */
export const DEFAULT_REPORT = [
  "programme.adaptation.csaChangePct.final",
  "programme.adaptation.strengthChangePct.final",
  "sessionMean.exerkines.il6.iaucHours",
  "sessionMean.safety.discomfort.peak",
];

const USAGE = `bfrsim cohort [options]

  --members N            cohort size (default 100); each member is simulated in every arm
  --population NAME      ${Object.keys(POPULATIONS).join(" | ")} (default older-adults: 60-80 y, half women)
  --age MIN..MAX         age range, yr (uniform)
  --female-fraction F    share of women, 0..1
  --parameter-variability X   scale of the per-evidence-grade parameter spreads (default 1; 0 = none)
  --no-aop-error         true AOP = the equation estimate (default: estimate ± its standard error)
  --cohort-seed N        which cohort (default 0): same seed, same people in every arm and run
  --set NAME=VALUES      an arm variable, e.g. protocol.cuff.pressure.pctAop=40,80 (arms = their factorial)
  --outcomes A,B         outcomes to record (default all; member characteristics cohort.* always)
  --report A,B           outcomes to summarise (default ${DEFAULT_REPORT.join(", ")})
  --responder NAME>V     responder threshold of a reported outcome (repeatable), e.g. programme.adaptation.csaChangePct.final>2
  --bins N               histogram bins (default 10)
  --summary FILE         summary JSON (default OUT.summary.json)
${COHORT_RUN_FLAGS_USAGE}

Writes one row per member and arm (OUT, default cohort.csv) and per-arm distributions (mean, SD,
5/25/50/75/95th centiles, responder and negative fractions, histogram) to OUT.summary.json and stdout.`;

const OWN = {
  "--members": true, "--population": true, "--age": true, "--female-fraction": true, "--parameter-variability": true,
  "--no-aop-error": false, "--cohort-seed": true, "--report": true, "--responder": true, "--bins": true, "--summary": true,
};

/**
 * Refuses the sweep flags a cohort run would silently ignore or be broken by: the members are the
 * subjects (--population, not --subject), --cohort-seed picks the cohort (not --seed), the cohort
 * evaluator runs the BFR model (no --evaluator) and members are not sampled with --sample.
 */
export function refuseNonCohortFlags(p: SweepCliFlags, command: string): void {
  if (p.subject !== undefined) throw new InputError("--subject", p.subject, `no --subject with bfrsim ${command}: its subjects are the cohort's members (--population, --age, --female-fraction)`);
  if (p.seed !== undefined) throw new InputError("--seed", p.seed, `--cohort-seed N to choose the cohort${command === "power" ? " (--power-seed N for the trial resampling)" : ""}`);
  if (p.evaluator !== undefined) throw new InputError("--evaluator", p.evaluator, `no --evaluator with bfrsim ${command} (cohorts run the BFR model)`);
  if (p.sample || p.sampleVars?.length) throw new InputError("--sample", p.sample ?? p.sampleVars, "arms as --set lists (members are sampled by the cohort)");
}

/** Population fields from the flags (over the named population). */
function populationFlags(p: SweepCliFlags): Partial<PopulationSpec> {
  const out: { -readonly [K in keyof PopulationSpec]?: PopulationSpec[K] } = {};
  const age = ownFlag(p, "--age");
  if (age !== undefined) {
    const m = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)$/.exec(age);
    if (!m || Number(m[1]) > Number(m[2])) throw new InputError("--age", age, "MIN..MAX in years, e.g. 60..80");
    out.ageYr = { min: Number(m[1]), max: Number(m[2]) };
  }
  const ff = ownFlag(p, "--female-fraction");
  if (ff !== undefined) out.femaleFraction = numberFlag("--female-fraction", ff);
  const pv = ownFlag(p, "--parameter-variability");
  if (pv !== undefined) out.parameterVariability = numberFlag("--parameter-variability", pv);
  if (ownFlag(p, "--no-aop-error")) out.aopEstimationError = false;
  return out;
}

/** Parses NAME>V responder thresholds. */
export function parseThresholds(texts: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of texts) {
    const m = /^(.+?)>(.+)$/.exec(t);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new InputError("--responder", t, "NAME>VALUE, e.g. programme.adaptation.csaChangePct.final>2");
    out[m[1].trim()] = v;
  }
  return out;
}

/** The cohort sweep spec from the flags shared by `cohort` and `power`. */
export function cohortSpecFromFlags(p: SweepCliFlags, arms: Record<string, unknown>, defaultMembers: number): SweepSpec {
  const named = ownFlag(p, "--population") ?? "older-adults";
  const base = POPULATIONS[named];
  const population: string | Partial<PopulationSpec> = base ? { ...base, ...populationFlags(p) } : named;
  if (!base && Object.keys(populationFlags(p)).length) throw new InputError("--population", named, `one of ${Object.keys(POPULATIONS).join(", ")}`);
  const seedText = ownFlag(p, "--cohort-seed");
  return cohortSweepSpec({
    members: intFlag("--members", ownFlag(p, "--members") ?? String(defaultMembers), 2),
    arms: arms as Record<string, Array<number | string>>,
    population,
    seed: seedText === undefined ? 0 : intFlag("--cohort-seed", seedText, 0),
    protocol: p.protocol,
    model: p.model,
    outcomes: p.outcomes?.split(",").map((s) => s.trim()).filter(Boolean),
  });
}

function fmt(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e4 || a < 1e-2) ? x.toExponential(2) : x.toFixed(a >= 100 ? 0 : 2);
}

/**
 * Text tables of the per-arm distributions, a unit column beside each outcome as `bfrsim simulate`
 * prints it (`unitOf`: e.g. `(name) => columnUnit(name, model)`; blank where it returns null).
 */
export function formatCohortSummary(arms: ArmSummary[], unitOf: (outcome: string) => string | null = () => null): string {
  const lines: string[] = [];
  for (const a of arms) {
    const label = Object.entries(a.arm).map(([k, v]) => `${k}=${v}`).join(" ") || "(single arm)";
    lines.push(`arm ${label}: ${a.members} members, ${a.failed} failed`);
    const rows = Object.entries(a.outcomes).map(([name, d]) => [
      name, unitOf(name) ?? "", fmt(d.mean), fmt(d.sd), fmt(d.quantiles["0.05"]), fmt(d.quantiles["0.25"]), fmt(d.quantiles["0.5"]),
      fmt(d.quantiles["0.75"]), fmt(d.quantiles["0.95"]),
      d.responderFraction === null ? "–" : `${(100 * d.responderFraction).toFixed(0)}% >${d.threshold}`,
      `${(100 * d.negativeFraction).toFixed(0)}%`, sparkline(d.histogram.counts),
    ]);
    const head = ["outcome", "unit", "mean", "SD", "p5", "p25", "median", "p75", "p95", "responders", "<0", "histogram"];
    const text = (k: number) => k <= 1 || k >= 9; // name, unit, responders, histogram: left-aligned
    const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
    lines.push(head.map((h, k) => h.padEnd(widths[k])).join("  ").trimEnd());
    for (const r of rows) lines.push(r.map((c, k) => (text(k) ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ").trimEnd());
    lines.push("  strongest correlates among members (Pearson r):");
    for (const [name, corr] of Object.entries(a.correlates)) {
      const top = Object.entries(corr).filter(([, r]) => Number.isFinite(r)).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).slice(0, 3);
      lines.push(`    ${name}: ${top.map(([c, r]) => `${c.replace("cohort.", "")} ${r >= 0 ? "+" : ""}${r.toFixed(2)}`).join(", ") || "–"}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

export const command: Command = {
  name: "cohort",
  summary: "simulate a virtual cohort under one or more arms; responder distributions per arm",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parseSweepFlags(args, "cohort", OWN);
    if (p.positional.length) throw new InputError("argument", p.positional[0], "options only (see bfrsim cohort --help)");
    refuseNonCohortFlags(p, "cohort");
    const arms = (applySpecFlags({}, { set: p.set }).variables ?? {}) as Record<string, unknown>;
    const spec = cohortSpecFromFlags(p, arms, 100);
    const report = ownFlag(p, "--report")?.split(",").map((s) => s.trim()).filter(Boolean) ?? DEFAULT_REPORT;
    const thresholds = parseThresholds(p.own["--responder"] ?? []);
    const bins = intFlag("--bins", ownFlag(p, "--bins") ?? "10");
    checkOutcomeNames(spec.outcomes ?? [], "--outcomes", p, MEMBER_COLUMNS);
    checkOutcomeNames(report, "--report", p, MEMBER_COLUMNS);
    for (const name of Object.keys(thresholds)) {
      if (!report.includes(name)) throw new InputError("--responder", name, `one of the reported outcomes (${report.join(", ")}; see --report)`);
    }
    for (const name of report) {
      if (spec.outcomes && !spec.outcomes.includes(name)) throw new InputError("--report", name, `one of the recorded --outcomes (${spec.outcomes.join(", ")})`);
    }
    const result = await runSweepCli("cohort", spec, p, { out: `cohort.${p.format ?? "csv"}` });
    if (result.status !== "complete") return 1;
    const arms2 = summariseCohort(result.file, { report, thresholds, bins });
    const summaryFile = ownFlag(p, "--summary") ?? `${result.file}.summary.json`;
    writeFileSync(summaryFile, JSON.stringify({ tool: "bfrsim cohort", rows: result.file, spec, report, thresholds, arms: arms2 }, null, 2) + "\n");
    process.stdout.write(formatCohortSummary(arms2, runColumnUnits(spec, p.model)));
    process.stderr.write(`bfrsim cohort: summary in ${summaryFile}\n`);
    return 0;
  },
};
