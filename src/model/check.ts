/**
 * Whole-model checks after composition: every state has a rate, every parameter is used,
 * and assignments (across modules too) form no cycle; gives the dependency order.
 */
import type { Diagnostics } from "./errors.ts";
import { symbolsOf } from "./expr.ts";
import type { FlatModel } from "./flatten.ts";

/** Reports states without rates and unused parameters. */
export function checkCompleteness(flat: FlatModel, diag: Diagnostics): void {
  for (const s of flat.states.values()) {
    if (!s.rate) diag.error("E_MODEL_STATE_NO_RATE", `state "${s.name}" has no rate (add rates: { ${s.name.split(".").pop()}: ... })`, s.position);
  }
  const used = new Set<string>();
  for (const s of flat.states.values()) {
    if (s.rate) symbolsOf(s.rate.expr, used);
    if (typeof s.initial !== "number") symbolsOf(s.initial.expr, used);
  }
  for (const d of flat.defs.values()) symbolsOf(d.expr, used);
  for (const p of flat.parameters.values()) {
    if (!used.has(p.name)) diag.warn("W_MODEL_UNUSED_PARAMETER", `parameter "${p.name}" is never used`, p.position);
  }
}

/**
 * Assignments and outputs in dependency order (each after everything it uses). A cycle is
 * reported once, naming its members in order; its members are left out of the order.
 */
export function orderDefinitions(flat: FlatModel, diag: Diagnostics): string[] {
  const order: string[] = [];
  const state = new Map<string, 1 | 2>(); // 1 visiting, 2 done
  const reported = new Set<string>();
  const deps = (name: string) => [...symbolsOf(flat.defs.get(name)!.expr)].filter((s) => flat.defs.has(s));
  const visit = (name: string, path: string[]): void => {
    const st = state.get(name);
    if (st === 2) return;
    if (st === 1) {
      const cycle = path.slice(path.indexOf(name));
      if (!cycle.some((c) => reported.has(c))) {
        cycle.forEach((c) => reported.add(c));
        const first = flat.defs.get(cycle[0])!;
        diag.error("E_MODEL_CYCLE", `assignment cycle: ${[...cycle, name].join(" → ")}`, first.position);
      }
      return;
    }
    state.set(name, 1);
    for (const d of deps(name)) visit(d, [...path, name]);
    state.set(name, 2);
    if (!reported.has(name)) order.push(name);
  };
  for (const name of flat.defs.keys()) visit(name, []);
  return order;
}
