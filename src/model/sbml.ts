/**
 * SBML Level 3 Version 2 export, so COPASI, Tellurium and libRoadRunner users can run any model.
 * States are non-constant parameters with rate rules, assignments and outputs are assignment
 * rules, inputs are non-constant parameters (set them, or add events), and the format's helpers
 * are function definitions. All values are in the compiler's internal SI, with unit definitions.
 */
import { expandHelpers } from "./derivative.ts";
import { constValue, type Expr } from "./expr.ts";
import type { CompiledModel } from "./types.ts";
import { isDimensionless, siBaseUnits, DIMENSIONLESS, type Dim } from "./units.ts";

const KIND: Record<string, string> = { kg: "kilogram", m: "metre", s: "second", A: "ampere", K: "kelvin", cd: "candela", mol: "mole" };
const HELPERS: Record<string, string[]> = {
  hill: ["x", "k", "n"], hillInh: ["x", "k", "n"], sigmoid: ["x", "x50", "w"], clamp: ["x", "lo", "hi"], pos: ["x"],
};
const REL: Record<string, string> = { "<": "lt", ">": "gt", "<=": "leq", ">=": "geq", "==": "eq", "!=": "neq", and: "and", or: "or" };
const ARITH: Record<string, string> = { "+": "plus", "-": "minus", "*": "times", "/": "divide", "^": "power" };

/** An SBML identifier for a model name (`cuff.aop` → `cuff__aop`). */
export function sbmlId(name: string): string {
  return name.replace(/\./g, "__");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A unit id for a dimension (built-in `dimensionless` and `second` where possible). */
function unitId(d: Dim): string {
  if (isDimensionless(d)) return "dimensionless";
  const parts = siBaseUnits(d);
  if (parts.length === 1 && parts[0].symbol === "s" && parts[0].exponent === 1) return "second";
  return "u_" + parts.map((p) => `${p.symbol}${String(p.exponent).replace("-", "m").replace(".", "p")}`).join("_");
}

function unitDefinition(d: Dim): string {
  const units = siBaseUnits(d)
    .map((p) => `<unit kind="${KIND[p.symbol]}" exponent="${p.exponent}" scale="0" multiplier="1"/>`)
    .join("");
  return `<unitDefinition id="${unitId(d)}"><listOfUnits>${units}</listOfUnits></unitDefinition>`;
}

function cn(v: number, units?: string): string {
  const u = units ? ` sbml:units="${units}"` : "";
  const s = String(v);
  if (!Number.isFinite(v)) return v > 0 ? "<infinity/>" : Number.isNaN(v) ? "<notanumber/>" : "<apply><minus/><infinity/></apply>";
  if (s.includes("e")) {
    const [m, e] = s.split("e");
    return `<cn${u} type="e-notation">${m}<sep/>${Number(e)}</cn>`;
  }
  return `<cn${u}>${s}</cn>`;
}

const isBoolean = (e: Expr) => e.kind === "not" || (e.kind === "op" && e.op in REL);

/** MathML of a tree; `bool` when the context needs a truth value. */
function mathml(e: Expr, bool: boolean, dims: ReadonlyMap<string, Dim> | undefined): string {
  if (bool && !isBoolean(e)) return `<apply><neq/>${mathml(e, false, dims)}${cn(0, dims && "dimensionless")}</apply>`;
  if (!bool && isBoolean(e)) {
    return `<piecewise><piece>${cn(1, dims && "dimensionless")}${mathml(e, true, dims)}</piece><otherwise>${cn(0, dims && "dimensionless")}</otherwise></piecewise>`;
  }
  const m = (x: Expr, b = false) => mathml(x, b, dims);
  switch (e.kind) {
    case "num": return cn(e.value, dims ? (e.unit ? unitId(e.unit.dim) : "dimensionless") : undefined);
    case "sym":
      return e.name === "t"
        ? `<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">time</csymbol>`
        : `<ci>${sbmlId(e.name)}</ci>`;
    case "neg": return `<apply><minus/>${m(e.arg)}</apply>`;
    case "not": return `<apply><not/>${m(e.arg, true)}</apply>`;
    case "cond":
      return `<piecewise><piece>${m(e.then)}${m(e.cond, true)}</piece><otherwise>${m(e.else)}</otherwise></piecewise>`;
    case "op": {
      if (e.op in REL) {
        const logical = e.op === "and" || e.op === "or";
        return `<apply><${REL[e.op]}/>${m(e.a, logical)}${m(e.b, logical)}</apply>`;
      }
      const base = e.op === "^" ? constValue(e.a) : undefined;
      if (base !== undefined && base > 0 && constValue(e.b) === undefined) {
        // c^x (e.g. 10^(pK − pH)) as exp(ln(c)·x): libSBML's unit checker recurses without end on a
        // power whose exponent depends on a state through a rule (it crashed on bfr-ageing's buffer)
        return `<apply><exp/><apply><times/>${cn(Math.log(base), dims && "dimensionless")}${m(e.b)}</apply></apply>`;
      }
      return `<apply><${ARITH[e.op]}/>${m(e.a)}${m(e.b)}</apply>`;
    }
    case "call": {
      const args = e.args.map((a) => m(a)).join("");
      switch (e.fn) {
        case "exp": case "tanh": case "abs": case "min": case "max": return `<apply><${e.fn}/>${args}</apply>`;
        case "log": return `<apply><ln/>${args}</apply>`;
        case "log10": return `<apply><log/><logbase>${cn(10, dims && "dimensionless")}</logbase>${args}</apply>`;
        case "sqrt": return `<apply><root/>${args}</apply>`;
        default: return `<apply><ci>${e.fn}</ci>${args}</apply>`;
      }
    }
  }
}

const MATH_OPEN = `<math xmlns="http://www.w3.org/1998/Math/MathML" xmlns:sbml="http://www.sbml.org/sbml/level3/version2/core">`;

function functionDefinition(name: string): string {
  const vars = HELPERS[name];
  const body = expandHelpers({ kind: "call", fn: name, args: vars.map((v) => ({ kind: "sym", name: v }) as Expr) });
  const bvars = vars.map((v) => `<bvar><ci>${v}</ci></bvar>`).join("");
  return `<functionDefinition id="${name}">${MATH_OPEN}<lambda>${bvars}${mathml(body, false, undefined)}</lambda></math></functionDefinition>`;
}

function usedHelpers(exprs: readonly Expr[]): string[] {
  const used = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === "call") { if (e.fn in HELPERS) used.add(e.fn); e.args.forEach(visit); }
    else if (e.kind === "op") { visit(e.a); visit(e.b); }
    else if (e.kind === "neg" || e.kind === "not") visit(e.arg);
    else if (e.kind === "cond") { visit(e.cond); visit(e.then); visit(e.else); }
  };
  exprs.forEach(visit);
  return Object.keys(HELPERS).filter((h) => used.has(h));
}

