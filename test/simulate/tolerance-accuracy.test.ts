/**
 * The default solver tolerances are a speed/accuracy choice: this checks the choice against what
 * a researcher reads. Every outcome bfrsim prints (each session's outcome rows and the programme
 * rows) at the default rtol/atol must match a tight reference solve (rtol 1e-8, atol 1e-10 in
 * declared units) to within 0.1 % of its value. Any change that makes simulate() faster (a
 * looser default, a cheaper method, a new step heuristic) has to keep this green.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/simulate/default-model.ts";
import {
  PROGRAMME_OUTCOMES,
  SESSION_OUTCOMES,
  programmeOutcomeValue,
  sessionOutcomeValue,
} from "../../src/simulate/outcomes.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { DEFAULT_SIMULATE_OPTIONS, simulate } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { summarizeProgramme, summarizeSessions } from "../../src/simulate/summary.ts";

/** Largest relative outcome error a researcher could not see in a printed table (0.1 %). */
const OUTCOME_BOUND = 1e-3;
const REFERENCE = { rtol: 1e-8, atol: 1e-10 };

const model = loadModel();

/** Every printed outcome of one simulation, keyed "session k: label" or the programme label. */
function outcomes(protocolName: string, subjectName: string, tol: { rtol: number; atol: number }): Map<string, number> {
  const result = simulate(model, loadSubject(subjectName), loadProtocol(protocolName).protocol, tol);
  const out = new Map<string, number>();
  for (const session of summarizeSessions(result)) {
    for (const o of SESSION_OUTCOMES) {
      const v = sessionOutcomeValue(session, o);
      if (v !== null) out.set(`session ${session.index}: ${o.label}`, v);
    }
  }
  const programme = summarizeProgramme(result);
  for (const o of PROGRAMME_OUTCOMES) {
    const v = programmeOutcomeValue(programme, o);
    if (v !== null) out.set(o.label, v);
  }
  return out;
}

/** The outcome furthest from the reference: relative error (absolute where the reference is ~0). */
function worstError(test: Map<string, number>, ref: Map<string, number>): { key: string; error: number } {
  let worst = { key: "", error: 0 };
  for (const [key, r] of ref) {
    const v = test.get(key);
    if (v === undefined) return { key, error: Infinity };
    const error = Math.abs(v - r) / (Math.abs(r) > 1e-6 ? Math.abs(r) : 1);
    if (!(error <= worst.error)) worst = { key, error };
  }
  return worst;
}

const defaults = { rtol: DEFAULT_SIMULATE_OPTIONS.rtol, atol: DEFAULT_SIMULATE_OPTIONS.atol };

describe("default solver tolerances against a tight reference", () => {
  // The default `bfrsim simulate`: the review's older-adult protocol on the older-woman preset.
  let reference: Map<string, number> | undefined;
  const ref = () => (reference ??= outcomes("review-older-adult", "older-woman", REFERENCE));

  it("every outcome of the default programme is within 0.1 % of the rtol 1e-8 solution", () => {
    expect(ref().size).toBeGreaterThan(100);
    const worst = worstError(outcomes("review-older-adult", "older-woman", defaults), ref());
    expect(worst.error, `worst outcome: ${worst.key}`).toBeLessThan(OUTCOME_BOUND);
  }, 120_000);

  it("the comparison sees a tolerance too loose for the tables (rtol 1e-2 exceeds 0.1 %)", () => {
    const worst = worstError(outcomes("review-older-adult", "older-woman", { rtol: 1e-2, atol: 1e-4 }), ref());
    expect(worst.error).toBeGreaterThan(OUTCOME_BOUND);
  }, 120_000);
});
