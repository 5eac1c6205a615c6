import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { validateProtocol } from "../../src/simulate/protocol-validate.ts";
import { parseOverrideValue, protocolToInput, remakeProtocol, remakeSubject } from "../../src/simulate/remake.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";

describe("remake", () => {
  it("a protocol round-trips through its input form unchanged", () => {
    for (const name of ["review-older-adult", "bfr-walking", "passive-bfr"]) {
      const { protocol } = loadProtocol(name);
      const again = validateProtocol(protocolToInput(protocol)).protocol;
      expect({ ...again, setsPattern: "" }).toEqual({ ...protocol, setsPattern: "" });
    }
  });
  it("changes only the named field and leaves the original alone", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const { protocol: higher, warnings } = remakeProtocol(protocol, { "cuff.pressure.pctAop": 85 });
    expect(higher.cuff.pressure.pctAop).toBe(85);
    expect(protocol.cuff.pressure.pctAop).toBe(60);
    expect(higher.sets).toEqual(protocol.sets);
    expect(warnings.map((w) => w.field)).toContain("cuff.pressure.pctAop");
  });
  it("a remade cadence re-derives the duty unless the duty was given explicitly", () => {
    const { protocol } = loadProtocol("review-older-adult");
    expect(remakeProtocol(protocol, { cadenceS: 4, repPauseS: 2 }).protocol.contractionDuty).toBeCloseTo(0.375, 12);
    const explicit = remakeProtocol(protocol, { contractionDuty: 0.6 }).protocol;
    expect(remakeProtocol(explicit, { cadenceS: 3 }).protocol.contractionDuty).toBe(0.6);
  });
  it("switching a %AOP pressure to mmHg replaces it", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const p = remakeProtocol(protocol, { "cuff.pressure.mmHg": 150, progression: {} }).protocol;
    expect(p.cuff.pressure).toEqual({ mmHg: 150 });
  });
  it("validates the result: a bad override is an InputError naming the field", () => {
    const { protocol } = loadProtocol("review-older-adult");
    expect(() => remakeProtocol(protocol, { "intensity.loadPct1Rm": 140 })).toThrow(InputError);
    expect(() => remakeProtocol(protocol, { "intensity.loadPct1Rm": 140 })).toThrow(/protocol.intensity.loadPct1Rm/);
    expect(() => remakeProtocol(protocol, { "weeks.value": 3 })).toThrow(/weeks is a value/);
  });
  it("remakes a subject and revalidates it", () => {
    const s = remakeSubject(loadSubject("older-woman"), { ageYr: 80 });
    expect(s.ageYr).toBe(80);
    expect(() => remakeSubject(s, { dbpMmHg: 200 })).toThrow(/subject.dbpMmHg/);
  });
  it("parses --set values", () => {
    expect(parseOverrideValue("70")).toBe(70);
    expect(parseOverrideValue("true")).toBe(true);
    expect(parseOverrideValue("thigh")).toBe("thigh");
  });
});
