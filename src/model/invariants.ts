/**
 * Parameter-invariant code motion for the generated functions. A subexpression that reads only
 * parameters and constants (no state, input or `t`) — `log(2)/halfLife`, `10^-restingPH`, a
 * resting ADP activation, a whole assignment such as `adpRest` — has the same value at every
 * call of a solve. Each such maximal subtree becomes a slot of a Float64Array of derived
 * constants, filled once per parameter vector by the generated `derived(p, c)`; the hot rhs,
 * Jacobian and outputs read the slot instead of recomputing it. The slot holds exactly the value
 * the inline code computed (same tree, same generated operations in the same order), so the
 * results are bit-identical to the functions without code motion.
 */
import { constValue, symbolsOf, type Expr } from "./expr.ts";
import { jsExpr, jsName, neededDefs, prologue, type Layout } from "./codegen.ts";

/** walk()'s mark of a parameter-only subtree. */
const INVARIANT = Symbol("invariant");

/** Prefix of the symbol standing for slot k in a lifted tree (not a valid model name). */
const SLOT = "\u0000slot:";

/** The derived-constant slots of one model, shared by its rhs, Jacobian and outputs. */
export interface DerivedSlots {
  /** `e` with every maximal parameter-only subtree (not a literal) replaced by a slot symbol. */
  lift(e: Expr): Expr;
  /** The lifted tree of assignment `name` (memoised). */
  liftDef(name: string): Expr;
  /** True when assignment `name` depends on parameters only. */
  isInvariantDef(name: string): boolean;
  /** Slot index of a slot symbol, or undefined for any other symbol. */
  slotIndex(s: string): number | undefined;
  /** Number of slots so far. */
  readonly size: number;
  /** Source of `derived(p, c)`: c[k] = slot k from the parameter vector p (SI). */
  source(): string;
}

/** Creates the (initially empty) slot table of a model laid out as `layout`. */
export function derivedSlots(layout: Layout): DerivedSlots {
  const parameters = new Set(layout.parameters);
  const invariantDefs = new Set<string>();
  for (const d of layout.order) {
    if ([...symbolsOf(layout.defs.get(d)!)].every((s) => parameters.has(s) || invariantDefs.has(s))) invariantDefs.add(d);
  }
  const slots: Expr[] = [];
  const byKey = new Map<string, number>();
  const keyName = (s: string) => jsName(layout, s);
  const cx: LiftContext = {
    invariantSym: (s) => parameters.has(s) || invariantDefs.has(s),
    invariantDefs,
    slot: (e) => {
      // identical trees render identically (helpers as calls, no temporaries): one slot each
      const key = jsExpr(e, keyName);
      let k = byKey.get(key);
      if (k === undefined) {
        k = slots.length;
        slots.push(e);
        byKey.set(key, k);
      }
      return { kind: "sym", name: SLOT + k };
    },
  };
  const lift = (e: Expr): Expr => {
    const r = walk(e, cx);
    return r === INVARIANT ? liftInvariant(e, cx) : r;
  };
  const liftedDefs = new Map<string, Expr>();
  return {
    lift,
    liftDef: (d) => {
      let e = liftedDefs.get(d);
      if (!e) {
        e = lift(layout.defs.get(d)!);
        liftedDefs.set(d, e);
      }
      return e;
    },
    isInvariantDef: (d) => invariantDefs.has(d),
    slotIndex: (s) => (s.startsWith(SLOT) ? Number(s.slice(SLOT.length)) : undefined),
    get size() { return slots.length; },
    source: () => derivedSource(layout, slots),
  };
}

/** What lifting needs to know: which symbols are parameter-only, and how to make a slot. */
interface LiftContext {
  invariantSym(s: string): boolean;
  invariantDefs: ReadonlySet<string>;
  /** The slot symbol of a parameter-only subtree (one slot per distinct tree). */
  slot(e: Expr): Expr;
}

/**
 * One bottom-up pass: INVARIANT for a parameter-only subtree, else the tree with its maximal
 * parameter-only subtrees lifted. (No closures here: under tsx each one costs a keepNames call.)
 */
