import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputError } from "../../src/errors.ts";
import { listPresets } from "../../src/simulate/presets.ts";
import { loadProtocol, parseProtocol } from "../../src/simulate/protocol-load.ts";
import { validateProtocol } from "../../src/simulate/protocol-validate.ts";
import { formatSetsPattern, parseSetsPattern } from "../../src/simulate/sets-pattern.ts";

const bfr = {
  modality: "knee_extension",
  intensity: { loadPct1Rm: 25 },
  sets: "30-15-15-15",
  restBetweenSetsS: 30,
  cuff: { site: "thigh", widthCm: 11.5, pressure: { pctAop: 60 }, inflation: "continuous" },
  sessionsPerWeek: 3,
  weeks: 12,
};

function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

function withOverride(path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(bfr) as Record<string, unknown>;
  let obj = copy;
  for (const key of path.slice(0, -1)) obj = obj[key] as Record<string, unknown>;
  obj[path[path.length - 1]!] = value;
  return copy;
}

describe("sets pattern", () => {
  it("reads the trial reports' notations", () => {
    expect(parseSetsPattern("30-15-15-15")).toEqual([{ reps: 30 }, { reps: 15 }, { reps: 15 }, { reps: 15 }]);
    expect(parseSetsPattern("3x15")).toEqual([{ reps: 15 }, { reps: 15 }, { reps: 15 }]);
    expect(parseSetsPattern("3 × 10")).toHaveLength(3);
    expect(parseSetsPattern("20 min continuous")).toEqual([{ durationS: 1200 }]);
    expect(parseSetsPattern("5x5 min")).toEqual(Array(5).fill({ durationS: 300 }));
    expect(parseSetsPattern("2 x 10 min")).toEqual([{ durationS: 600 }, { durationS: 600 }]);
  });
  it("refuses what it cannot read", () => {
    for (const bad of ["3 sets to failure", "", "x15", "30--15", "20 minutes of fun"]) expect(parseSetsPattern(bad)).toBeUndefined();
  });
  it("formats back to a pattern that parses to the same sets", () => {
    for (const p of ["30-15-15-15", "3x15", "20 min", "5x5 min", "10-8"]) {
      const sets = parseSetsPattern(p)!;
      expect(parseSetsPattern(formatSetsPattern(sets))).toEqual(sets);
    }
  });
});

