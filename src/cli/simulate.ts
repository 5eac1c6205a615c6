/**
 * `bfrsim simulate`: one subject, one protocol, one solve; prints the key outcomes (units in the
 * headers) and writes the time series. With no arguments: the review's proposed older-adult
 * protocol on the older-woman preset.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import { checkOutputFile } from "./output-file.ts";
import { VERSION } from "../version.ts";
import { loadModel, DEFAULT_MODEL_FILE } from "../simulate/default-model.ts";
import { applyOverrides, parseAssignment } from "../simulate/overrides.ts";
import { loadProtocol } from "../simulate/protocol-load.ts";
import { loadSubject } from "../simulate/subject-load.ts";
import { simulate, SimulationError, type SimulationResult } from "../simulate/simulate.ts";
import { summarizeProgramme, summarizeSessions } from "../simulate/summary.ts";
import {
  PROGRAMME_OUTCOMES, SESSION_OUTCOMES, programmeOutcomeValue, sessionOutcomeValue,
} from "../simulate/outcomes.ts";
import type { Command } from "./main.ts";
import { parseFlags } from "./parse-flags.ts";
import { formatNumber, formatTable } from "./table.ts";
import { writeFigure, sessionFigure, programmeFigure, type FigureSpec } from "../plot/index.ts";

const USAGE = `bfrsim simulate [--protocol FILE|PRESET] [--subject FILE|PRESET] [--model FILE]
                [--set NAME=VALUE ...] [--out FILE.csv|FILE.json] [--plot FILE.svg|FILE.png] [--summary]

  --protocol   protocol preset (review-older-adult, bfr-walking, high-load, low-load, passive-bfr)
               or a YAML/JSON file (default review-older-adult)
  --subject    subject preset (older-woman, older-man, sarcopenic-older-adult, young-adult)
               or a YAML/JSON file (default older-woman)
  --model      model file (default models/bfr-ageing.yaml)
  --set        override: protocol.<field>=V, subject.<field>=V, or a model parameter NAME=V
               (declared unit), e.g. --set protocol.cuff.pressure.pctAop=60 --set adaptation.mpsGain=1.5
  --out        write every state and output over time (CSV: time_s first; JSON: with summaries),
               plus FILE.manifest.json (version, model hash, inputs)
  --plot       figure of the first session (cuff, StO2, PCr, lactate, pH, recruitment, AMPK,
               mTORC1, GH, IL-6) and of the programme (CSA, strength, inflammation, exerkine
               baselines), units on axes, caption with model hash and protocol: one file with
               both, SVG or PNG by extension
  --summary    print only the outcome tables (no run statistics)`;

export const command: Command = {
  name: "simulate",
  summary: "simulate a protocol for a subject and print the outcomes",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const { values } = parseFlags(args, {
      protocol: { type: "string" },
      subject: { type: "string" },
      model: { type: "string" },
      set: { type: "string", multiple: true },
      out: { type: "string" },
      plot: { type: "string" },
      summary: { type: "boolean" },
    }, "simulate");
    if (values.plot !== undefined) checkOutputFile("--plot", values.plot, /\.(svg|png)$/i, "a file name ending in .svg or .png");
    if (values.out !== undefined) checkOutputFile("--out", values.out, /\.(csv|json)$/i, "a file name ending in .csv or .json");
    const loaded = loadProtocol(values.protocol);
    const run = applyOverrides(
      { protocol: loaded.protocol, subject: loadSubject(values.subject), warnings: loaded.warnings },
      (values.set ?? []).map((s) => parseAssignment(s)),
    );
    const model = loadModel(values.model ?? DEFAULT_MODEL_FILE);
    const started = performance.now();
    const result = simulateKeepingPartial(() => simulate(model, run.subject, run.protocol, { parameters: run.parameters }), values.out, args);
    const elapsedMs = performance.now() - started;
    process.stdout.write(report(result, values.summary ? undefined : elapsedMs));
    if (values.out) writeOutputs(values.out, result, args);
    if (values.plot) writeFigure(values.plot, simulationFigure(result));
    return 0;
  },
};

/** Runs `solve`; when it fails, writes what was computed to `out` (if given) before rethrowing, so a failed run keeps it. */
function simulateKeepingPartial(solve: () => SimulationResult, out: string | undefined, args: string[]): SimulationResult {
  try {
    return solve();
  } catch (err) {
    if (err instanceof SimulationError && out) {
      const p = err.partial;
      writeOutputs(out, p, args);
      process.stderr.write(`bfrsim simulate: the series computed before the failure (to t = ${p.time[p.time.length - 1] ?? 0} s of ${p.schedule.tEnd} s) are in ${out}; ${out}.manifest.json says status "${p.status}"\n`);
    }
    throw err;
  }
}

