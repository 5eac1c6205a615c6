import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { randomLcg, randomNormal } from "d3-random";
import { fitWeightedLeastSquares } from "../../../src/trials/fit/least-squares.ts";
import { profileParameter } from "../../../src/trials/fit/profile.ts";
import { leaveOneStudyOut, type Fitter } from "../../../src/trials/fit/cross-validate.ts";
import { writeParameterFile } from "../../../src/trials/fit/parameter-file.ts";
import { BUNDLED_TRIAL_FILES } from "../../../src/trials/load.ts";
import type { FitPoint, FitProblem, Predict } from "../../../src/trials/fit/types.ts";

/** A straight line y = a + b·x observed in 5 studies of 4 points each, seeded noise. */
function lineProblem(seed = 7): FitProblem & { x: Map<string, number> } {
  const noise = randomNormal.source(randomLcg(seed))(0, 0.5);
  const x = new Map<string, number>();
  const points: FitPoint[] = [];
  for (let s = 0; s < 5; s++) {
    for (let k = 0; k < 4; k++) {
      const id = `study${s}/p${k}`;
      const xi = s + k / 4;
      x.set(id, xi);
      points.push({ id, studyId: `study${s}`, observed: 1 + 2 * xi + noise(), sd: 0.5 });
    }
  }
  const predict: Predict = (p, pts) => pts.map((pt) => p.a + p.b * x.get(pt.id)!);
  return {
    x,
    points,
    predict,
    parameters: [
      { name: "a", initial: 0, range: [-10, 10], unit: "1" },
      { name: "b", initial: 0, range: [-10, 10], unit: "1" },
    ],
  };
}

describe("profileParameter", () => {
  it("reproduces the Jacobian interval for a linear model (quadratic χ²)", () => {
    const problem = lineProblem();
    const fit = fitWeightedLeastSquares(problem);
    const prof = profileParameter(problem, fit, "b", { pointsPerSide: 10, spanSe: 4 });
    const [lo, hi] = fit.estimates[1].ci95!;
    // the profile is sampled on a grid and interpolated linearly: agree to a small fraction of the width
    expect(prof.ci95[0]!).toBeCloseTo(lo, 1);
    expect(prof.ci95[1]!).toBeCloseTo(hi, 1);
    expect(Math.abs(prof.ci95[0]! - lo) / (hi - lo)).toBeLessThan(0.02);
    // the minimum of the profile is the overall minimum, at the estimate
    const atEstimate = prof.points.find((p) => p.value === fit.estimates[1].value)!;
    expect(atEstimate.chiSquare).toBeCloseTo(fit.chiSquare, 6);
  });

  it("leaves an interval end open when the profile stays flat up to the bound", () => {
    // y = a·exp(−b·x) with data that only constrain b to be large: b's upper end is the range bound
    const pts: FitPoint[] = [0, 1, 2, 3].map((xx, i) => ({ id: `${i}`, studyId: "s", observed: xx === 0 ? 1 : 0, sd: 0.05 }));
    const problem: FitProblem = {
      parameters: [{ name: "b", initial: 3, range: [0.1, 20] }],
      points: pts,
      predict: (p, ps) => ps.map((pt) => Math.exp(-p.b * Number(pt.id))),
    };
    const fit = fitWeightedLeastSquares(problem, { absoluteSigma: true });
    const prof = profileParameter(problem, fit, "b", { absoluteSigma: true });
    expect(prof.ci95[1]).toBeNull();
    expect(prof.ci95[0]).not.toBeNull();
  });
});

