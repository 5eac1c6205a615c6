/**
 * Stiffness detection for the "auto" method (LSODA-like switching between dopri5 and Rodas5P).
 * Non-stiff → stiff: DOPRI5's test (Hairer, Nørsett & Wanner, Solving ODEs I §II.10 / Hairer &
 * Wanner II §IV.2): h·ρ is estimated after each dopri5 step as h‖k7 − k6‖/‖y1 − y6‖ (two
 * evaluations at the same time, so their difference is J applied to a known vector).
 * Stiff → non-stiff: ‖J‖∞ bounds ρ; when h·‖J‖∞ stays well inside dopri5's stability region the
 * explicit method is cheaper again.
 */

/**
 * h·ρ above this counts as a stiff verdict. Hairer uses 3.25 against a stability boundary of
 * ≈ 3.3, but our PI controller settles stability-limited steps at h·ρ ≈ 3.0–3.2 (measured on
 * Robertson), where that test never fires; 2.6 still leaves accuracy-limited non-stiff steps
 * (h·ρ well below 2) alone.
 */
const STIFF_H_RHO = 2.6;
/** Stiff verdicts before switching to Rodas5P (Hairer's IASTI = 15). */
const STIFF_COUNT = 15;
/** Consecutive non-stiff verdicts that reset the stiff count (Hairer's NONSTI = 6). */
const NONSTIFF_RESET = 6;
/** Back to dopri5 when h·‖J‖∞ stays below this ... */
const NONSTIFF_H_RHO = 2.0;
/** ... for this many consecutive Rodas5P steps. */
const NONSTIFF_COUNT = 25;

/** Counts verdicts across accepted steps and says when to switch. */
export class StiffnessMonitor {
  private stiffCount = 0;
  private nonstiffCount = 0;
  private nonstiffRun = 0;

  /** After an accepted dopri5 step with estimate h·ρ: true when it is time to go stiff. */
  afterExplicitStep(hRho: number): boolean {
    if (hRho > STIFF_H_RHO) {
      this.nonstiffCount = 0;
      return ++this.stiffCount >= STIFF_COUNT;
    }
    if (++this.nonstiffCount >= NONSTIFF_RESET) this.stiffCount = 0;
    return false;
  }

  /** After an accepted Rodas5P step: true when dopri5 could take the next step stably. */
  afterStiffStep(hNext: number, jacobianNormInf: number): boolean {
    if (hNext * jacobianNormInf < NONSTIFF_H_RHO) return ++this.nonstiffRun >= NONSTIFF_COUNT;
    this.nonstiffRun = 0;
    return false;
  }

  /** Clears the counts (after a switch). */
  reset(): void {
    this.stiffCount = this.nonstiffCount = this.nonstiffRun = 0;
  }
}
