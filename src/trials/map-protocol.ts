/**
 * Trial arm → Protocol (src/simulate/protocol.ts): modality, load or walking intensity, sets and
 * reps, rest, cuff (site, width, pressure in %AOP or mmHg), sessions per week, weeks, detraining.
 * What the arm does not report is filled from PROTOCOL_MAPPING_DEFAULTS and recorded, in words,
 * in `assumptions`.
 */
import type {
  CuffPressure,
  Intensity,
  Modality,
  Progression,
  Protocol,
  ProtocolInput,
  ProtocolWarning,
  SetPrescription,
} from "../simulate/protocol.ts";
import { PROTOCOL_DEFAULTS, validateProtocol } from "../simulate/protocol-validate.ts";
import { RESISTANCE_MODALITIES } from "../simulate/protocol.ts";
import type { CuffSite } from "../simulate/subject.ts";
import type { TrialArm } from "./schema.ts";
import { mapArmSets, matchedCuffArm } from "./map-sets.ts";

/** Defaults for what arms leave unreported; each use is recorded as an assumption. */
export const PROTOCOL_MAPPING_DEFAULTS = {
  /** Low load of a BFR arm, %1RM: middle of the review's 20-30 %1RM (Chen et al. 2021). */
  bfrLoadPct1Rm: 25,
  /** Load of a conventional (no-cuff) resistance arm, %1RM: the review's high load 70-80 %1RM. */
  highLoadPct1Rm: 75,
  /** Load of a no-cuff arm described as low-load/low-intensity, %1RM (matches the BFR default). */
  lowLoadPct1Rm: 25,
  /** Cuff pressure of a thigh cuff when none is reported, %AOP: middle of the review's 60-80 %AOP lower limb. */
  thighPctAop: 70,
  /** Cuff pressure of an upper-arm cuff when none is reported, %AOP: middle of the review's 40-50 %AOP. */
  upperArmPctAop: 45,
  /** Thigh cuff width when unreported, cm (assumed: between the 5-cm KAATSU belts and 10-18-cm nylon cuffs of the trials). */
  thighCuffWidthCm: 10,
  /** Upper-arm cuff width when unreported, cm (assumed: narrow arm cuffs of the KAATSU-style trials). */
  upperArmCuffWidthCm: 5,
  /** Rest between sets of a BFR arm, s: lower end of the review's 30-60 s. */
  bfrRestS: 30,
  /** Rest between sets of a no-cuff resistance arm, s (assumed: conventional 60-120 s). */
  conventionalRestS: 90,
  /** Reperfusion between occlusion cycles without exercise, s (Pierce 2006, doi 10.1152/japplphysiol.00585.2006). */
  occlusionReperfusionS: 180,
  /** Sessions per week of a training arm that does not say, /week: the review's 2-3. */
  sessionsPerWeek: 3,
  /** Passive mobilisation in intensive care is daily (assumed), /week. */
  passiveSessionsPerWeek: 7,
  /** Exercises per session of a multi-exercise programme that does not list them (assumed). */
  multiExercisesPerSession: 2,
} as const;

/** An arm's protocol, validated by the simulate layer, with its soft-limit warnings. */
export interface MappedProtocol {
  protocol: Protocol;
  warnings: ProtocolWarning[];
}

