import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { PROGRAMME_OUTCOMES, SESSION_OUTCOMES, SUMMARY_SERIES, programmeOutcomeValue, sessionOutcomeValue } from "../../src/simulate/outcomes.ts";
import { applyOverrides } from "../../src/simulate/overrides.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { summarizeProgramme, summarizeSessions } from "../../src/simulate/summary.ts";

const model = loadModel();

/** A preset protocol with `protocol.*` overrides applied (re-validated). */
function protocolOf(name: string, sets: Record<string, number> = {}) {
  const base = loadProtocol(name);
  return applyOverrides({ protocol: base.protocol, subject: loadSubject(), warnings: base.warnings },
    Object.entries(sets).map(([k, v]) => [`protocol.${k}`, v] as const)).protocol;
}

/** Bit-for-bit equality of two sample arrays (NaN equals NaN, +0 differs from −0). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Every key outcome of a result, by name (null where the summary has none). */
function outcomes(r: SimulationResult): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const programme = summarizeProgramme(r);
  for (const o of PROGRAMME_OUTCOMES) out.set(`programme.${o.series}.${o.statistic}`, programmeOutcomeValue(programme, o));
  summarizeSessions(r).forEach((s, k) => {
    for (const o of SESSION_OUTCOMES) out.set(`session${k}.${o.series}.${o.statistic}`, sessionOutcomeValue(s, o));
    for (const [name, resp] of Object.entries(s.responses)) out.set(`session${k}.${name}.auc`, resp.auc);
  });
  return out;
}

describe('simulate(…, { series: "summary" }): only the series the outcome summary reads, with identical values', () => {
  const cases: Array<[string, ReturnType<typeof protocolOf>]> = [
    ["review-older-adult, 12 weeks (the default)", protocolOf("review-older-adult")],
    ["high-load, 3 weeks", protocolOf("high-load", { weeks: 3 })],
    ["bfr-walking, 3 weeks", protocolOf("bfr-walking", { weeks: 3 })],
    ["passive-bfr, 2 weeks", protocolOf("passive-bfr", { weeks: 2 })],
    ["review-older-adult 5×/week, 3 weeks", protocolOf("review-older-adult", { sessionsPerWeek: 5, weeks: 3 })],
  ];
  it.each(cases)("%s", (_label, protocol) => {
    const subject = loadSubject();
    const full = simulate(model, subject, protocol);
    const summary = simulate(model, subject, protocol, { series: "summary" });
    expect(full.states.length + full.outputs.length).toBe(model.states.length + model.observables.length);
    const names = [...summary.outputs, ...summary.states].map((s) => s.name);
    const known = new Set([...model.observables.map((o) => o.name), ...model.states.map((s) => s.name)]);
    expect(new Set(names)).toEqual(new Set(SUMMARY_SERIES.filter((n) => known.has(n))));
    expect(names.length).toBeLessThan((full.states.length + full.outputs.length) / 2);
    // the same solve, and every kept series the same bits as in the full result
    expect(summary.stats).toEqual(full.stats);
    expect(sameBits(summary.time, full.time)).toBe(true);
    for (const s of [...summary.outputs, ...summary.states]) {
      const f = [...full.outputs, ...full.states].find((x) => x.name === s.name)!;
      expect(s.unit).toBe(f.unit);
      expect(sameBits(s.values, f.values), s.name).toBe(true);
    }
    // so every key outcome is identical (Object.is: NaN and ±0 included)
    const a = outcomes(full);
    const b = outcomes(summary);
    let compared = 0;
    for (const [name, v] of b) {
      expect(Object.is(v, a.get(name)), `${name}: ${v} vs ${a.get(name)}`).toBe(true);
      if (v !== null) compared++;
    }
    expect(compared).toBeGreaterThan(SESSION_OUTCOMES.length + 5);
    for (const o of [...SESSION_OUTCOMES, ...PROGRAMME_OUTCOMES]) expect(known.has(o.series), o.series).toBe(true);
  }, 60_000);

  it("a list of names keeps exactly those, in model order; none keeps no series; an unknown name is refused before the solve", () => {
    const subject = loadSubject();
    const protocol = protocolOf("review-older-adult", { weeks: 1 });
    const full = simulate(model, subject, protocol);
    const pick = [model.observables[3]!.name, model.states[7]!.name, model.observables[1]!.name];
    const some = simulate(model, subject, protocol, { series: pick });
    expect(some.outputs.map((s) => s.name)).toEqual([model.observables[1]!.name, model.observables[3]!.name]);
    expect(some.states.map((s) => s.name)).toEqual([model.states[7]!.name]);
    for (const s of [...some.outputs, ...some.states]) {
      expect(sameBits(s.values, [...full.outputs, ...full.states].find((x) => x.name === s.name)!.values)).toBe(true);
    }
    const none = simulate(model, subject, protocol, { series: [] });
    expect(none.outputs).toEqual([]);
    expect(none.states).toEqual([]);
    expect(sameBits(none.time, full.time)).toBe(true);
    const bad = () => simulate(model, subject, protocol, { series: ["exerkines.il7"] });
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(/options\.series.*exerkines\.il7.*did you mean.*exerkines\.il6/is);
  });
});