function report(result: SimulationResult, elapsedMs?: number): string {
  const sessions = summarizeSessions(result);
  const programme = summarizeProgramme(result);
  const lines: string[] = [];
  const p = result.protocol;
  lines.push(`${result.subject.name ?? "subject"} · ${p.name ?? "protocol"} · ${result.schedule.sessions.length} sessions over ${(result.schedule.tEnd / 604800).toFixed(1)} weeks · AOP ${result.schedule.aop.aopMmHg.toFixed(0)} mmHg (${result.schedule.aop.method})`);
  lines.push("");
  const picks = [0, Math.floor((sessions.length - 1) / 2), sessions.length - 1].filter((v, i, a) => v >= 0 && a.indexOf(v) === i);
  const header = ["per-session outcome", "unit", ...picks.map((k) => `session ${k + 1} (wk ${sessions[k]!.week + 1})`)];
  const rows = SESSION_OUTCOMES.map((o) => [o.label, o.unit, ...picks.map((k) => formatNumber(sessionOutcomeValue(sessions[k]!, o)))]);
  lines.push(formatTable(header, rows), "");
  const progRows = PROGRAMME_OUTCOMES.map((o) => [o.label, o.unit, formatNumber(programmeOutcomeValue(programme, o))]);
  lines.push(formatTable(["programme outcome (end)", "unit", "value"], progRows), "");
  const missing = [...SESSION_OUTCOMES, ...PROGRAMME_OUTCOMES].filter((o) => !programme.some((t) => t.name === o.series));
  if (missing.length) lines.push(`not in this model: ${missing.map((o) => o.series).join(", ")}`, "");
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  const aop = result.parameters.aop;
  if (aop !== undefined && result.protocol.cuff?.pressure?.pctAop !== undefined && Math.abs(aop - result.schedule.aop.aopMmHg) > 0.5) {
    // --set aop=V sets the limb's true AOP in the model; the cuff pressure is still prescribed from the subject's AOP
    lines.push(`note: the model's aop is ${formatNumber(aop)} mmHg, but the cuff pressure (%AOP) is prescribed from the subject's AOP ${result.schedule.aop.aopMmHg.toFixed(0)} mmHg; to prescribe from a measured AOP, give the subject measuredAop (docs/protocols.md)`);
  }
  if (elapsedMs !== undefined) {
    const s = result.stats;
    lines.push(`solved in ${elapsedMs.toFixed(0)} ms: ${s.acceptedSteps} steps (${s.rejectedSteps} rejected), ${s.rhsEvaluations} RHS, ${s.luDecompositions} LU`);
  }
  return lines.join("\n") + "\n";
}

/** One figure: the first session's panels, then the programme's, under one caption. */
function simulationFigure(result: SimulationResult): FigureSpec {
  const session = sessionFigure(result);
  const programme = programmeFigure(result);
  return {
    title: `${result.protocol.name} · ${result.subject.name ?? "subject"}: first session and programme`,
    caption: session.caption,
    panels: [
      ...session.panels.map((p) => ({ ...p, title: `Session 1 · ${p.title}` })),
      ...programme.panels.map((p) => ({ ...p, title: `Programme · ${p.title}` })),
    ],
    columns: 2,
  };
}

function writeOutputs(file: string, result: SimulationResult, args: string[]): void {
  const series = [...result.states, ...result.outputs];
  if (file.endsWith(".csv")) {
    const header = ["time_s", ...series.map((s) => `${s.name} [${s.unit}]`)].map(csvCell).join(",");
    const out: string[] = [header];
    for (let k = 0; k < result.time.length; k++) {
      out.push([result.time[k], ...series.map((s) => s.values[k])].join(","));
    }
    writeFileSync(file, out.join("\n") + "\n");
  } else if (file.endsWith(".json")) {
    writeFileSync(file, JSON.stringify({
      time_s: Array.from(result.time),
      series: series.map((s) => ({ name: s.name, unit: s.unit, values: Array.from(s.values) })),
      sessions: summarizeSessions(result),
      programme: summarizeProgramme(result),
      warnings: result.warnings,
    }));
  } else {
    throw new InputError("--out", file, "a file name ending in .csv or .json");
  }
  writeFileSync(file + ".manifest.json", JSON.stringify({
    bfrsim: VERSION,
    command: ["simulate", ...args],
    model: result.model,
    subject: result.subject,
    protocol: result.protocol,
    parameters: result.parameters,
    status: result.status,
    stats: result.stats,
    written: new Date().toISOString(),
  }, null, 2) + "\n");
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
