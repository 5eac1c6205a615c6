/**
 * Sensitivity and uncertainty page data: Morris screening and Sobol' indices of the CSA gain over
 * model parameter ranges (declared with the parameters in models/), and a virtual cohort of older
 * adults for responder distributions and power. All through the sweep runner's Morris, Saltelli
 * and Latin-hypercube designs, analysed with src/analysis.
 */
import { morrisFromSweep } from "../../src/analysis/morris.ts";
import { sobolFromSweep } from "../../src/analysis/sobol-indices.ts";
import type { DataSize } from "./sizes.ts";
import { runSmallSweep } from "./sweep-run.ts";

const CSA = "programme.adaptation.csaChangePct.final";
const STRENGTH = "programme.adaptation.strengthChangePct.final";
const BASE = { evaluator: { config: { protocol: "review-older-adult", subject: "older-woman" } } };

function column(rows: Array<Record<string, unknown>>, name: string): Float64Array {
  return Float64Array.from(rows, (r) => Number(r[name]));
}

export async function sensitivityData(size: DataSize) {
  const s = size.sensitivity;
  const fixed = { "protocol.weeks": s.weeks };
  const morrisRun = await runSmallSweep({ ...BASE, fixed, sample: { method: "morris", n: s.morrisTrajectories, variables: s.morrisFactors }, seed: 11 }, size.workers);
  const morris = morrisFromSweep(morrisRun.spec, column(morrisRun.rows, CSA));
  const sobolRun = await runSmallSweep({ ...BASE, fixed, sample: { method: "saltelli", n: s.sobolBaseRows, variables: s.sobolFactors }, seed: 12 }, size.workers);
  const sobol = sobolFromSweep(sobolRun.spec, column(sobolRun.rows, CSA), { seed: 13 });
  const cohortRun = await runSmallSweep({ ...BASE, fixed, sample: { method: "lhs", n: s.cohortSize, variables: s.cohortFactors }, seed: 14 }, size.workers);
  const cohort = cohortRun.rows.map((r) => ({
    ageYr: Number(r["subject.ageYr"]),
    inflammationLevel: Number(r["subject.inflammationLevel"]),
    trainingStatus: Number(r["subject.trainingStatus"]),
    csaChangePct: Number(r[CSA]),
    strengthChangePct: Number(r[STRENGTH]),
  }));
  return {
    protocol: "review-older-adult",
    subject: "older-woman",
    weeks: s.weeks,
    outcome: { column: CSA, label: "muscle CSA change", unit: "%" },
    morris: { factors: s.morrisFactors, trajectories: s.morrisTrajectories, indices: morris },
    sobol: { factors: s.sobolFactors, baseRows: s.sobolBaseRows, indices: sobol },
    cohort: { factors: s.cohortFactors, members: cohort },
  };
}