describe("protocol validation: hard limits are InputErrors naming the field, value and range", () => {
  const cases: [string, string[], unknown, string, RegExp][] = [
    ["pressure above 100 %AOP", ["cuff", "pressure"], { pctAop: 110 }, "protocol.cuff.pressure.pctAop", /\[0, 100\] %AOP/],
    ["pressure above the 300 mmHg ceiling", ["cuff", "pressure"], { mmHg: 320 }, "protocol.cuff.pressure.mmHg", /\[0, 300\] mmHg/],
    ["both %AOP and mmHg", ["cuff", "pressure"], { mmHg: 150, pctAop: 60 }, "protocol.cuff.pressure", /exactly one/],
    ["a negative load", ["intensity"], { loadPct1Rm: -5 }, "protocol.intensity.loadPct1Rm", /\[0, 100\] %1RM/],
    ["a load above 100 %1RM", ["intensity"], { loadPct1Rm: 120 }, "protocol.intensity.loadPct1Rm", /\[0, 100\] %1RM/],
    ["no load for resistance exercise", ["intensity"], {}, "protocol.intensity.loadPct1Rm", /required/],
    ["zero sessions", ["sessionsPerWeek"], 0, "protocol.sessionsPerWeek", /\(0, 21\]/],
    ["zero weeks", ["weeks"], 0, "protocol.weeks", /\(0, 104\]/],
    ["an unknown modality", ["modality"], "zumba", "protocol.modality", /"knee_extension"/],
    ["a negative rest", ["restBetweenSetsS"], -10, "protocol.restBetweenSetsS", /\[0, 3600\] s/],
    ["an unreadable sets pattern", ["sets"], "3 sets to failure", "protocol.sets", /30-15-15-15/],
    ["timed bouts for knee extension", ["sets"], "20 min", "protocol.sets", /repetitions/],
    ["an unknown cuff site", ["cuff", "site"], "calf", "protocol.cuff.site", /"thigh"/],
    ["an unknown inflation scheme", ["cuff", "inflation"], "pulsed", "protocol.cuff.inflation", /"continuous"/],
    ["a cuff width of 1 m", ["cuff", "widthCm"], 100, "protocol.cuff.widthCm", /\[3, 25\] cm/],
    ["a misspelt field", ["restS"], 30, "protocol.restS", /known field/],
    ["a cadence of 0", ["cadenceS"], 0, "protocol.cadenceS", /\[0.5, 10\]/],
    ["a pause as long as the rep", ["repPauseS"], 2, "protocol.repPauseS", /\[0, 2\)/],
    ["fractional exercises", ["exercisesPerSession"], 1.5, "protocol.exercisesPerSession", /integer/],
    ["weekdays that do not match sessions/week", ["weekdays"], [0, 2], "protocol.weekdays", /3 distinct weekdays/],
    ["a weekday 7", ["weekdays"], [0, 2, 7], "protocol.weekdays.2", /\[0, 6\]/],
  ];
  for (const [what, path, value, field, expected] of cases) {
    it(`rejects ${what}`, () => {
      const err = inputErrorOf(() => validateProtocol(withOverride(path, value)));
      expect(err.field).toBe(field);
      expect(err.message).toMatch(expected);
      expect(err.message).toContain("expected");
    });
  }
  it("rejects a progression that takes the load past 100 %1RM", () => {
    const err = inputErrorOf(() =>
      validateProtocol({ ...bfr, intensity: { loadPct1Rm: 80 }, progression: { loadPct1Rm: { increment: 10, everyWeeks: 2 } } }),
    );
    expect(err.field).toBe("protocol.progression.loadPct1Rm");
    expect(err.value).toBe(130);
  });
  it("rejects a pressure progression that passes 100 %AOP", () => {
    const err = inputErrorOf(() =>
      validateProtocol({ ...bfr, progression: { pressure: { increment: 10, everyWeeks: 2 } } }),
    );
    expect(err.field).toBe("protocol.progression.pressure");
  });
  it("rejects a pressure without a cuff", () => {
    const err = inputErrorOf(() => validateProtocol({ ...bfr, cuff: { site: "none", pressure: { mmHg: 150 } } }));
    expect(err.field).toBe("protocol.cuff.pressure");
  });
  it("allows zero sessions only for modality none", () => {
    expect(validateProtocol({ modality: "none", sets: "1 min", sessionsPerWeek: 0, weeks: 4 }).protocol.sessionsPerWeek).toBe(0);
  });
  it("points at the offending line of a YAML file", () => {
    const text = ["modality: knee_extension", "intensity: { loadPct1Rm: 25 }", "sets: 3x15", "cuff:", "  site: thigh", "  pressure:", "    pctAop: 130", "sessionsPerWeek: 3", "weeks: 8"].join("\n");
    const err = inputErrorOf(() => parseProtocol(text, "my-protocol.yaml"));
    expect(err.field).toBe("protocol.cuff.pressure.pctAop");
    expect(err.position).toMatchObject({ file: "my-protocol.yaml", line: 7 });
    expect(err.message.startsWith("my-protocol.yaml:7:")).toBe(true);
  });
  it("reports a YAML syntax error with its position", () => {
    const err = inputErrorOf(() => parseProtocol("modality: [knee_extension\nsets: 3x15", "broken.yaml"));
    expect(err.position?.file).toBe("broken.yaml");
  });
  it("accepts JSON", () => {
    expect(parseProtocol(JSON.stringify(bfr)).protocol.sets).toHaveLength(4);
  });
});

describe("protocol validation: soft limits are warnings", () => {
  const fields = (input: unknown) => validateProtocol(input).warnings.map((w) => w.field);
  it("the review-compliant protocol has none", () => {
    expect(validateProtocol(bfr).warnings).toEqual([]);
  });
  it("warns above 80 %AOP for older adults, but accepts it", () => {
    expect(fields(withOverride(["cuff", "pressure"], { pctAop: 90 }))).toEqual(["cuff.pressure.pctAop"]);
    expect(fields(withOverride(["cuff", "pressure"], { pctAop: 80 }))).toEqual([]);
  });
  it("warns when a pressure progression crosses 80 %AOP", () => {
    expect(fields({ ...bfr, progression: { pressure: { increment: 10, everyWeeks: 4 } } })).toEqual([]); // 60, 70, 80
    expect(fields({ ...bfr, progression: { pressure: { increment: 15, everyWeeks: 4 } } })).toEqual(["cuff.pressure.pctAop"]); // 60, 75, 90
  });
  it("warns for rests over 60 s between BFR sets, not for the same rests without a cuff", () => {
    expect(fields({ ...bfr, restBetweenSetsS: 90 })).toEqual(["restBetweenSetsS"]);
    expect(fields({ ...bfr, restBetweenSetsS: 90, cuff: undefined })).toEqual([]);
  });
  it("warns above the review's 40-50 %AOP on the upper arm", () => {
    const arm = { ...bfr, modality: "elbow_flexion", cuff: { ...bfr.cuff, site: "upper_arm", pressure: { pctAop: 60 } } };
    expect(fields(arm)).toEqual(["cuff.pressure.pctAop"]);
    expect(fields({ ...arm, cuff: { ...arm.cuff, pressure: { pctAop: 45 } } })).toEqual([]);
  });
  it("warns when the cuff is on a limb the exercise does not work", () => {
    expect(fields({ ...bfr, modality: "elbow_flexion" })).toEqual(["cuff.site"]);
    expect(fields({ ...bfr, cuff: { ...bfr.cuff, site: "upper_arm", pressure: { pctAop: 45 } } })).toEqual(["cuff.site"]);
  });
  it("warns for a cuff at zero pressure", () => {
    expect(fields(withOverride(["cuff", "pressure"], { mmHg: 0 }))).toEqual(["cuff.pressure"]);
  });
  it("warns when the cuff width is not given", () => {
    expect(fields({ ...bfr, cuff: { site: "thigh", pressure: { pctAop: 60 } } })).toEqual(["cuff.widthCm"]);
  });
});

