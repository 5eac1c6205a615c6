/** Shapes of the build-time JSON files (notebooks/data/*.ts writes them). */
import type { MorrisIndex } from "../../src/analysis/morris.ts";
import type { SobolIndex } from "../../src/analysis/sobol-indices.ts";
import type { ComparisonPlotPoint } from "../../src/trials/comparison-plot.ts";

/** Fields every data file carries. */
export interface DataStamp {
  bfrsim: string;
  model: { name: string; contentHash: string };
  size: "quick" | "full";
  generated: string;
  elapsedS: number;
}

export interface ProgrammeRun {
  subject: string;
  arm: string;
  protocolName: string;
  protocolSummary: string;
  timeS: number[];
  series: Record<string, { unit: string; values: number[] }>;
  outcomes: Array<{ label: string; unit: string; value: number | null }>;
  status: string;
}

export interface ProgrammeData extends DataStamp {
  arms: Array<{ id: string; label: string; protocol: string }>;
  subjects: Array<{ id: string; label: string; subject: string }>;
  weeks: number;
  runs: ProgrammeRun[];
}

export interface DoseResponseData extends DataStamp {
  protocol: string;
  subject: string;
  weeks: number;
  note: string;
  envelope: { maxPctAop: number; maxRestWithCuffS: number; source: string };
  outcomes: Array<{ column: string; label: string; unit: string }>;
  rows: Array<{ pressurePctAop: number; loadPct1Rm: number; sessionsPerWeek: number } & Record<string, number | null>>;
}

export interface TrialsData extends DataStamp {
  armsCompared: number;
  armsAvailable: number;
  summary: { n: number; rmse: number | null; fraction_within: number | null; direction_agreement: number | null; spearman: number | null };
  points: ComparisonPlotPoint[];
  studies: string[];
  identity: [number, number];
}

export interface SensitivityData extends DataStamp {
  protocol: string;
  subject: string;
  weeks: number;
  outcome: { column: string; label: string; unit: string };
  morris: { trajectories: number; indices: MorrisIndex[] };
  sobol: { baseRows: number; indices: SobolIndex[] };
  cohort: { members: Array<{ ageYr: number; inflammationLevel: number; trainingStatus: number; csaChangePct: number; strengthChangePct: number }> };
}