/** Maps the exercise, cuff and schedule of an arm to a validated Protocol; the cuff pressure may stay in mmHg. */
export function mapArmProtocol(arm: TrialArm, studyArms: readonly TrialArm[], assumptions: string[]): MappedProtocol {
  const modality = armModality(arm, assumptions);
  const hasCuff = arm.cuffSite !== "none";
  const resistance = RESISTANCE_MODALITIES.includes(modality);
  const { sets, setsPattern } = mapArmSets(arm, studyArms, modality, hasCuff, assumptions);
  const schedule = armSchedule(arm, modality, assumptions);
  const input: ProtocolInput = {
    name: `${arm.studyId}/${arm.armId}`,
    description: `${arm.citation}: ${arm.armId}${arm.intensityNote ? ` (${arm.intensityNote})` : ""}`,
    modality,
    intensity: armIntensity(arm, studyArms, modality, hasCuff, assumptions),
    // A non-exercising control never has a session (sessionsPerWeek 0); the set is a placeholder.
    sets: sets.length > 0 ? sets : [{ durationS: 60 }],
    restBetweenSetsS: armRest(arm, sets, resistance, hasCuff || matchedCuffArm(arm, studyArms, modality) !== undefined, assumptions),
    exercisesPerSession: armExercises(arm, modality, assumptions),
    passiveMotion: modality === "passive",
    cuff: armCuff(arm, modality, assumptions),
    ...schedule,
    progression: armProgression(arm, assumptions),
    sources: [arm.doi ? `${arm.citation}, doi ${arm.doi}` : arm.citation],
  };
  if (/ICU|comatose|bed-?bound|bedridden/i.test(arm.population)) {
    input.immobilisation = { startDay: 0, durationDays: (schedule.weeks + schedule.detrainingWeeks) * 7 };
    assumptions.push("bed-bound patients: the limb is unloaded for the whole period");
  }
  if (resistance) assumptions.push(`cadence not reported: ${PROTOCOL_DEFAULTS.cadenceS} s per repetition (protocol default)`);
  const { protocol, warnings } = validateProtocol(input, { name: input.name });
  return { protocol: { ...protocol, setsPattern: sets.length > 0 ? setsPattern : "" }, warnings };
}

function armModality(arm: TrialArm, assumptions: string[]): Modality {
  if (arm.modality !== null) return arm.modality;
  assumptions.push("modality not reported: no exercise (modality none)");
  return "none";
}

/** Load (%1RM) for resistance work; speed and %HRR parsed from the intensity note for walking. */
function armIntensity(arm: TrialArm, studyArms: readonly TrialArm[], modality: Modality, hasCuff: boolean, assumptions: string[]): Intensity {
  const d = PROTOCOL_MAPPING_DEFAULTS;
  const note = arm.intensityNote ?? "";
  if (modality === "walking" || modality === "cycling") {
    const intensity: Intensity = {};
    const hrr = /(\d+(?:\.\d+)?)\s*%\s*HRR/i.exec(note);
    if (hrr) intensity.pctHrr = Number(hrr[1]);
    const mPerMin = /(\d+(?:\.\d+)?)\s*m\/min/i.exec(note);
    const kmh = /(\d+(?:\.\d+)?)\s*km\/h/i.exec(note);
    if (mPerMin) intensity.walkingSpeedMPerMin = Number(mPerMin[1]);
    else if (kmh) intensity.walkingSpeedMPerMin = (Number(kmh[1]) * 1000) / 60;
    if (intensity.pctHrr === undefined && intensity.walkingSpeedMPerMin === undefined) {
      intensity.walkingSpeedMPerMin = (4 * 1000) / 60;
      assumptions.push("walking intensity not reported: 4 km/h (the speed of the BFR-walking trials)");
    }
    return intensity;
  }
  if (!RESISTANCE_MODALITIES.includes(modality)) return {};
  if (arm.loadPct1Rm !== null) return { loadPct1Rm: arm.loadPct1Rm };
  const mvc = /(\d+(?:\.\d+)?)\s*%\s*MVC/i.exec(note);
  if (mvc) {
    assumptions.push(`load given as ${mvc[1]} % MVC: taken as ${mvc[1]} %1RM`);
    return { loadPct1Rm: Number(mvc[1]) };
  }
  // A matched control ("…, no BFR", "without BFR") does the cuff arm's exercise at its load.
  const matched = matchedCuffArm(arm, studyArms, modality);
  if (matched) {
    const load = matched.loadPct1Rm ?? d.bfrLoadPct1Rm;
    assumptions.push(`load not reported: ${load} %1RM, as the study's cuff arm ${matched.armId} (a matched control without the cuff)`);
    return { loadPct1Rm: load };
  }
  const described = `${arm.armId} ${note}`;
  const low = hasCuff || /low[- ](load|intensity)/i.test(described);
  const load = hasCuff ? d.bfrLoadPct1Rm : low ? d.lowLoadPct1Rm : d.highLoadPct1Rm;
  const why = hasCuff ? "BFR arm: the review's 20-30 %1RM" : low ? "described as low-load" : "no-cuff training arm: the review's high load 70-80 %1RM";
  assumptions.push(`load not reported: ${load} %1RM (${why})`);
  return { loadPct1Rm: load };
}

