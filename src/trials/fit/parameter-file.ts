/**
 * The parameter file a calibration writes (models/parameters/<name>.yaml): the estimates with
 * their intervals and correlations, and the provenance — which data (files and their SHA-256,
 * the rows used), when, with which fit and which bfrsim version — so a shipped default can be
 * traced back to the fit that produced it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { VERSION } from "../../version.ts";
import type { FitResult } from "./types.ts";
import type { Profile } from "./profile.ts";

/** Where the fitted data came from and how the fit was run. */
export interface FitProvenance {
  /** Data files used (e.g. the bundled arms.csv and outcomes.csv); hashed when written. */
  dataFiles: readonly string[];
  /** Ids of the points fitted (outcome rows), and the studies they came from. */
  pointIds: readonly string[];
  studies: readonly string[];
  /** Model file(s) whose parameters were fitted, if any. */
  modelFiles?: readonly string[];
  /** Free-text description of the fit (command line, objective, options). */
  description: string;
  /** Fit time (default: now). */
  date?: Date;
}

/** The document written to the YAML file. */
export interface ParameterFileDocument {
  provenance: {
    date: string;
    bfrsimVersion: string;
    method: string;
    description: string;
    data: { file: string; sha256: string }[];
    models: { file: string; sha256: string }[];
    studies: string[];
    points: string[];
  };
  fit: { n: number; p: number; dof: number; chiSquare: number; reducedChiSquare: number | null; iterations: number };
  parameters: Record<
    string,
    {
      value: number;
      unit?: string;
      range: [number, number];
      se: number | null;
      ci95: [number, number] | null;
      ci95Profile?: [number | null, number | null];
      atBound: boolean;
    }
  >;
  correlations: { names: string[]; matrix: number[][] } | null;
}

/** Builds the parameter-file document from a fit, optional profiles and the provenance. */
export function parameterFileDocument(fit: FitResult, provenance: FitProvenance, profiles: readonly Profile[] = []): ParameterFileDocument {
  const profileOf = new Map(profiles.map((p) => [p.name, p]));
  const parameters: ParameterFileDocument["parameters"] = {};
  for (const e of fit.estimates) {
    const prof = profileOf.get(e.name);
    parameters[e.name] = {
      value: e.value,
      ...(e.unit ? { unit: e.unit } : {}),
      range: e.range,
      se: e.se,
      ci95: e.ci95,
      ...(prof ? { ci95Profile: prof.ci95 } : {}),
      atBound: e.atBound,
    };
  }
  return {
    provenance: {
      date: (provenance.date ?? new Date()).toISOString(),
      bfrsimVersion: VERSION,
      method:
        "weighted least squares (weights 1/SD²), bounded Levenberg-Marquardt (ml-levenberg-marquardt) on whitened residuals; covariance s²(JᵀWJ)⁻¹, 95 % t-intervals",
      description: provenance.description,
      data: provenance.dataFiles.map((f) => ({ file: recordedPath(f), sha256: sha256Of(f) })),
      models: (provenance.modelFiles ?? []).map((f) => ({ file: recordedPath(f), sha256: sha256Of(f) })),
      studies: [...provenance.studies],
      points: [...provenance.pointIds],
    },
    fit: {
      n: fit.n,
      p: fit.p,
      dof: fit.dof,
      chiSquare: fit.chiSquare,
      reducedChiSquare: fit.dof > 0 ? fit.chiSquare / fit.dof : null,
      iterations: fit.iterations,
    },
    parameters,
    correlations: fit.correlations ? { names: fit.estimates.map((e) => e.name), matrix: fit.correlations } : null,
  };
}

/** Writes the parameter file as YAML (creating its directory); returns the document written. */
export function writeParameterFile(
  file: string,
  fit: FitResult,
  provenance: FitProvenance,
  profiles: readonly Profile[] = [],
): ParameterFileDocument {
  const doc = parameterFileDocument(fit, provenance, profiles);
  mkdirSync(path.dirname(file), { recursive: true });
  const header = `# Written by bfrsim ${VERSION} on ${doc.provenance.date}: a calibration result. Do not edit by hand;\n# refit instead (the provenance below says with which data and how).\n`;
  writeFileSync(file, header + stringify(doc));
  return doc;
}

/**
 * A path as the provenance records it: relative to the working directory (the project root when
 * run as documented) when the file lies inside it, so a committed parameter file does not carry
 * one machine's absolute paths; absolute otherwise.
 */
function recordedPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : path.resolve(file);
}

function sha256Of(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
