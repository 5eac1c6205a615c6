/**
 * Trial arm → the simulated participants: a cohort of one or two subjects (a mixed-sex arm is
 * simulated as a man and a woman weighted by the reported split), each a preset from
 * models/subjects/ adjusted to the arm's age and sex. Every choice the arm does not state is
 * written into `assumptions`.
 */
import { loadSubject } from "../simulate/subject-load.ts";
import { validateSubject } from "../simulate/subject-validate.ts";
import type { MenopausalStatus, Sex, Subject } from "../simulate/subject.ts";
import type { TrialArm } from "./schema.ts";

/** One simulated participant type and its share of the arm (shares sum to 1). */
export interface CohortMember {
  share: number;
  subject: Subject;
  /** The preset the subject was built from (models/subjects/<preset>.yaml). */
  preset: string;
}

/** Choices used when an arm does not report something; each use is recorded as an assumption. */
export const SUBJECT_MAPPING_DEFAULTS = {
  /** assumed: arms are "older adults" unless stated young; 70 y is the presets' older age. */
  olderAgeYr: 70,
  /** assumed: the young-adult preset's age (mechanistic studies of 18-30-year-olds). */
  youngAgeYr: 23,
  /** Below this mean age an arm is simulated with the young-adult preset, yr (assumed). */
  youngBelowAgeYr: 40,
  /** Median age at natural menopause ≈ 51 y (assumed; used only when the arm does not say). */
  menopauseAgeYr: 51,
} as const;

/** Maps an arm's population, age and sex to a weighted cohort of subjects. */
export function mapArmSubjects(arm: TrialArm, assumptions: string[]): CohortMember[] {
  const d = SUBJECT_MAPPING_DEFAULTS;
  const ageYr = armAge(arm, assumptions);
  const young = ageYr < d.youngBelowAgeYr;
  const sarcopenic = /sarcopeni/i.test(arm.population);
  const shares = sexShares(arm, assumptions);
  return shares.map(({ sex, share }) => {
    const preset: string = sarcopenic ? "sarcopenic-older-adult" : young ? "young-adult" : sex === "female" ? "older-woman" : "older-man";
    const base = loadSubject(preset);
    const menopausalStatus = menopauseOf(sex, ageYr, arm, assumptions);
    const subject = validateSubject(
      {
        ...base,
        name: `${arm.studyId}/${arm.armId}${shares.length > 1 ? `/${sex}` : ""}`,
        description: `${arm.population} (from preset ${preset})`,
        ageYr,
        sex,
        menopausalStatus,
      },
      { name: preset },
    );
    if (base.sex !== sex) {
      assumptions.push(`preset ${preset} (a ${base.sex}'s anthropometry and strength) used with sex = ${sex}`);
    }
    return { share, subject, preset };
  });
}

/** Mean age: reported, else the midpoint of an age range in the population text, else a default. */
function armAge(arm: TrialArm, assumptions: string[]): number {
  if (arm.ageMeanYr !== null) return arm.ageMeanYr;
  const range = /(\d{2})\s*-\s*(\d{2})\s*y/.exec(arm.population);
  if (range) {
    const mid = (Number(range[1]) + Number(range[2])) / 2;
    assumptions.push(`age not reported: midpoint ${mid} y of the population's range ${range[1]}-${range[2]} y`);
    return mid;
  }
  const atLeast = />=\s*(\d{2})\s*y/.exec(arm.population);
  if (atLeast) {
    const age = Math.max(Number(atLeast[1]), SUBJECT_MAPPING_DEFAULTS.olderAgeYr);
    assumptions.push(`age not reported (population ≥ ${atLeast[1]} y): ${age} y assumed`);
    return age;
  }
  const young = /young/i.test(arm.population);
  const age = young ? SUBJECT_MAPPING_DEFAULTS.youngAgeYr : SUBJECT_MAPPING_DEFAULTS.olderAgeYr;
  assumptions.push(`age not reported: ${age} y assumed (${young ? "young" : "older"} population default)`);
  return age;
}

/** Sex split: a single sex, the reported M/F counts of a mixed arm, or 50/50 when unknown. */
function sexShares(arm: TrialArm, assumptions: string[]): { sex: Sex; share: number }[] {
  if (arm.sex === "female" || arm.sex === "male") return [{ sex: arm.sex, share: 1 }];
  const split = /(\d+)\s*M\s*[/,]\s*(\d+)\s*F/.exec(arm.population);
  if (split) {
    const men = Number(split[1]);
    const women = Number(split[2]);
    const total = men + women;
    assumptions.push(`mixed-sex arm simulated as ${men} men and ${women} women (population's split)`);
    return [
      { sex: "male", share: men / total },
      { sex: "female", share: women / total },
    ];
  }
  const why = arm.sex === "mixed" ? "mixed-sex arm with no reported split" : "sex not reported";
  assumptions.push(`${why}: simulated as half men, half women`);
  return [
    { sex: "male", share: 0.5 },
    { sex: "female", share: 0.5 },
  ];
}

function menopauseOf(sex: Sex, ageYr: number, arm: TrialArm, assumptions: string[]): MenopausalStatus {
  if (sex === "male") return "not_applicable";
  if (/postmenopausal/i.test(arm.population)) return "postmenopausal";
  if (/premenopausal|oral contraceptive/i.test(arm.population)) return "premenopausal";
  const post = ageYr >= SUBJECT_MAPPING_DEFAULTS.menopauseAgeYr;
  if (ageYr < 60 && ageYr >= 40) {
    assumptions.push(
      `menopausal status not reported: ${post ? "post" : "pre"}menopausal assumed at ${ageYr} y (median menopause age ${SUBJECT_MAPPING_DEFAULTS.menopauseAgeYr} y)`,
    );
  }
  return post ? "postmenopausal" : "premenopausal";
}
