/**
 * The sets of one exercise from an arm's `sets_reps` text. Standard patterns go through the
 * protocol's parser ("30-15-15-15", "3x10", "20 min continuous"); the trial-report phrasings
 * ("3 sets to failure", "5 sets x ~14 reps", "4 sets, 75 reps total", "2x10 min BFR bouts",
 * "same as occlusion session") are read here, each reading recorded as an assumption.
 */
import { formatSetsPattern, parseSetsPattern } from "../simulate/sets-pattern.ts";
import type { Modality, SetPrescription } from "../simulate/protocol.ts";
import type { TrialArm } from "./schema.ts";

/** The standard BFR pattern of 75 repetitions (review; Ozaki/Yasuda/Vechin trials). */
const BFR_PATTERN = "30-15-15-15";

/** Sets of an arm and the pattern text they came from. */
export function mapArmSets(
  arm: TrialArm,
  studyArms: readonly TrialArm[],
  modality: Modality,
  hasCuff: boolean,
  assumptions: string[],
): { sets: SetPrescription[]; setsPattern: string } {
  if (modality === "none" && !hasCuff) return { sets: [], setsPattern: "" }; // a non-exercising control
  const text = arm.setsReps?.trim() ?? "";
  const exact = text === "" ? undefined : parseSetsPattern(text);
  if (exact) return { sets: exact, setsPattern: text };
  const read = text === "" ? undefined : readTrialPhrase(arm, text, studyArms, modality, hasCuff);
  if (read) {
    assumptions.push(`sets "${text}" read as ${formatSetsPattern(read.sets)}${read.why ? ` (${read.why})` : ""}`);
    return { sets: read.sets, setsPattern: text };
  }
  const matched = matchedCuffArm(arm, studyArms, modality);
  const sets = matched ? mapArmSets(matched, studyArms, modality, true, []).sets : defaultSets(modality, hasCuff, arm);
  assumptions.push(
    `sets not reported${text ? ` ("${text}" not understood)` : ""}: ${formatSetsPattern(sets)}${matched ? `, as the study's cuff arm ${matched.armId}` : ""}`,
  );
  return { sets, setsPattern: formatSetsPattern(sets) };
}

function readTrialPhrase(
  arm: TrialArm,
  text: string,
  studyArms: readonly TrialArm[],
  modality: Modality,
  hasCuff: boolean,
): { sets: SetPrescription[]; why?: string } | undefined {
  const lowLoad = hasCuff || (arm.loadPct1Rm ?? 100) <= 40;
  const setsXReps = /^(\d+)(?:\s*-\s*(\d+))?\s+sets?\s*x\s*~?(\d+)/i.exec(text);
  if (setsXReps) {
    const lo = Number(setsXReps[1]);
    const n = setsXReps[2] ? Math.round((lo + Number(setsXReps[2])) / 2) : lo;
    return { sets: repeat(n, { reps: Number(setsXReps[3]) }), why: setsXReps[2] ? "middle of the range of sets" : undefined };
  }
  const total = /^(\d+)\s+sets?,\s*(\d+)\s+reps total/i.exec(text);
  if (total) {
    const sets = parseSetsPattern(BFR_PATTERN)!;
    if (Number(total[1]) === sets.length && Number(total[2]) === 75) return { sets, why: "the standard BFR split of 75 repetitions" };
    const per = Math.round(Number(total[2]) / Number(total[1]));
    return { sets: repeat(Number(total[1]), { reps: per }), why: "repetitions split evenly" };
  }
  const failure = /^(\d+)\s+sets?\s+to\s+(?:concentric\s+)?(?:failure|exhaustion)/i.exec(text);
  if (failure) {
    const n = Number(failure[1]);
    if (lowLoad && n === 4) return { sets: parseSetsPattern(BFR_PATTERN)!, why: "low-load sets to failure taken as the standard BFR pattern" };
    const reps = lowLoad ? 15 : 10;
    return { sets: repeat(n, { reps }), why: `sets to failure taken as ${reps} repetitions each` };
  }
  const bouts = /^(\d+)\s*x\s*(\d+(?:\.\d+)?)\s*min/i.exec(text);
  if (bouts) return { sets: repeat(Number(bouts[1]), { durationS: Number(bouts[2]) * 60 }) };
  const minutes = /^(\d+(?:\.\d+)?)\s*min\b/i.exec(text);
  if (minutes) return { sets: [{ durationS: Number(minutes[1]) * 60 }] };
  if (/^same as/i.test(text)) {
    const sibling = studyArms.find(
      (a) => a !== arm && a.modality === modality && a.cuffSite !== "none" && a.setsReps && !/^same as/i.test(a.setsReps),
    );
    const sets = sibling ? mapArmSets(sibling, studyArms, modality, true, []).sets : undefined;
    if (sets) return { sets, why: `as arm ${sibling!.armId}` };
  }
  return undefined;
}

function defaultSets(modality: Modality, hasCuff: boolean, arm: TrialArm): SetPrescription[] {
  if (modality === "walking" || modality === "cycling") return [{ durationS: 20 * 60 }];
  if (modality === "passive" || modality === "none") {
    // Occlusion without exercise: Pierce 2006's 5 × 5-min cycles (doi 10.1152/japplphysiol.00585.2006).
    return repeat(5, { durationS: 5 * 60 });
  }
  const lowLoad = hasCuff || (arm.loadPct1Rm ?? 100) <= 40;
  return lowLoad ? parseSetsPattern(BFR_PATTERN)! : repeat(3, { reps: 10 });
}

function repeat(n: number, set: SetPrescription): SetPrescription[] {
  return Array.from({ length: n }, () => ({ ...set }));
}

/** For a no-cuff arm described as the same exercise "no BFR" / "without BFR": the study's cuff arm of that modality. */
export function matchedCuffArm(arm: TrialArm, studyArms: readonly TrialArm[], modality: Modality): TrialArm | undefined {
  if (arm.cuffSite !== "none") return undefined;
  if (!/\b(no|without)\s+(BFR|blood flow restriction|occlusion)\b/i.test(arm.intensityNote ?? "")) return undefined;
  return studyArms.find((a) => a !== arm && a.cuffSite !== "none" && a.modality === modality);
}
