/**
 * The one driver loop shared by every method: step-size control, tstops (hit exactly, then a
 * restart), events, output, dense output, cancellation, failures with partial results, and the
 * "auto" method's stiffness detection and switching (LSODA-like, with DOPRI5's h·ρ test).
 */
import { BfrsimError } from "../errors.ts";
import { PIController, PredictiveController, initialStep, type StepController } from "./control.ts";
import { DenseStore, Segment } from "./dense.ts";
import { Dopri5Stepper } from "./dopri5.ts";
import { MaxStepsError, NonFiniteError, OdeSolveError, SingularMatrixError, StepUnderflowError } from "./errors.ts";
import { EventTracker } from "./events.ts";
import { MIN_STEP, TIME_RESOLUTION, type ResolvedOptions, type ResolvedProblem } from "./options.ts";
import { OutputCollector } from "./output.ts";
import { RosenbrockStepper } from "./rodas.ts";
import { RODAS4P, RODAS5P } from "./tableaus.ts";
import { RhsEvaluator, type Stepper } from "./stepper.ts";
import { StiffnessMonitor } from "./stiffness.ts";
import type { EventRecord, OdeProblem, OdeSolution, SolveStats, SolveStatus } from "./types.ts";

const EPS = Number.EPSILON;
/** Safety factor on a step predicted from an error norm (as in the controllers). */
const SAFETY = 0.9;
/** Consecutive retries (with h/4) after a non-finite value or a singular matrix before failing. */
const MAX_RETRIES = 20;

/** The value just below x (at least one ulp): stages at a tstop see the left-hand RHS. */
function nudgeDown(x: number): number {
  return x > 0 ? x * (1 - EPS) : x < 0 ? x * (1 + EPS) : -Number.MIN_VALUE;
}
/** The value just above x: a restart at a tstop sees the right-hand RHS. */
function nudgeUp(x: number): number {
  return x > 0 ? x * (1 + EPS) : x < 0 ? x * (1 - EPS) : Number.MIN_VALUE;
}

function emptyStats(): SolveStats {
  return { acceptedSteps: 0, rejectedSteps: 0, rhsEvaluations: 0, jacobianEvaluations: 0, luDecompositions: 0, methodSwitches: 0 };
}

/**
 * Makes `sol.y` a property computed on first read (then a plain data property): with saveat the
 * per-point views of yFlat are 10k+ small objects a caller reading yFlat never needs.
 */
