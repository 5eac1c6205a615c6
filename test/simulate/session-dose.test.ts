import { describe, expect, it } from "vitest";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { compileSchedule } from "../../src/simulate/schedule.ts";
import { sessionDoses } from "../../src/simulate/session-dose.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";

const woman = loadSubject("older-woman");

describe("session dose", () => {
  it("review protocol: 150 reps, 5 min of sets, cuff on 4 min per exercise, released between exercises", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const doses = sessionDoses(protocol, compileSchedule(protocol, woman));
    expect(doses).toHaveLength(36);
    const d = doses[0]!;
    expect(d.reps).toBe(2 * 75);
    expect(d.workS).toBe(2 * 150);
    // per exercise: 150 s of sets + 90 s of rests with the cuff kept on
    expect(d.cuffInflatedS).toBe(2 * 240);
    expect(d.longestInflationS).toBe(240);
  });
  it("deflating in rests shortens both the cuff time and the longest inflation", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const deflated = remakeProtocol(protocol, { "cuff.inflation": "deflated_in_rests" }).protocol;
    const d = sessionDoses(deflated, compileSchedule(deflated, woman))[0]!;
    expect(d.cuffInflatedS).toBe(2 * 150);
    expect(d.longestInflationS).toBe(60);
  });
  it("no cuff, no inflation; BFR walking is one 20-min inflation", () => {
    const hl = loadProtocol("high-load").protocol;
    expect(sessionDoses(hl, compileSchedule(hl, woman))[0]!.cuffInflatedS).toBe(0);
    const walk = loadProtocol("bfr-walking").protocol;
    const d = sessionDoses(walk, compileSchedule(walk, woman))[0]!;
    expect([d.reps, d.workS, d.longestInflationS]).toEqual([0, 1200, 1200]);
  });
});