function notes(lines: Array<string | undefined>): string {
  const body = lines.filter(Boolean).map((l) => `<p>${esc(l!)}</p>`).join("");
  return body ? `<notes><body xmlns="http://www.w3.org/1999/xhtml">${body}</body></notes>` : "";
}

/** The model as an SBML Level 3 Version 2 document (values in SI, time in seconds). */
export function toSbml(model: CompiledModel): string {
  const eq = model.equations;
  const dimOf = (name: string): Dim => eq.dims.get(name) ?? DIMENSIONLESS;
  const allExprs = [...eq.rates, ...eq.initials, ...eq.definitions.map((d) => d.expr)];
  const helpers = usedHelpers(allExprs);
  const dimsUsed = new Map<string, Dim>();
  const noteDim = (d: Dim) => { if (!isDimensionless(d) && unitId(d) !== "second") dimsUsed.set(unitId(d), d); };
  for (const name of eq.dims.keys()) noteDim(dimOf(name));
  const visitUnits = (e: Expr): void => {
    if (e.kind === "num" && e.unit) noteDim(e.unit.dim);
    else if (e.kind === "op") { visitUnits(e.a); visitUnits(e.b); }
    else if (e.kind === "neg" || e.kind === "not") visitUnits(e.arg);
    else if (e.kind === "call") e.args.forEach(visitUnits);
    else if (e.kind === "cond") { visitUnits(e.cond); visitUnits(e.then); visitUnits(e.else); }
  };
  allExprs.forEach(visitUnits);

  const param = (name: string, value: number | undefined, constant: boolean, note: string) =>
    `<parameter id="${sbmlId(name)}" name="${esc(name)}"${value === undefined ? "" : ` value="${value}"`} units="${unitId(dimOf(name))}" constant="${constant}">${note}</parameter>`;
  const p = model.parameterVector();
  const y0 = model.initialState(p);
  const parameters = [
    ...model.parameters.map((q) => param(q.name, q.internalValue, true, notes([
      q.description, `value ${q.value} ${q.unit}; range [${q.range[0]}, ${q.range[1]}] ${q.unit}; evidence: ${q.evidence}`,
      `source: ${q.citation ?? q.source}`]))),
    ...model.inputs.map((i) => param(i.name, 0, false, notes([`input (${i.unit} in the model file); set by the protocol`, i.description]))),
    ...model.states.map((s, k) => param(s.name, typeof s.initial === "number" ? y0[k] : undefined, false, notes([`state (${s.unit} in the model file)`, s.description]))),
    ...eq.definitions.map((d) => param(d.name, undefined, false, notes([`${d.output ? "output" : "assignment"}: ${d.text}${d.unit ? ` [${d.unit}]` : ""}`, d.description]))),
  ];
  const initialAssignments = model.states
    .map((s, k) => (typeof s.initial === "number" ? "" : `<initialAssignment symbol="${sbmlId(s.name)}">${MATH_OPEN}${mathml(eq.initials[k], false, eq.dims)}</math></initialAssignment>`))
    .join("");
  const rules = [
    ...eq.definitions.map((d) => `<assignmentRule variable="${sbmlId(d.name)}">${MATH_OPEN}${mathml(d.expr, false, eq.dims)}</math></assignmentRule>`),
    ...model.states.map((s, k) => `<rateRule variable="${sbmlId(s.name)}">${MATH_OPEN}${mathml(eq.rates[k], false, eq.dims)}</math></rateRule>`),
  ];
  const id = sbmlId(model.name) || "model";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">`,
    `<model id="${id}" name="${esc(model.name)}" timeUnits="second">`,
    notes([model.description, `Generated by bfrsim from ${model.file.split("/").pop()} (content sha256 ${model.contentHash}). Values in SI units.`]),
    helpers.length ? `<listOfFunctionDefinitions>${helpers.map(functionDefinition).join("")}</listOfFunctionDefinitions>` : "",
    dimsUsed.size ? `<listOfUnitDefinitions>${[...dimsUsed.values()].map(unitDefinition).join("")}</listOfUnitDefinitions>` : "",
    parameters.length ? `<listOfParameters>\n${parameters.join("\n")}\n</listOfParameters>` : "",
    initialAssignments ? `<listOfInitialAssignments>${initialAssignments}</listOfInitialAssignments>` : "",
    rules.length ? `<listOfRules>\n${rules.join("\n")}\n</listOfRules>` : "",
    `</model>`,
    `</sbml>`,
    "",
  ].filter((l) => l !== "").join("\n");
}

