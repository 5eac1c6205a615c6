/**
 * The physiological assumptions that turn a protocol into the model's activity inputs:
 * contraction duty per modality and the knee-extensor load equivalent of walking and cycling.
 * Each number is cited or marked as an assumption with its reason (docs/protocols.md repeats them).
 */
import type { Intensity, Modality } from "./protocol.ts";
import { ENDURANCE_MODALITIES, RESISTANCE_MODALITIES } from "./protocol.ts";

/** Energetic duty of continuous reps: concentric (1) and eccentric (0.5) halves averaged. */
export const RESISTANCE_WORKING_DUTY = 0.75;

/**
 * Default fraction of set time the working muscle contracts (the model's `contractionDuty`).
 *
 * - Resistance: 0.75 × (1 − repPauseS / cadenceS). assumed: within the working part of each
 *   rep the concentric and eccentric phases are equal; the muscle is loaded throughout, but the
 *   eccentric half costs roughly half the ATP of the concentric half at the same force (negative
 *   work is far cheaper in O2 and EMG: Bigland-Ritchie & Woods 1976, J Physiol 260:267), so the
 *   energetic duty of continuous reps is (1 + 0.5)/2 = 0.75; a relaxed pause per rep scales it down.
 * - Walking (0.3). The vastii are consistently active from terminal swing to loading response,
 *   with a second mid-stance burst in ~35 % of strides (statistical gait analysis, PMID 26198265):
 *   about 30 % of the gait cycle.
 * - Cycling (0.5). assumed: knee extensors work over the downstroke, about half a revolution.
 * - Passive and none (0): no voluntary contraction.
 */
export function defaultContractionDuty(modality: Modality, cadenceS = 2, repPauseS = 0): number {
  if (RESISTANCE_MODALITIES.includes(modality)) return RESISTANCE_WORKING_DUTY * (1 - repPauseS / cadenceS);
  if (modality === "walking") return 0.3;
  if (modality === "cycling") return 0.5;
  return 0;
}

/**
 * Knee-extensor demand of walking and cycling as a fraction of maximal force (`relativeLoad`).
 *
 * Quadriceps EMG in level walking is ~10 % of maximum in young and ~20 % in older adults
 * (J-STAGE jjrm1963 19(3), 64-82 vs 22-35 y). We anchor 0.15 (the midpoint) at the BFR-walking
 * dose of the older-adult trials: 67 m/min (Abe-style) ≈ 45 %HRR (Ozaki 2011,
 * doi 10.1093/gerona/glq182), and scale linearly with speed or %HRR (assumed: knee-extensor EMG
 * rises roughly in proportion with walking speed, Franz & Kram 2011 Gait Posture). Clamped to
 * [0.05, 0.4]. Cycling at 40 %HRR is anchored at 0.2 (assumed: a moderate ergometer load needs
 * a larger knee-extensor share than level walking; BFR cycling trials use ~40 % VO2max, Abe 2010
 * J Sports Sci Med 9:452).
 */
export const ENDURANCE_LOAD_ANCHORS = {
  walkingLoadAtAnchor: 0.15,
  walkingAnchorSpeedMPerMin: 67,
  walkingAnchorPctHrr: 45,
  cyclingLoadAtAnchor: 0.2,
  cyclingAnchorPctHrr: 40,
  min: 0.05,
  max: 0.4,
} as const;

/** Relative load (0..1) of one set: %1RM / 100 for resistance, the equivalent above for walking/cycling. */
export function relativeLoadOf(modality: Modality, intensity: Intensity): number {
  if (RESISTANCE_MODALITIES.includes(modality)) return (intensity.loadPct1Rm ?? 0) / 100;
  if (!ENDURANCE_MODALITIES.includes(modality)) return 0;
  const a = ENDURANCE_LOAD_ANCHORS;
  let load: number;
  if (modality === "walking") {
    load =
      intensity.walkingSpeedMPerMin !== undefined
        ? (a.walkingLoadAtAnchor * intensity.walkingSpeedMPerMin) / a.walkingAnchorSpeedMPerMin
        : (a.walkingLoadAtAnchor * (intensity.pctHrr ?? 0)) / a.walkingAnchorPctHrr;
  } else {
    load =
      intensity.loadPct1Rm !== undefined
        ? intensity.loadPct1Rm / 100
        : (a.cyclingLoadAtAnchor * (intensity.pctHrr ?? 0)) / a.cyclingAnchorPctHrr;
  }
  return Math.min(a.max, Math.max(a.min, load));
}
