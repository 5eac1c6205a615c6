/**
 * The expression tree the compiler works on: a small, plain-data form of a parsed mathjs
 * expression. Symbols are resolved (model names, `t`, unit literals) when the tree is built,
 * so every later pass (units, code generation, derivatives, exporters) is a simple recursion.
 */
import type { MathNode } from "mathjs";
import { modelMath, parseUnit, isUnitName, type Dim } from "./units.ts";

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "<" | ">" | "<=" | ">=" | "==" | "!=" | "and" | "or";
export type Expr =
  /** A number in SI; `unit` is set for a unit literal (its SI factor is already in `value`). */
  | { kind: "num"; value: number; unit?: { text: string; dim: Dim } }
  | { kind: "sym"; name: string }
  | { kind: "neg"; arg: Expr }
  | { kind: "not"; arg: Expr }
  | { kind: "op"; op: BinaryOp; a: Expr; b: Expr }
  | { kind: "call"; fn: string; args: Expr[] }
  | { kind: "cond"; cond: Expr; then: Expr; else: Expr };

/** Functions an expression may call, with their allowed argument counts [min, max]. */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  exp: [1, 1], log: [1, 1], log10: [1, 1], tanh: [1, 1], sqrt: [1, 1], abs: [1, 1],
  min: [2, Infinity], max: [2, Infinity],
  hill: [3, 3], hillInh: [3, 3], sigmoid: [3, 3], clamp: [3, 3], pos: [1, 1],
};

/** A problem found while building a tree; `needle` is the text to locate in the source. */
export interface ExprIssue {
  code: "E_MODEL_UNDEFINED_SYMBOL" | "E_MODEL_UNKNOWN_FUNCTION" | "E_MODEL_SYNTAX";
  message: string;
  needle?: string;
}

const OPS: Record<string, BinaryOp> = {
  add: "+", subtract: "-", multiply: "*", divide: "/", pow: "^", smaller: "<", larger: ">",
  smallerEq: "<=", largerEq: ">=", equal: "==", unequal: "!=", and: "and", or: "or",
};

/**
 * Parses `text` into a tree. `isSymbol(name)` says whether a (possibly dotted) name is a model
 * symbol; other names that are units become unit literals; the rest are reported.
 */
export function parseExpr(
  text: string,
  isSymbol: (name: string) => boolean,
): { expr?: Expr; issues: ExprIssue[] } {
  // with issues, `expr` has a 0 in place of each unresolved part (for usage tracking only)
  const issues: ExprIssue[] = [];
  let node: MathNode;
  try {
    node = modelMath().parse(String(text));
  } catch (err) {
    return { issues: [{ code: "E_MODEL_SYNTAX", message: `cannot parse expression "${text}": ${(err as Error).message}` }] };
  }
  return { expr: convert(node, isSymbol, issues), issues };
}

function convert(node: MathNode, isSymbol: (n: string) => boolean, issues: ExprIssue[]): Expr {
  const n = node as unknown as Record<string, any>;
  switch (node.type) {
    case "ParenthesisNode":
      return convert(n.content, isSymbol, issues);
    case "ConstantNode":
      if (typeof n.value === "number") return { kind: "num", value: n.value };
      if (typeof n.value === "boolean") return { kind: "num", value: n.value ? 1 : 0 };
      issues.push({ code: "E_MODEL_SYNTAX", message: `unsupported constant ${JSON.stringify(n.value)}` });
      return { kind: "num", value: 0 };
    case "SymbolNode":
      return symbol(n.name as string, isSymbol, issues);
    case "AccessorNode": {
      const name = dottedName(node);
      if (name) return symbol(name, isSymbol, issues);
      issues.push({ code: "E_MODEL_SYNTAX", message: `unsupported indexing "${node.toString()}"` });
      return { kind: "num", value: 0 };
    }
    case "ConditionalNode":
      return {
        kind: "cond",
        cond: convert(n.condition, isSymbol, issues),
        then: convert(n.trueExpr, isSymbol, issues),
        else: convert(n.falseExpr, isSymbol, issues),
      };
    case "OperatorNode": {
      const args = convertAll(n.args as MathNode[], isSymbol, issues);
      if (n.fn === "unaryMinus") return { kind: "neg", arg: args[0] };
      if (n.fn === "unaryPlus") return args[0];
      if (n.fn === "not") return { kind: "not", arg: args[0] };
      const op = OPS[n.fn as string];
      if (!op || args.length < 2) {
        issues.push({ code: "E_MODEL_SYNTAX", message: `unsupported operator "${n.op}"`, needle: n.op });
        return { kind: "num", value: 0 };
      }
      return args.slice(1).reduce((a, b) => ({ kind: "op", op, a, b }) as Expr, args[0]);
    }
    case "FunctionNode": {
      const fname = (n.fn?.name ?? String(n.fn)) as string;
      const args = convertAll(n.args as MathNode[], isSymbol, issues);
      const arity = FUNCTIONS[fname];
      if (!arity) {
        issues.push({
          code: "E_MODEL_UNKNOWN_FUNCTION",
          message: `unknown function "${fname}" (known: ${Object.keys(FUNCTIONS).join(", ")})`,
          needle: fname,
        });
      } else if (args.length < arity[0] || args.length > arity[1]) {
        issues.push({
          code: "E_MODEL_SYNTAX",
          message: `${fname} takes ${arity[0] === arity[1] ? arity[0] : `at least ${arity[0]}`} argument(s), got ${args.length}`,
          needle: fname,
        });
      }
      return { kind: "call", fn: fname, args };
    }
    default:
      issues.push({ code: "E_MODEL_SYNTAX", message: `unsupported syntax "${node.toString()}" (${node.type})` });
      return { kind: "num", value: 0 };
  }
}