function lazyStates(sol: OdeSolution, make: () => Float64Array[]): void {
  let made: Float64Array[] | undefined;
  const settle = (y: Float64Array[]) => {
    made = y;
    // a caller may have frozen the solution: then the getter keeps answering from `made`
    if (Object.isExtensible(sol)) Object.defineProperty(sol, "y", { value: y, writable: true, enumerable: true, configurable: true });
    return y;
  };
  Object.defineProperty(sol, "y", {
    get: () => made ?? settle(make()),
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** One integration run; `run()` returns the solution (never throws for integration failures). */
export class Integration {
  private readonly stats = emptyStats();
  private readonly ev: RhsEvaluator;
  private readonly dopri: Dopri5Stepper | null;
  private readonly rodas: RosenbrockStepper | null;
  private stepper: Stepper;
  private readonly pi = new PIController(5);
  private readonly predictive: PredictiveController;
  private ctl: StepController;
  private readonly n: number;
  private readonly y: Float64Array;
  private readonly yNew: Float64Array;
  private readonly f0: Float64Array;
  private readonly work1: Float64Array;
  private readonly work2: Float64Array;
  private readonly out: OutputCollector;
  private readonly events: EventTracker | null;
  private readonly seg: Segment | null;
  private readonly store: DenseStore | null;
  private readonly eventRecords: EventRecord[] = [];
  private t: number;
  /** Time at which the RHS is evaluated for the current point (nudged up after a tstop). */
  private tEval: number;
  private h = 0;
  private f0Valid = false;
  private needInitialStep = true;
  private stopIdx = 0;
  private status: SolveStatus = "success";
  private message = "";
  private error: OdeSolveError | undefined;
  private readonly stiffness = new StiffnessMonitor();
  private retries = 0;
  /** The last non-finite value retried away (component, time, what); reported if h underflows. */
  private lastBad: { component: number; t: number; what: string } | null = null;

  constructor(private readonly problem: OdeProblem, private readonly p: ResolvedProblem, private readonly o: ResolvedOptions) {
    const n = (this.n = p.n);
    this.ev = new RhsEvaluator(problem.rhs, problem.jacobian, n, this.stats, problem.timeDerivative);
    const stiffOnly = o.method === "rodas5p" || o.method === "rodas4p";
    this.dopri = !stiffOnly ? new Dopri5Stepper(this.ev, o.rtol, o.atol) : null;
    const table = o.method === "rodas4p" ? RODAS4P : RODAS5P;
    this.rodas = o.method !== "dopri5" ? new RosenbrockStepper(table, this.ev, o.rtol, o.atol, p.sparsity) : null;
    this.predictive = new PredictiveController(table.errorOrder);
    this.stepper = stiffOnly ? this.rodas! : this.dopri!;
    this.ctl = stiffOnly ? this.predictive : this.pi;
    this.y = Float64Array.from(p.y0);
    this.yNew = new Float64Array(n);
    this.f0 = new Float64Array(n);
    this.work1 = new Float64Array(n);
    this.work2 = new Float64Array(n);
    this.out = new OutputCollector(o.saveat, n);
    const specs = problem.events ?? [];
    this.events = specs.length > 0 ? new EventTracker(specs, n) : null;
    this.seg = o.saveat || this.events || o.dense ? new Segment(n) : null;
    this.store = o.dense ? new DenseStore(n) : null;
    this.t = this.tEval = p.t0;
  }

  /** Integrates over the whole span and returns the solution (status "failed" on failure). */
  run(): OdeSolution {
    this.out.start(this.t, this.y);
    try {
      this.events?.start(this.t, this.y);
      this.loop();
    } catch (err) {
      if (err instanceof OdeSolveError) this.fail(err);
      else if (err instanceof BfrsimError) throw err;
      else {
        const msg = err instanceof Error ? err.message : String(err);
        const e = new OdeSolveError("E_CALLBACK", `a problem callback threw near t = ${this.t}: ${msg}`, this.t, this.h, this.y);
        (e as { cause?: unknown }).cause = err;
        this.fail(e);
      }
    }
    return this.solution();
  }

  private loop(): void {
    const { p, o, stats } = this;
    while (this.t < p.t1) {
      if (o.signal?.aborted) {
        this.status = "aborted";
        this.message = `aborted by signal at t = ${this.t}`;
        return;
      }
      if (stats.acceptedSteps + stats.rejectedSteps >= o.maxSteps) {
        return this.fail(new MaxStepsError(o.maxSteps, this.t, this.h, this.y));
      }
      // After an event reset a few ulps before a stop or the end, that stop counts as reached.
      while (this.stopIdx < p.tstops.length && p.tstops[this.stopIdx] - this.t <= TIME_RESOLUTION * Math.abs(this.t)) {
        this.stopIdx++;
      }
      if (p.t1 - this.t <= TIME_RESOLUTION * Math.abs(p.t1)) {
        this.out.step(null, p.t1, this.y);
        this.t = p.t1;
        return;
      }
      const tTarget = this.stopIdx < p.tstops.length ? p.tstops[this.stopIdx] : p.t1;
      if (!this.f0Valid) {
        if (!this.ev.f(this.tEval, this.y, this.f0)) return this.fail(this.nonFinite());
        this.f0Valid = true;
      }
      if (this.needInitialStep) {
        const limit = Math.min(o.hmax, tTarget - this.t);
        this.h = o.h0 > 0 ? Math.min(o.h0, limit) : initialStep(this.ev, this.tEval, this.y, this.f0, this.stepper.errorOrder, limit, o.atol, o.rtol, this.work1, this.work2);
        this.needInitialStep = false;
      }
      const hWanted = Math.min(this.h, o.hmax);
      let hStep = hWanted;
      let lands = false;
      if (this.t + 1.01 * hStep >= tTarget) {
        hStep = tTarget - this.t;
        lands = true;
      }
      if (!(hStep > 10 * EPS * Math.abs(this.t)) || hStep < MIN_STEP) {
        // Creeping up to a point where the RHS turns non-finite: name that, not just the symptom.
        return this.fail(this.lastBad ? this.nonFinite(hStep) : new StepUnderflowError(this.t, hStep, this.y));
      }
      const atStop = lands && this.stopIdx < p.tstops.length;
      const tEnd = lands ? tTarget : this.t + hStep;
      const err = this.stepper.attempt(this.tEval, this.y, this.f0, hStep, atStop ? nudgeDown(tEnd) : tEnd, this.yNew);
      if (err <= 1) {
        if (!this.accept(err, hStep, tEnd, atStop, hWanted)) return;
      } else if (!this.reject(err, hStep)) {
        return;
      }
    }
  }

  /** Handles a rejected attempt; returns false when the run has failed. */
  private reject(err: number, hStep: number): boolean {
    const ev = this.ev;
    this.stats.rejectedSteps++;
    if (ev.badComponent >= 0 || ev.singularColumn > 0) {
      // A non-finite Jacobian at the accepted point does not improve with a smaller step.
      const hopeless = ev.badComponent >= 0 && ev.badWhat !== "derivative";
      if (hopeless || ++this.retries > MAX_RETRIES) {
        this.fail(ev.badComponent >= 0 ? this.nonFinite(hStep) : new SingularMatrixError(this.t, hStep, this.y, ev.singularColumn));
        return false;
      }
      if (ev.badComponent >= 0) this.lastBad = { component: ev.badComponent, t: ev.badT, what: ev.badWhat };
      ev.clear();
      this.h = hStep * 0.25;
      return true;
    }
    this.h = this.ctl.reject(err, hStep);
    return true;
  }

  /**
   * Commits an accepted step (events, output, switching); returns false when the run stops.
   * `hWanted` is the step the controller asked for before it was shortened to land on a stop.
   */
  private accept(err: number, hStep: number, tEnd: number, atStop: boolean, hWanted: number): boolean {
    this.stats.acceptedSteps++;
    this.retries = 0;
    // Stepped past the place where the RHS was non-finite: that was the step size, not the model.
    if (this.lastBad && tEnd > this.lastBad.t) this.lastBad = null;
    const hNext = this.ctl.accept(err, hStep);
    // The step's interpolant is built only when something will read it.
    const seg = this.store || this.events || this.out.wantsInterpolation(tEnd) ? this.seg : null;
    if (seg) {
      this.stepper.denseCoefficients(this.y, this.yNew, this.f0, hStep, seg.coef);
      seg.kind = this.stepper.denseKind;
      seg.tStart = this.t;
      seg.h = hStep;
    }
    const switchTo = this.o.method === "auto" ? this.stiffnessVerdict(hNext) : null;
    const fired = this.events && seg ? this.locateEvents(seg, tEnd) : -1;
    if (fired < 0) {
      this.out.step(seg, tEnd, this.yNew);
      this.store?.push(seg!, tEnd);
      this.f0Valid = this.stepper.accepted(this.f0);
      this.y.set(this.yNew);
      this.t = this.tEval = tEnd;
      this.h = hNext;
      if (atStop) {
        this.stopIdx++;
        this.restart(nudgeUp(tEnd), this.stepAfterStop(err, hStep, hNext, hWanted));
      }
    } else if (!this.fireEvent(fired, seg!)) {
      return false;
    }
    if (switchTo && switchTo !== this.stepper) this.switchMethod(switchTo);
    return true;
  }

  /** Records the roots located in this step; returns the index of the first terminal/affect event, or −1. */
  private locateEvents(seg: Segment, tEnd: number): number {
    const ev = this.events!;
    if (ev.check(seg, tEnd, this.yNew) === 0) return -1;
    for (const r of ev.roots) {
      const spec = ev.specs[r.index];
      const yr = new Float64Array(this.n);
      seg.evaluate(r.t, yr);
      this.eventRecords.push({ name: spec.name, t: r.t, y: yr });
      if (spec.terminal || spec.affect) return r.index;
    }
    return -1;
  }

  /** Stops at, or resets and restarts from, the last recorded event. */
  private fireEvent(index: number, seg: Segment): boolean {
    const rec = this.eventRecords[this.eventRecords.length - 1];
    const spec = this.events!.specs[index];
    this.out.step(seg, rec.t, rec.y);
    this.store?.push(seg, rec.t);
    this.y.set(rec.y);
    this.t = this.tEval = rec.t;
    this.stepper.invalidate();
    this.f0Valid = false;
    if (spec.terminal) {
      this.status = "terminated";
      this.message = `terminated by event "${spec.name}" at t = ${rec.t}`;
      return false;
    }
    spec.affect!(this.t, this.y);
    for (let i = 0; i < this.n; i++) {
      if (!Number.isFinite(this.y[i])) {
        this.ev.markBad(i, this.t, `state after the reset of event "${spec.name}"`);
        this.fail(this.nonFinite());
        return false;
      }
    }
    this.out.extra(this.t, this.y);
    this.events!.start(this.t, this.y, index);
    while (this.stopIdx < this.p.tstops.length && this.p.tstops[this.stopIdx] <= this.t) this.stopIdx++;
    this.restart(this.t);
    return true;
  }

  /**
   * Fresh start at the current point: no FSAL, fresh Jacobian, and either the step `hKeep`
   * with the controller's history (after a tstop: the state is continuous there) or a new
   * initial step with the history cleared.
   */
  private restart(tEval: number, hKeep = 0): void {
    this.tEval = tEval;
    this.f0Valid = false;
    this.stepper.invalidate();
    if (hKeep > 0 && !(this.o.h0 > 0)) {
      this.h = hKeep;
    } else {
      this.needInitialStep = true;
      this.ctl.reset();
    }
  }

  /**
   * First step after a tstop. Only the RHS jumps there, not the state, so the step the error
   * allowed before the stop is a far better guess than a fresh HINIT estimate (which, driven
   * by the stiff components, is often 100× too small and costs several ramp-up steps); a jump
   * in the dynamics that needs smaller steps costs one rejection. A step shortened to land on
   * the stop passes on what the controller wanted, or what its error would allow, if larger.
   */
  private stepAfterStop(err: number, hStep: number, hNext: number, hWanted: number): number {
    if (hStep >= hWanted) return hNext;
    const allowed = err > 0 ? hStep * SAFETY * Math.pow(err, -1 / this.stepper.errorOrder) : hWanted;
    return Math.max(hNext, Math.min(hWanted, allowed));
  }

  /** The method "auto" should switch to after this step, or null. */
  private stiffnessVerdict(hNext: number): Stepper | null {
    if (this.stepper === this.dopri) {
      return this.stiffness.afterExplicitStep(this.dopri.stiffnessRatio) ? this.rodas : null;
    }
    return this.stiffness.afterStiffStep(hNext, this.rodas!.jacobianNormInf()) ? this.dopri : null;
  }

  private switchMethod(to: Stepper): void {
    this.stepper = to;
    to.invalidate();
    this.ctl = to === this.rodas ? this.predictive : this.pi;
    this.ctl.reset();
    this.stats.methodSwitches++;
    this.stiffness.reset();
  }

  private nonFinite(h = this.h): NonFiniteError {
    const ev = this.ev;
    const bad = ev.badComponent >= 0 ? { component: ev.badComponent, t: ev.badT, what: ev.badWhat } : this.lastBad!;
    const i = bad.component;
    const name = this.p.names?.[i] ?? `y[${i}]`;
    return new NonFiniteError(i, name, bad.t, bad.what, this.t, h, this.y);
  }

  private fail(err: OdeSolveError): void {
    this.status = "failed";
    this.message = err.message;
    this.error = err;
  }

  private solution(): OdeSolution {
    const out = this.out;
    const yFlat = out.flat();
    const sol: OdeSolution = {
      t: Float64Array.from(out.t),
      y: yFlat ? [] : out.states(),
      stats: this.stats,
      status: this.status,
      message: this.message || `reached t = ${this.t}`,
      events: this.eventRecords,
    };
    if (yFlat) {
      sol.yFlat = yFlat;
      lazyStates(sol, () => out.states());
    }
    if (this.store) sol.sol = this.store.toFunction();
    if (this.error) {
      sol.error = this.error;
      this.error.partial = sol;
    }
    return sol;
  }
}
