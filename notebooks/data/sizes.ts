/**
 * How much the build-time data loaders compute. `full` is what `npm run notebooks:build` ships;
 * `quick` is the same pipeline on small grids and short programmes, for the browser tests in
 * `npm test` (the pages draw the same charts from either).
 */
import type { VariableRange } from "../../src/sweep/scale.ts";

export interface DataSize {
  name: "quick" | "full";
  /** Programme length of the programme page's runs, weeks. */
  programmeWeeks: number;
  sweep: { pressurePctAop: number[]; loadPct1Rm: number[]; sessionsPerWeek: number[]; weeks: number };
  /** Bundled trial arms compared (null: all). */
  trialArms: number | null;
  sensitivity: {
    weeks: number;
    morrisTrajectories: number;
    morrisFactors: Record<string, Required<VariableRange>>;
    sobolBaseRows: number;
    sobolFactors: Record<string, Required<VariableRange>>;
    cohortSize: number;
    cohortFactors: Record<string, Required<VariableRange>>;
  };
  /** Sweep worker threads. */
  workers: number;
}

const lin = (min: number, max: number): Required<VariableRange> => ({ min, max, scale: "linear" });

/** Model parameters whose ranges (declared in models/) matter most for growth: Morris screens five, Sobol' splits three. */
const MORRIS_FACTORS = {
  "signalling.anabolicResistanceAt70": lin(0.1, 0.6),
  "signalling.swellingWeight": lin(0.3, 2),
  "signalling.mtorc1OffRate": lin(0.015, 0.1),
  "fatigue.recruitmentThreshold": lin(0.1, 0.4),
  "cuff.cuffTransmission": lin(0.45, 1),
};
const SOBOL_FACTORS = {
  "signalling.anabolicResistanceAt70": lin(0.1, 0.6),
  "signalling.swellingWeight": lin(0.3, 2),
  "fatigue.recruitmentThreshold": lin(0.1, 0.4),
};
/** A virtual cohort of older adults: age, inflammation and training history vary (subject fields). */
const COHORT_FACTORS = {
  "subject.ageYr": lin(62, 85),
  "subject.inflammationLevel": lin(0.6, 2),
  "subject.trainingStatus": lin(0, 0.5),
};

export const SIZES: Record<DataSize["name"], DataSize> = {
  quick: {
    name: "quick",
    programmeWeeks: 3,
    sweep: { pressurePctAop: [40, 60, 80], loadPct1Rm: [20, 30], sessionsPerWeek: [2, 3], weeks: 2 },
    trialArms: 2,
    sensitivity: {
      weeks: 1, morrisTrajectories: 2, morrisFactors: MORRIS_FACTORS,
      sobolBaseRows: 2, sobolFactors: SOBOL_FACTORS, cohortSize: 6, cohortFactors: COHORT_FACTORS,
    },
    // One worker: the tests run beside other test files on 2 cores; a second pool worker would
    // only compile the model twice.
    workers: 1,
  },
  full: {
    name: "full",
    programmeWeeks: 12,
    sweep: { pressurePctAop: [20, 40, 60, 80, 100], loadPct1Rm: [20, 30, 40], sessionsPerWeek: [2, 3], weeks: 6 },
    trialArms: null,
    sensitivity: {
      weeks: 4, morrisTrajectories: 4, morrisFactors: MORRIS_FACTORS,
      sobolBaseRows: 8, sobolFactors: SOBOL_FACTORS, cohortSize: 32, cohortFactors: COHORT_FACTORS,
    },
    workers: 2,
  },
};