function armRest(arm: TrialArm, sets: readonly SetPrescription[], resistance: boolean, hasCuff: boolean, assumptions: string[]): number {
  if (arm.restS !== null) return arm.restS;
  if (sets.length <= 1) return 0;
  const d = PROTOCOL_MAPPING_DEFAULTS;
  // Occlusion cycles without exercise: Pierce 2006's 3-min reperfusion between 5-min occlusions.
  if (sets[0].durationS !== undefined && !resistance && arm.modality !== "walking") return d.occlusionReperfusionS;
  const rest = hasCuff || !resistance ? d.bfrRestS : d.conventionalRestS;
  assumptions.push(`rest between sets not reported: ${rest} s`);
  return rest;
}

function armExercises(arm: TrialArm, modality: Modality, assumptions: string[]): number {
  if (modality === "knee_extension_and_flexion") return 2;
  if (!["mixed_resistance", "elastic_band", "functional"].includes(modality)) return 1;
  const note = arm.intensityNote ?? "";
  const counted = /(\d+)\s+(?:[a-z-]+\s+){0,3}exercises/i.exec(note);
  const listed = note
    .replace(/\(.*?\)/g, "")
    .split(";")
    .pop()!
    .split(/,|\+| and /)
    .filter((s) => EXERCISE_WORD.test(s));
  const n = counted ? Number(counted[1]) : listed.length >= 2 ? listed.length : PROTOCOL_MAPPING_DEFAULTS.multiExercisesPerSession;
  assumptions.push(
    counted || listed.length >= 2
      ? `exercises per session: ${n}, counted from "${note}"`
      : `exercises per session not reported: ${n}`,
  );
  return n;
}

/** Words that name a resistance exercise in an intensity note. */
const EXERCISE_WORD = /press|extension|curl|flexion|squat|row|raise|lunge|calf|pull|push/i;

/** The cuff: none for cuff-less arms; else site, width and pressure (%AOP, or mmHg as reported). */
function armCuff(arm: TrialArm, modality: Modality, assumptions: string[]): NonNullable<ProtocolInput["cuff"]> {
  const d = PROTOCOL_MAPPING_DEFAULTS;
  if (arm.cuffSite === "none") {
    return { site: "none", widthCm: d.thighCuffWidthCm, pressure: { mmHg: 0 }, inflation: "continuous" };
  }
  const site = arm.cuffSite ?? inferCuffSite(arm, modality, assumptions);
  let widthCm = arm.cuffWidthCm;
  if (widthCm === null) {
    widthCm = site === "thigh" ? d.thighCuffWidthCm : d.upperArmCuffWidthCm;
    assumptions.push(`cuff width not reported: ${widthCm} cm (default for the ${site === "thigh" ? "thigh" : "upper arm"})`);
  }
  let pressure: CuffPressure;
  if (arm.cuffPressurePctAop !== null) {
    pressure = { pctAop: arm.cuffPressurePctAop };
  } else if (arm.cuffPressureMmHg !== null) {
    pressure = { mmHg: arm.cuffPressureMmHg };
  } else {
    const pct = site === "thigh" ? d.thighPctAop : d.upperArmPctAop;
    pressure = { pctAop: pct };
    assumptions.push(`cuff pressure not reported: ${pct} %AOP (middle of the review's ${site === "thigh" ? "60-80" : "40-50"} %AOP)`);
  }
  const inflation = /deflated|intermittent/i.test(arm.notes) ? "deflated_in_rests" : "continuous";
  return { site, widthCm, pressure, inflation };
}

