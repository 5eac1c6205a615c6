/**
 * The symbolic Jacobian ∂rates/∂states, generated as one function. Assignments are not inlined:
 * the chain rule runs over their dependency graph, so each assignment's partial derivatives are
 * computed once and reused by every rate that uses it.
 */
import { symbolsOf, type Expr } from "./expr.ts";
import { expandHelpers, differentiate, isZero } from "./derivative.ts";
import { jsExpr, neededDefs, prologue, type Layout, type Scope } from "./codegen.ts";
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

/**
 * Source of `jacobian(t, y, J, p, u)` (row-major n×n, SI) and its sparsity pattern; with `slots`,
 * also of `jacobianDerived(t, y, J, p, u, c)`, reading parameter-only values (invariants.ts) from
 * `c`. Both come from one pass over the same partial derivatives. `jacobian` zero-fills J first;
 * `jacobianDerived` writes only the structural nonzeros, every one on every call (the ODE
 * contract: J arrives zero-filled on the first call only), so entries outside the pattern keep
 * whatever J held — zeros in a fresh array.
 */
export function jacobianSource(layout: Layout, rates: readonly Expr[], slots?: DerivedSlots): {
  source: string; derivedSource?: string; sparsity: { n: number; rows: number[]; cols: number[] };
} {
  const nStates = layout.states.length;
  const stateIndex = new Map(layout.states.map((s, i) => [s, i]));
  const defs = neededDefs(layout, rates);
  const plain = prologue(layout, rates, defs);
  const moved = slots ? prologue(layout, rates.map(slots.lift), defs, slots) : undefined;
  /** Pushes a statement to both functions; `code(scope, lifted?)` renders it in each. */
  const emit = (line: (sc: Scope, lift?: (e: Expr) => Expr) => string) => {
    plain.lines.push(line(plain));
    if (moved) moved.lines.push(line(moved, slots!.lift));
  };
  /** State indices each definition depends on (transitively). */
  const deps = new Map<string, Set<number>>();
  const dvar = new Map<string, string>(); // `${def}|${j}` → local holding d(def)/dy_j
  let counter = 0;

  /** Emits the direct partials of `e` and returns, for every state j it depends on, the sum terms. */
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
      emit((sc, lift) => { const code = jsExpr(lift ? lift(partial) : partial, sc.name, sc.hoist); return `const ${q} = ${code};`; });
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
      emit(() => `const ${v} = ${parts.join(" + ")};`);
      dvar.set(`${d}|${j}`, v);
    }
  }
  plain.lines.push(`J.fill(0);`);
  const rows: number[] = [];
  const cols: number[] = [];
  rates.forEach((r, i) => {
    const terms = chain(r);
    for (const j of [...terms.keys()].sort((a, b) => a - b)) {
      emit(() => `J[${i * nStates + j}] = ${terms.get(j)!.join(" + ")};`);
      rows.push(i);
      cols.push(j);
    }
  });
  const order = rows.map((_, k) => k).sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b]);
  return {
    source: `function jacobian(t, y, J, p, u) {\n  ${plain.lines.join("\n  ")}\n}`,
    derivedSource: moved && `function jacobianDerived(t, y, J, p, u, c) {\n  ${moved.lines.join("\n  ")}\n}`,
    sparsity: { n: nStates, rows: order.map((k) => rows[k]), cols: order.map((k) => cols[k]) },
  };
}

function push(m: Map<number, string[]>, j: number, code: string): void {
  const list = m.get(j);
  if (list) list.push(code);
  else m.set(j, [code]);
}
