/**
 * The symbolic Jacobian ∂rates/∂states, generated as one function. Assignments are not inlined:
 * the chain rule runs over their dependency graph, so each assignment's partial derivatives are
 * computed once and reused by every rate that uses it.
 */
import { symbolsOf, type Expr } from "./expr.ts";
import { expandHelpers, differentiate, isZero } from "./derivative.ts";
import { jsExpr, jsName, neededDefs, prologue, type Layout } from "./codegen.ts";

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

interface Term { via: string; code: string }

/** Source of `jacobian(t, y, J, p, u)` (row-major n×n, SI) and its sparsity pattern. */
export function jacobianSource(layout: Layout, rates: readonly Expr[]): { source: string; sparsity: { n: number; rows: number[]; cols: number[] } } {
  const nStates = layout.states.length;
  const stateIndex = new Map(layout.states.map((s, i) => [s, i]));
  const defs = neededDefs(layout, rates);
  const nm = (s: string) => jsName(layout, s);
  const { lines, hoist } = prologue(layout, rates, defs);
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
      const code = jsExpr(partial, nm, hoist);
      lines.push(`const ${q} = ${code};`);
      const terms: Term[] = viaState !== undefined ? [{ via: s, code: q }] : [];
      for (const t of terms) push(out, stateIndex.get(t.via)!, t.code);
      if (viaDef) for (const j of viaDef) push(out, j, `${q} * ${dvar.get(`${s}|${j}`)}`);
    }
    return out;
  };

  for (const d of defs) {
    const terms = chain(layout.defs.get(d)!);
    deps.set(d, new Set(terms.keys()));
    for (const [j, parts] of terms) {
      const v = `d${counter++}`;
      lines.push(`const ${v} = ${parts.join(" + ")};`);
      dvar.set(`${d}|${j}`, v);
    }
  }
  lines.push(`J.fill(0);`);
  const rows: number[] = [];
  const cols: number[] = [];
  rates.forEach((r, i) => {
    const terms = chain(r);
    for (const j of [...terms.keys()].sort((a, b) => a - b)) {
      lines.push(`J[${i * nStates + j}] = ${terms.get(j)!.join(" + ")};`);
      rows.push(i);
      cols.push(j);
    }
  });
  const order = rows.map((_, k) => k).sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b]);
  return {
    source: `function jacobian(t, y, J, p, u) {\n  ${lines.join("\n  ")}\n}`,
    sparsity: { n: nStates, rows: order.map((k) => rows[k]), cols: order.map((k) => cols[k]) },
  };
}

function push(m: Map<number, string[]>, j: number, code: string): void {
  const list = m.get(j);
  if (list) list.push(code);
  else m.set(j, [code]);
}
