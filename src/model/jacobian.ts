/**
 * The symbolic Jacobian ∂rates/∂states, generated as one function. Assignments are not inlined:
 * the chain rule runs over their dependency graph, so each assignment's partial derivatives are
 * computed once and reused by every rate that uses it.
 */
import { symbolsOf, type Expr } from "./expr.ts";
import { expandHelpers, differentiate, isZero } from "./derivative.ts";
import { neededDefs, prologue, type Layout, type Scope } from "./codegen.ts";
import type { DerivedSlots } from "./invariants.ts";

/**
 * Structural nonzeros of the Jacobian (n×n), sorted row-major: entry k is (rows[k], cols[k]);
 * in CSR form, row i's entries are k = rowPtr[i] … rowPtr[i+1]−1 (rowPtr has n+1 entries).
 * Every other entry of J is identically zero.
 */
export interface Sparsity {
  n: number;
  rows: Int32Array;
  cols: Int32Array;
  rowPtr: Int32Array;
}

/** One statement of the Jacobian: a direct partial, a chain-rule sum, the fill, or an entry of J. */
type Statement =
  | { kind: "partial"; name: string; expr: Expr }
  | { kind: "sum"; name: string; parts: string[] }
  | { kind: "fill" }
  | { kind: "entry"; index: number; parts: string[] };

/**
 * Source of `jacobian(t, y, J, p, u)` (row-major n×n, SI) and its sparsity pattern; with `slots`,
 * also of `jacobianDerived(t, y, J, p, u, c)`, reading parameter-only values (invariants.ts) from
 * `c` and computing only the assignments its partial derivatives read. Both are rendered from one
 * list of statements over the same partial derivatives. `jacobian` zero-fills J first;
 * `jacobianDerived` writes only the structural nonzeros, every one on every call (the ODE
 * contract: J arrives zero-filled on the first call only), so entries outside the pattern keep
 * whatever J held — zeros in a fresh array.
 */
export function jacobianSource(layout: Layout, rates: readonly Expr[], slots?: DerivedSlots): {
  source: string; derivedSource?: string; sparsity: { n: number; rows: number[]; cols: number[] };
} {
  const nStates = layout.states.length;
  const defs = neededDefs(layout, rates);
  const { statements, rows, cols } = plan(layout, rates, defs, slots);
  const order = rows.map((_, k) => k).sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b]);
  const plain = render(prologue(layout, rates, defs), statements);
  let derivedSource: string | undefined;
  if (slots) {
    const lifted = new Map<string, Expr>();
    for (const st of statements) if (st.kind === "partial") lifted.set(st.name, slots.lift(st.expr));
    // an assignment that enters the rates linearly is not read by any partial: not computed
    const sc = prologue(layout, [...lifted.values()], neededDefs(layout, [...lifted.values()]), slots);
    const body = render(sc, statements.filter((st) => st.kind !== "fill"), lifted);
    derivedSource = `function jacobianDerived(t, y, J, p, u, c) {\n  ${body}\n}`;
  }
  return {
    source: `function jacobian(t, y, J, p, u) {\n  ${plain}\n}`,
    derivedSource,
    sparsity: { n: nStates, rows: order.map((k) => rows[k]), cols: order.map((k) => cols[k]) },
  };
}

/** The statements of the Jacobian by the chain rule over the definitions, and its nonzeros. */
function plan(layout: Layout, rates: readonly Expr[], defs: readonly string[], slots?: DerivedSlots) {
  const nStates = layout.states.length;
  const stateIndex = new Map(layout.states.map((s, i) => [s, i]));
  const statements: Statement[] = [];
  /** State indices each definition depends on (transitively). */
  const deps = new Map<string, Set<number>>();
  const dvar = new Map<string, string>(); // `${def}|${j}` → local holding d(def)/dy_j
  let counter = 0;

  /** Plans the direct partials of `e` and returns, for every state j it depends on, the sum terms. */
  const chain = (e: Expr): Map<number, string[]> => {
    const expanded = expandHelpers(e);
    const out = new Map<number, string[]>();
    for (const s of symbolsOf(e)) {
      const viaState = stateIndex.get(s);
      const viaDef = deps.get(s);
      if (viaState === undefined && (!viaDef || viaDef.size === 0)) continue;
      const partial = differentiate(expanded, s);
      if (isZero(partial)) continue;
      const q = `q${counter++}`;
      statements.push({ kind: "partial", name: q, expr: partial });
      if (viaState !== undefined) push(out, viaState, q);
      if (viaDef) for (const j of viaDef) push(out, j, `${q} * ${dvar.get(`${s}|${j}`)}`);
    }
    return out;
  };

  for (const d of defs) {
    // a parameter-only definition has no state dependence: no partials (chain finds none)
    if (slots?.isInvariantDef(d)) { deps.set(d, new Set()); continue; }
    const terms = chain(layout.defs.get(d)!);
    deps.set(d, new Set(terms.keys()));
    for (const [j, parts] of terms) {
      const v = `d${counter++}`;
      statements.push({ kind: "sum", name: v, parts });
      dvar.set(`${d}|${j}`, v);
    }
  }
  statements.push({ kind: "fill" });
  const rows: number[] = [];
  const cols: number[] = [];
  rates.forEach((r, i) => {
    const terms = chain(r);
    for (const j of [...terms.keys()].sort((a, b) => a - b)) {
      statements.push({ kind: "entry", index: i * nStates + j, parts: terms.get(j)! });
      rows.push(i);
      cols.push(j);
    }
  });
  return { statements, rows, cols };
}

/** The function body: `sc`'s prologue, then the statements (partials from `lifted` when given). */
function render(sc: Scope, statements: readonly Statement[], lifted?: ReadonlyMap<string, Expr>): string {
  for (const st of statements) {
    switch (st.kind) {
      case "partial": {
        const code = sc.expr(lifted?.get(st.name) ?? st.expr);
        sc.lines.push(`const ${st.name} = ${code};`);
        break;
      }
      case "sum": sc.lines.push(`const ${st.name} = ${st.parts.join(" + ")};`); break;
      case "fill": sc.lines.push("J.fill(0);"); break;
      case "entry": sc.lines.push(`J[${st.index}] = ${st.parts.join(" + ")};`); break;
    }
  }
  return sc.lines.join("\n  ");
}

function push(m: Map<number, string[]>, j: number, code: string): void {
  const list = m.get(j);
  if (list) list.push(code);
  else m.set(j, [code]);
}