describe("protocol presets", () => {
  it("include the five the spec names, all valid, the review protocol by default", () => {
    expect(listPresets("protocols")).toEqual(
      expect.arrayContaining(["review-older-adult", "bfr-walking", "high-load", "low-load", "passive-bfr"]),
    );
    for (const name of listPresets("protocols")) {
      const { protocol } = loadProtocol(name);
      expect(protocol.name).toBe(name);
      expect(protocol.sources?.length ?? 0).toBeGreaterThan(0);
    }
    expect(loadProtocol().protocol.name).toBe("review-older-adult");
  });
  it("the review protocol sits inside the review's ranges", () => {
    const { protocol: p, warnings } = loadProtocol("review-older-adult");
    expect(warnings).toEqual([]);
    expect(p.setsPattern).toBe("30-15-15-15");
    expect(p.intensity.loadPct1Rm).toBeGreaterThanOrEqual(20);
    expect(p.intensity.loadPct1Rm).toBeLessThanOrEqual(30);
    expect(p.restBetweenSetsS).toBeGreaterThanOrEqual(30);
    expect(p.restBetweenSetsS).toBeLessThanOrEqual(60);
    expect(p.cuff).toMatchObject({ site: "thigh", inflation: "continuous" });
    expect(p.cuff.pressure.pctAop).toBeGreaterThanOrEqual(60);
    expect(p.releaseBetweenExercisesS).toBeGreaterThanOrEqual(60);
    expect(p.releaseBetweenExercisesS).toBeLessThanOrEqual(120);
    expect(p.sessionsPerWeek).toBeGreaterThanOrEqual(2);
    expect(p.weeks).toBeGreaterThanOrEqual(6);
    expect(p.weeks).toBeLessThanOrEqual(12);
  });
  it("high-load and low-load have no cuff; passive BFR unloads the limb", () => {
    expect(loadProtocol("high-load").protocol.cuff.site).toBe("none");
    expect(loadProtocol("high-load").protocol.intensity.loadPct1Rm).toBeGreaterThanOrEqual(70);
    expect(loadProtocol("low-load").protocol.cuff.site).toBe("none");
    expect(loadProtocol("passive-bfr").protocol.immobilisation?.durationDays).toBeGreaterThan(0);
  });
});

describe("robustness", () => {
  it("any input either validates or throws an InputError (never a TypeError)", () => {
    const field = fc.oneof(fc.anything(), fc.double(), fc.constantFrom("thigh", "none", "3x15", "20 min", "walking"));
    const arb = fc.record(
      {
        modality: fc.oneof(fc.constantFrom("knee_extension", "walking", "passive", "none", "cycling"), fc.anything()),
        intensity: fc.oneof(fc.record({ loadPct1Rm: field, pctHrr: field, walkingSpeedMPerMin: field }, { requiredKeys: [] }), fc.anything()),
        sets: field,
        restBetweenSetsS: field,
        cuff: fc.oneof(fc.record({ site: field, widthCm: field, pressure: fc.oneof(fc.record({ pctAop: field }), fc.anything()), inflation: field }, { requiredKeys: [] }), fc.anything()),
        sessionsPerWeek: field,
        weeks: field,
        progression: fc.oneof(fc.record({ loadPct1Rm: fc.record({ increment: field, everyWeeks: field }) }, { requiredKeys: [] }), fc.anything()),
        weekdays: field,
        immobilisation: field,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arb, (input) => {
        try {
          validateProtocol(input);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