function walk(e: Expr, cx: LiftContext): Expr | typeof INVARIANT {
  switch (e.kind) {
    case "num": return INVARIANT;
    case "sym": return cx.invariantSym(e.name) ? INVARIANT : e;
    case "neg": case "not": {
      const a = walk(e.arg, cx);
      return a === INVARIANT ? INVARIANT : { kind: e.kind, arg: a };
    }
    case "op": {
      const a = walk(e.a, cx), b = walk(e.b, cx);
      if (a === INVARIANT && b === INVARIANT) return INVARIANT;
      return { kind: "op", op: e.op, a: pick(a, e.a, cx), b: pick(b, e.b, cx) };
    }
    case "call": {
      const args: Array<Expr | typeof INVARIANT> = [];
      let all = true;
      for (const x of e.args) {
        const r = walk(x, cx);
        args.push(r);
        all &&= r === INVARIANT;
      }
      if (all) return INVARIANT;
      const lifted: Expr[] = [];
      for (let i = 0; i < args.length; i++) lifted.push(pick(args[i], e.args[i], cx));
      return { kind: "call", fn: e.fn, args: lifted };
    }
    case "cond": {
      const c = walk(e.cond, cx), a = walk(e.then, cx), b = walk(e.else, cx);
      if (c === INVARIANT && a === INVARIANT && b === INVARIANT) return INVARIANT;
      return { kind: "cond", cond: pick(c, e.cond, cx), then: pick(a, e.then, cx), else: pick(b, e.else, cx) };
    }
  }
}

/** A child as walk() left it: lifted already, or (parameter-only) lifted now. */
function pick(x: Expr | typeof INVARIANT, orig: Expr, cx: LiftContext): Expr {
  return x === INVARIANT ? liftInvariant(orig, cx) : x;
}

/** A parameter-only subtree as it appears in a lifted tree: a slot, or itself (its numeric parts lifted) when not worth one. */
function liftInvariant(e: Expr, cx: LiftContext): Expr {
  if (e.kind === "sym") return cx.invariantDefs.has(e.name) ? cx.slot(e) : e;
  if (worthASlot(e)) return cx.slot(e);
  switch (e.kind) {
    case "neg": case "not": return { kind: e.kind, arg: liftInvariant(e.arg, cx) };
    case "op": return { kind: "op", op: e.op, a: liftInvariant(e.a, cx), b: liftInvariant(e.b, cx) };
    case "call": {
      const args: Expr[] = [];
      for (const x of e.args) args.push(liftInvariant(x, cx));
      return { kind: "call", fn: e.fn, args };
    }
    case "cond": return { kind: "cond", cond: liftInvariant(e.cond, cx), then: liftInvariant(e.then, cx), else: liftInvariant(e.else, cx) };
    default: return e;
  }
}

/**
 * A parameter-only node worth precomputing: numeric-valued (a comparison's boolean would come
 * back from the Float64Array as 0/1, which `===` tells apart) and more than a literal or a
 * negated literal (those are folded into the code anyway).
 */
function worthASlot(e: Expr): boolean {
  if (!numeric(e)) return false;
  if (constValue(e) !== undefined) return false; // folded to a literal by jsExpr
  if (e.kind === "neg" && (e.arg.kind === "sym" || e.arg.kind === "num")) return false;
  return e.kind !== "num" && e.kind !== "sym";
}

function numeric(e: Expr): boolean {
  switch (e.kind) {
    case "num": case "sym": case "neg": case "call": return true;
    case "not": return false;
    case "op": return e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/" || e.op === "^";
    case "cond": return numeric(e.then) && numeric(e.else);
  }
}

/** `derived(p, c)`: loads the parameters, computes the invariant assignments the slots use, fills c. */
function derivedSource(layout: Layout, slots: readonly Expr[]): string {
  // the slots read parameters only, so the shared prologue loads just those
  const { lines, expr } = prologue(layout, slots, neededDefs(layout, slots));
  slots.forEach((e, k) => {
    const code = expr(e);
    lines.push(`c[${k}] = ${code};`);
  });
  return `function derived(p, c) {\n  ${lines.join("\n  ")}\n}`;
}