describe("leaveOneStudyOut", () => {
  it("never passes the held-out study to the optimiser (asserted on every point it saw)", () => {
    const problem = lineProblem();
    // One record per fit call: every point id in the problem and every point the model was evaluated on.
    const seenPerFit: Set<string>[] = [];
    const spy: Fitter = (p, o) => {
      const seen = new Set(p.points.map((pt) => pt.id));
      seenPerFit.push(seen);
      const watched: FitProblem = {
        ...p,
        predict: (params, pts) => {
          for (const pt of pts) seen.add(pt.id);
          return p.predict(params, pts);
        },
      };
      return fitWeightedLeastSquares(watched, o);
    };
    const cv = leaveOneStudyOut(problem, {}, spy);
    expect(cv.folds.map((f) => f.heldOutStudy)).toEqual(["study0", "study1", "study2", "study3", "study4"]);
    expect(seenPerFit).toHaveLength(5);
    cv.folds.forEach((fold, i) => {
      const seen = seenPerFit[i];
      expect(seen.size).toBe(16);
      for (const id of seen) expect(id.startsWith(`${fold.heldOutStudy}/`)).toBe(false);
      expect(fold.trainingPoints).toBe(16);
      expect(fold.predictions.map((p) => p.point.studyId)).toEqual(Array(4).fill(fold.heldOutStudy));
    });
    expect(cv.outOfSample).toHaveLength(20);
  });

  it("predicts held-out studies of a correct model within the noise", () => {
    const problem = lineProblem(11);
    const cv = leaveOneStudyOut(problem);
    const rmse = Math.sqrt(cv.outOfSample.reduce((s, o) => s + (o.predicted! - o.point.observed) ** 2, 0) / cv.outOfSample.length);
    expect(rmse).toBeLessThan(1.0); // noise SD 0.5; extrapolating to the end studies costs a little
    for (const f of cv.folds) {
      expect(f.fit!.estimates[1].value).toBeGreaterThan(1.5);
      expect(f.fit!.estimates[1].value).toBeLessThan(2.5);
    }
  });

  it("records a failed fold and carries on", () => {
    const problem = lineProblem();
    const cv = leaveOneStudyOut(problem, {}, (p, o) => {
      if (!p.points.some((pt) => pt.studyId === "study2")) throw new Error("diverged");
      return fitWeightedLeastSquares(p, o);
    });
    const failed = cv.folds.find((f) => f.heldOutStudy === "study2")!;
    expect(failed.error).toBe("diverged");
    expect(failed.predictions.every((p) => p.predicted === null)).toBe(true);
    expect(cv.folds.filter((f) => f.fit !== null)).toHaveLength(4);
  });
});

describe("writeParameterFile", () => {
  it("writes estimates, intervals, correlations and provenance (data hashes, points, date, version)", () => {
    const problem = lineProblem();
    const fit = fitWeightedLeastSquares(problem);
    const prof = profileParameter(problem, fit, "a");
    const dir = mkdtempSync(path.join(tmpdir(), "bfrsim-fit-"));
    const file = path.join(dir, "models", "parameters", "line.yaml");
    const outside = path.join(dir, "extra-outcomes.csv"); // a data file outside the working directory
    writeFileSync(outside, "study_id\n");
    writeParameterFile(
      file,
      fit,
      {
        dataFiles: [BUNDLED_TRIAL_FILES.arms, BUNDLED_TRIAL_FILES.outcomes, outside],
        pointIds: problem.points.map((p) => p.id),
        studies: ["study0", "study1", "study2", "study3", "study4"],
        description: "synthetic straight line",
        date: new Date("2026-01-02T03:04:05Z"),
      },
      [prof],
    );
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# Written by bfrsim")).toBe(true);
    const doc = parse(text);
    expect(doc.provenance.date).toBe("2026-01-02T03:04:05.000Z");
    // files inside the project (vitest's working directory) are recorded relative to it, so a
    // committed parameter file carries no machine's absolute paths; others stay absolute
    expect(doc.provenance.data.map((d: { file: string }) => d.file)).toEqual(["data/trials/arms.csv", "data/trials/outcomes.csv", outside]);
    expect(doc.provenance.data[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.provenance.points).toHaveLength(20);
    expect(doc.parameters.b.value).toBeCloseTo(fit.estimates[1].value, 12);
    expect(doc.parameters.b.ci95).toEqual(fit.estimates[1].ci95);
    expect(doc.parameters.a.ci95Profile).toEqual(prof.ci95);
    expect(doc.correlations.names).toEqual(["a", "b"]);
    expect(doc.fit).toMatchObject({ n: 20, p: 2, dof: 18 });
  });
});
