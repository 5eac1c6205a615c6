/**
 * The sweep evaluator that runs the BFR model: each point is a set of `bfrsim simulate --set`
 * overrides (`protocol.<path>`, `subject.<path>`, or a model parameter in its declared unit) on a
 * base protocol and subject; the row gets the key outcomes `bfrsim simulate` prints:
 *   programme.<series>.<final|changePct>     end-of-programme outcomes (e.g. CSA change, %)
 *   session1.<series>.<statistic>            the first session's response (peak, nadir, AUC …)
 *   sessionMean.<series>.<statistic>         the mean over all sessions
 * Config: { protocol?: preset or file, subject?: preset or file, model?: model file }.
 */
import { loadModel, DEFAULT_MODEL_FILE } from "../simulate/default-model.ts";
import { PROGRAMME_OUTCOMES, SESSION_OUTCOMES, programmeOutcomeValue, sessionOutcomeValue } from "../simulate/outcomes.ts";
import { applyOverrides } from "../simulate/overrides.ts";
import { loadProtocol } from "../simulate/protocol-load.ts";
import { simulate } from "../simulate/simulate.ts";
import { loadSubject } from "../simulate/subject-load.ts";
import { summarizeProgramme, summarizeSessions } from "../simulate/summary.ts";
import type { PointEvaluator } from "./evaluator.ts";

/** Config of the simulate evaluator (all optional: the `bfrsim simulate` defaults apply). */
export interface SimulateEvaluatorConfig {
  protocol?: string;
  subject?: string;
  model?: string;
}

/** Creates an evaluator that simulates the base protocol and subject with each point's overrides. */
export function createEvaluator(config: SimulateEvaluatorConfig | null): PointEvaluator {
  const cfg = config ?? {};
  const base = loadProtocol(cfg.protocol);
  const subject = loadSubject(cfg.subject);
  const model = loadModel(cfg.model ?? DEFAULT_MODEL_FILE);
  return {
    evaluate(point) {
      const run = applyOverrides({ protocol: base.protocol, subject, warnings: base.warnings }, Object.entries(point));
      const result = simulate(model, run.subject, run.protocol, { parameters: run.parameters });
      const out: Record<string, number> = {};
      const programme = summarizeProgramme(result);
      for (const o of PROGRAMME_OUTCOMES) {
        const v = programmeOutcomeValue(programme, o);
        if (v !== null) out[`programme.${o.series}.${o.statistic}`] = v;
      }
      const sessions = summarizeSessions(result);
      for (const o of SESSION_OUTCOMES) {
        const values = sessions.map((s) => sessionOutcomeValue(s, o)).filter((v): v is number => v !== null);
        if (values.length === 0) continue;
        out[`session1.${o.series}.${o.statistic}`] = values[0];
        out[`sessionMean.${o.series}.${o.statistic}`] = values.reduce((a, b) => a + b, 0) / values.length;
      }
      return out;
    },
  };
}