function inferCuffSite(arm: TrialArm, modality: Modality, assumptions: string[]): CuffSite {
  const text = `${arm.intensityNote ?? ""} ${arm.notes}`;
  const arms = /arm curl|biceps|triceps|elbow|press-down|upper arm/i.test(text);
  const legs = /leg|knee|thigh|squat|calf|walk/i.test(text) || modality === "walking" || modality === "passive";
  const site: CuffSite = arms && !legs && modality !== "knee_extension" ? "upper_arm" : "thigh";
  assumptions.push(`cuff site not reported: ${site === "thigh" ? "thigh" : "upper arm"} (from the exercise described)`);
  return site;
}

function armSchedule(arm: TrialArm, modality: Modality, assumptions: string[]): Pick<Protocol, "sessionsPerWeek" | "weeks" | "detrainingWeeks" | "weekdays"> {
  const d = PROTOCOL_MAPPING_DEFAULTS;
  if (arm.design === "acute") {
    assumptions.push("acute design: one session on day 0");
    const control = modality === "none" && arm.cuffSite === "none";
    return control
      ? { sessionsPerWeek: 0, weeks: 1, detrainingWeeks: 0 }
      : { sessionsPerWeek: 1, weeks: 1, detrainingWeeks: 0, weekdays: [0] };
  }
  let sessionsPerWeek = arm.sessionsPerWeek;
  if (modality === "none" && arm.cuffSite === "none") sessionsPerWeek = 0;
  else if (sessionsPerWeek === null) {
    sessionsPerWeek = modality === "passive" ? d.passiveSessionsPerWeek : d.sessionsPerWeek;
    assumptions.push(`sessions per week not reported: ${sessionsPerWeek}`);
  }
  let weeks = arm.weeks;
  if (weeks === null) {
    const sessions = /(\d+)\s+sessions/.exec(`${arm.notes} ${arm.intensityNote ?? ""}`);
    const days = /(?:about|~)\s*(\d+)\s+days/.exec(arm.notes);
    if (sessions && sessionsPerWeek > 0) {
      weeks = Number(sessions[1]) / sessionsPerWeek;
      assumptions.push(`weeks not reported: ${sessions[1]} sessions at ${sessionsPerWeek}/week = ${round(weeks)} weeks`);
    } else if (days) {
      weeks = Number(days[1]) / 7;
      assumptions.push(`weeks not reported: ${days[1]} days from the notes`);
    } else {
      weeks = 12;
      assumptions.push("weeks not reported: 12 weeks (the review's 6-12-week programme, upper end)");
    }
  }
  return { sessionsPerWeek, weeks, detrainingWeeks: arm.detrainingWeeks ?? 0 };
}

/** Progressions stated in the notes: walking speed (+x km/h every n wk) and cuff pressure (+x% every n weeks). */
function armProgression(arm: TrialArm, assumptions: string[]): Protocol["progression"] {
  const text = `${arm.intensityNote ?? ""} ${arm.notes}`;
  const progression: { walkingSpeedMPerMin?: Progression; pressure?: Progression } = {};
  const speed = /\+\s*(\d+(?:\.\d+)?)\s*km\/h every (\d+)\s*(?:wk|weeks?)/i.exec(text);
  if (speed) progression.walkingSpeedMPerMin = { increment: (Number(speed[1]) * 1000) / 60, everyWeeks: Number(speed[2]) };
  const pressure = /\+\s*(\d+(?:\.\d+)?)\s*%\s*every (\d+)\s*(?:wk|weeks?)/i.exec(text);
  if (pressure && arm.cuffPressurePctAop !== null) {
    progression.pressure = { increment: Number(pressure[1]), everyWeeks: Number(pressure[2]) };
    assumptions.push(`cuff pressure progression read as +${pressure[1]} %AOP every ${pressure[2]} weeks`);
  }
  return progression;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