/** convert over a list (a loop, not a closure per node: tsx's keepNames makes closures costly). */
function convertAll(nodes: readonly MathNode[], isSymbol: (n: string) => boolean, issues: ExprIssue[]): Expr[] {
  const out: Expr[] = [];
  for (const node of nodes) out.push(convert(node, isSymbol, issues));
  return out;
}

function dottedName(node: MathNode): string | undefined {
  const n = node as unknown as Record<string, any>;
  if (node.type === "SymbolNode") return n.name;
  if (node.type !== "AccessorNode" || !n.index?.dotNotation) return undefined;
  const head = dottedName(n.object);
  const key = n.index.dimensions?.[0]?.value;
  return head && typeof key === "string" ? `${head}.${key}` : undefined;
}

function symbol(name: string, isSymbol: (n: string) => boolean, issues: ExprIssue[]): Expr {
  if (isSymbol(name)) return { kind: "sym", name };
  if (!name.includes(".") && isUnitName(name)) {
    const u = parseUnit(name);
    if (typeof u !== "string") return { kind: "num", value: u.factor, unit: { text: name, dim: u.dim } };
  }
  issues.push({ code: "E_MODEL_UNDEFINED_SYMBOL", message: `undefined symbol "${name}"`, needle: name });
  return { kind: "num", value: 0 };
}

/** Every symbol name a tree references. */
export function symbolsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case "sym": out.add(e.name); break;
    case "neg": case "not": symbolsOf(e.arg, out); break;
    case "op": symbolsOf(e.a, out); symbolsOf(e.b, out); break;
    case "call": for (const a of e.args) symbolsOf(a, out); break;
    case "cond": symbolsOf(e.cond, out); symbolsOf(e.then, out); symbolsOf(e.else, out); break;
  }
  return out;
}

/** A copy of the tree with symbols renamed by `rename` (unchanged when it returns undefined). */
export function renameSymbols(e: Expr, rename: (name: string) => string | undefined): Expr {
  switch (e.kind) {
    case "num": return e;
    case "sym": return { kind: "sym", name: rename(e.name) ?? e.name };
    case "neg": case "not": return { kind: e.kind, arg: renameSymbols(e.arg, rename) };
    case "op": return { kind: "op", op: e.op, a: renameSymbols(e.a, rename), b: renameSymbols(e.b, rename) };
    case "call": return { kind: "call", fn: e.fn, args: e.args.map((a) => renameSymbols(a, rename)) };
    case "cond":
      return {
        kind: "cond",
        cond: renameSymbols(e.cond, rename),
        then: renameSymbols(e.then, rename),
        else: renameSymbols(e.else, rename),
      };
  }
}

/** The numeric value of a tree without symbols (SI), or undefined. */
export function constValue(e: Expr): number | undefined {
  switch (e.kind) {
    case "num": return e.value;
    case "neg": { const v = constValue(e.arg); return v === undefined ? undefined : -v; }
    case "op": {
      const a = constValue(e.a), b = constValue(e.b);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "^": return Math.pow(a, b);
        default: return undefined;
      }
    }
    default: return undefined;
  }
}

const PREC: Record<string, number> = {
  or: 1, and: 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "^": 8,
};

/**
 * Renders a tree back to mathjs syntax with internal-unit numbers (symbols named by `name`),
 * for messages, documentation and exporters that speak infix.
 */
export function exprToString(
  e: Expr,
  name: (s: string) => string = (s) => s,
  unitNames = false,
): string {
  return render(e, name, 0, unitNames);
}

function render(e: Expr, name: (s: string) => string, parent: number, un = false): string {
  const wrap = (s: string, p: number) => (p < parent ? `(${s})` : s);
  switch (e.kind) {
    case "num": return e.unit && un ? e.unit.text : e.value < 0 ? `(${fmtNum(e.value)})` : fmtNum(e.value);
    case "sym": return name(e.name);
    case "neg": return wrap(`-${render(e.arg, name, 7, un)}`, 7);
    case "not": return wrap(`not ${render(e.arg, name, 7, un)}`, 7);
    case "op": {
      if (un && e.op === "*" && e.a.kind === "num" && !e.a.unit && e.b.kind === "num" && e.b.unit) {
        return wrap(`${fmtNum(e.a.value)} ${e.b.unit.text}`, 6); // a unit literal as written: "37 mmHg"
      }
      const p = PREC[e.op];
      const right = e.op === "^" ? p + 1 : e.op === "-" || e.op === "/" ? p + 1 : p;
      const left = e.op === "^" ? p + 1 : p;
      const sp = e.op === "^" ? "" : " ";
      return wrap(`${render(e.a, name, left, un)}${sp}${e.op}${sp}${render(e.b, name, right, un)}`, p);
    }
    case "call": return `${e.fn}(${e.args.map((a) => render(a, name, 0, un)).join(", ")})`;
    case "cond":
      return wrap(`${render(e.cond, name, 1, un)} ? ${render(e.then, name, 1, un)} : ${render(e.else, name, 1, un)}`, 0.5);
  }
}

/** Shortest round-trip text of a number. */
export function fmtNum(v: number): string {
  return String(v);
}
