/**
 * Loader: one model file → a RawModule (names local to the file, positions kept), with its
 * imports loaded recursively (paths relative to the importing file). Checks what one file can
 * check alone: the schema, names, and every parameter's value, unit, range, source and evidence.
 */
import { dirname, resolve } from "node:path";
import type { SourcePosition } from "../errors.ts";
import type { Diagnostics } from "./errors.ts";
import { FUNCTIONS } from "./expr.ts";
import { parseUnit } from "./units.ts";
import {
  readSource, positionOf, entriesOf, fieldOf, valueOf, exprSource, isMap, isSeq,
  type SourceFile, type ExprSource, type SourceNode as Node,
} from "./source.ts";

export const EVIDENCE_GRADES = ["strong", "moderate", "limited", "speculative"] as const;
export type EvidenceGrade = (typeof EVIDENCE_GRADES)[number];

export interface RawReference { id: string; citation: string; doi?: string; pmid?: string | number }
export interface RawInput { name: string; unit: string; description?: string; position: SourcePosition }
export interface RawParameter {
  name: string; value: number; unit: string; range: [number, number]; source: string;
  evidence: EvidenceGrade; description?: string; position: SourcePosition;
  /** The citation `source` refers to, when it is a reference id. */
  reference?: RawReference;
}
export interface RawState {
  name: string; unit: string; initial: number | ExprSource; description?: string; position: SourcePosition;
}
/** An assignment or an output. */
export interface RawDef { name: string; expr: ExprSource; unit?: string; description?: string; position: SourcePosition }
export interface RawRate { state: string; expr: ExprSource; position: SourcePosition }
export interface RawImport { as: string; module: RawModule; position: SourcePosition }
export interface RawConnect { target: string; source: string; position: SourcePosition; sourcePosition: SourcePosition }

/** One model file, names local to it. */
export interface RawModule {
  file: string;
  name: string;
  description?: string;
  references: Map<string, RawReference>;
  inputs: RawInput[];
  parameters: RawParameter[];
  states: RawState[];
  assignments: RawDef[];
  rates: RawRate[];
  outputs: RawDef[];
  imports: RawImport[];
  connect: RawConnect[];
  /** Every file read for this module and its imports (path → text), for the content hash. */
  files: Map<string, string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOP_KEYS = new Set([
  "name", "description", "references", "inputs", "parameters", "states", "assignments", "rates",
  "outputs", "imports", "connect",
]);

/** Loads `path` and its imports. Problems go to `diag`; the result is as complete as possible. */
export function loadModule(path: string, diag: Diagnostics): RawModule | undefined {
  const files = new Map<string, string>();
  return loadFile(resolve(path), diag, files, [], undefined);
}

function loadFile(
  path: string, diag: Diagnostics, files: Map<string, string>, stack: string[], from?: SourcePosition,
): RawModule | undefined {
  if (stack.includes(path)) {
    diag.error("E_MODEL_IMPORT", `import cycle: ${[...stack, path].join(" → ")}`, from ?? { file: path });
    return undefined;
  }
  const src = readSource(path, diag, from);
  if (!src) return undefined;
  files.set(path, src.text);
  if (!src.ok) return undefined; // reported; the structure is not trustworthy
  const root = src.root;
  const m: RawModule = {
    file: path, name: "", references: new Map(), inputs: [], parameters: [], states: [], assignments: [],
    rates: [], outputs: [], imports: [], connect: [], files,
  };
  if (!isMap(root)) {
    diag.error("E_MODEL_SCHEMA", "a model file must be a YAML mapping (name, parameters, states, …)", positionOf(src, root));
    return m;
  }
  for (const { key, keyNode } of entriesOf(root)) {
    if (!TOP_KEYS.has(key)) {
      diag.error("E_MODEL_SCHEMA", `unknown section "${key}" (expected one of ${[...TOP_KEYS].join(", ")})`, positionOf(src, keyNode));
    }
  }
  const nameNode = fieldOf(root, "name");
  m.name = typeof valueOf(nameNode) === "string" ? (valueOf(nameNode) as string) : "";
  if (!NAME.test(m.name)) diag.error("E_MODEL_SCHEMA", `name = ${JSON.stringify(valueOf(nameNode) ?? null)}: expected an identifier`, positionOf(src, nameNode ?? root));
  const d = valueOf(fieldOf(root, "description"));
  if (typeof d === "string") m.description = d.trim();
  loadReferences(src, fieldOf(root, "references"), m, diag);
  const ctx: Ctx = { src, diag, names: new Map() };
  loadInputs(ctx, fieldOf(root, "inputs"), m);
  loadParameters(ctx, fieldOf(root, "parameters"), m);
  loadStates(ctx, fieldOf(root, "states"), m);
  loadDefs(ctx, fieldOf(root, "assignments"), m.assignments, "assignment");
  loadDefs(ctx, fieldOf(root, "outputs"), m.outputs, "output");
  loadRates(ctx, fieldOf(root, "rates"), m);
  loadImports(ctx, fieldOf(root, "imports"), m, files, [...stack, path]);
  loadConnect(ctx, fieldOf(root, "connect"), m);
  return m;
}

interface Ctx { src: SourceFile; diag: Diagnostics; names: Map<string, string> }

/** Registers a local name; reports duplicates and bad identifiers. */
function declare(ctx: Ctx, name: string, kind: string, node: Node): boolean {
  const at = positionOf(ctx.src, node);
  if (!NAME.test(name) || name === "t" || name in FUNCTIONS) {
    ctx.diag.error("E_MODEL_SCHEMA", `${kind} name "${name}": expected an identifier (letters, digits, _), not "t" or a function name`, at);
    return false;
  }
  const prev = ctx.names.get(name);
  if (prev) {
    ctx.diag.error("E_MODEL_DUPLICATE", `${kind} "${name}" is already declared as a ${prev}`, at);
    return false;
  }
  ctx.names.set(name, kind);
  return true;
}

function sectionEntries(ctx: Ctx, node: Node | null | undefined, section: string) {
  if (node === undefined || node === null) return [];
  if (!isMap(node)) {
    ctx.diag.error("E_MODEL_SCHEMA", `${section}: expected a mapping of name → entry`, positionOf(ctx.src, node));
    return [];
  }
  return entriesOf(node);
}

function loadReferences(src: SourceFile, node: Node | null | undefined, m: RawModule, diag: Diagnostics): void {
  for (const { key, value } of sectionEntries({ src, diag, names: new Map() }, node, "references")) {
    const v = valueOf(value) as Record<string, unknown> | null;
    const citation = typeof v === "string" ? v : v && typeof v.citation === "string" ? v.citation : undefined;
    if (!citation) diag.error("E_MODEL_SCHEMA", `references.${key}.citation: expected the citation text`, positionOf(src, value));
    const ref: RawReference = { id: key, citation: citation ?? "" };
    if (v && typeof v === "object") {
      if (v.doi !== undefined) ref.doi = String(v.doi);
      if (v.pmid !== undefined) ref.pmid = v.pmid as string | number;
    }
    m.references.set(key, ref);
  }
}

function unitField(ctx: Ctx, entry: Node | null, field: string, where: string, required: boolean): string | undefined {
  const node = fieldOf(entry, "unit");
  const v = valueOf(node);
  if (v === undefined || v === null) {
    if (required) ctx.diag.error(field === "parameter" ? "E_MODEL_PARAMETER_FIELD" : "E_MODEL_UNIT", `${where}: missing unit`, positionOf(ctx.src, entry));
    return undefined;
  }
  const text = String(v);
  const u = parseUnit(text);
  if (typeof u === "string") ctx.diag.error("E_MODEL_UNIT", `${where}.unit = "${text}": ${u}`, positionOf(ctx.src, node));
  return text;
}

function description(entry: Node | null): string | undefined {
  const v = valueOf(fieldOf(entry, "description"));
  return typeof v === "string" ? v.trim() : undefined;
}

const INPUT_FIELDS = ["unit", "description"] as const;
const STATE_FIELDS = ["initial", "unit", "description"] as const;
const DEF_FIELDS = ["expr", "unit", "description"] as const;
const PARAMETER_FIELDS = ["value", "unit", "range", "source", "evidence", "description"] as const;

/**
 * An entry's fields must be the known ones. The usual cause of a stray field is YAML itself: in
 * `{ description: low grip, men }` the comma ends the text and `men` becomes a key with no value.
 */
function checkFields(ctx: Ctx, entry: Node | null | undefined, allowed: readonly string[], where: string): void {
  for (const { key, keyNode, value } of entriesOf(entry)) {
    if (allowed.includes(key)) continue;
    const hint = valueOf(value) == null ? `; a field with no value usually means an unquoted comma inside { … } cut the text before it short: quote that text` : "";
    ctx.diag.error("E_MODEL_SCHEMA", `${where}: unknown field "${key}" (expected ${allowed.join(", ")})${hint}`, positionOf(ctx.src, keyNode));
  }
}

function loadInputs(ctx: Ctx, node: Node | null | undefined, m: RawModule): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, "inputs")) {
    if (!declare(ctx, key, "input", keyNode)) continue;
    checkFields(ctx, value, INPUT_FIELDS, `inputs.${key}`);
    const unit = unitField(ctx, value, "input", `inputs.${key}`, true);
    m.inputs.push({ name: key, unit: unit ?? "", description: description(value), position: positionOf(ctx.src, keyNode) });
  }
}

function loadParameters(ctx: Ctx, node: Node | null | undefined, m: RawModule): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, "parameters")) {
    if (!declare(ctx, key, "parameter", keyNode)) continue;
    const p = checkParameter(ctx, key, keyNode, value, m);
    if (p) m.parameters.push(p);
  }
}

function checkParameter(ctx: Ctx, key: string, keyNode: Node, entry: Node | null, m: RawModule): RawParameter | undefined {
  const { src, diag } = ctx;
  const where = `parameters.${key}`;
  const at = positionOf(src, keyNode);
  if (!isMap(entry)) {
    diag.error("E_MODEL_PARAMETER_FIELD", `${where}: expected a mapping with value, unit, range, source, evidence`, at);
    return undefined;
  }
  for (const f of ["value", "unit", "range", "source", "evidence"]) {
    if (fieldOf(entry, f) === undefined) diag.error("E_MODEL_PARAMETER_FIELD", `${where}: missing ${f}`, at);
  }
  checkFields(ctx, entry, PARAMETER_FIELDS, where);
  const unit = unitField(ctx, entry, "parameter", where, false);
  const valueNode = fieldOf(entry, "value");
  const value = valueOf(valueNode);
  if (valueNode !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
    diag.error("E_MODEL_PARAMETER_FIELD", `${where}.value = ${JSON.stringify(value)}: expected a finite number`, positionOf(src, valueNode));
  }
  const rangeNode = fieldOf(entry, "range");
  const range = valueOf(rangeNode);
  const rangeOk = Array.isArray(range) && range.length === 2 && range.every((x) => typeof x === "number" && Number.isFinite(x)) && range[0] <= range[1];
  if (rangeNode !== undefined && !rangeOk) {
    diag.error("E_MODEL_PARAMETER_FIELD", `${where}.range = ${JSON.stringify(range)}: expected [lo, hi] with lo ≤ hi`, positionOf(src, rangeNode));
  }
  if (rangeOk && typeof value === "number" && (value < range[0] || value > range[1])) {
    diag.error("E_MODEL_OUT_OF_RANGE", `${where}.value = ${value} is outside its range [${range[0]}, ${range[1]}]`, positionOf(src, valueNode));
  }
  const evNode = fieldOf(entry, "evidence");
  const evidence = valueOf(evNode);
  if (evNode !== undefined && !EVIDENCE_GRADES.includes(evidence as EvidenceGrade)) {
    diag.error("E_MODEL_EVIDENCE", `${where}.evidence = ${JSON.stringify(evidence)}: expected one of ${EVIDENCE_GRADES.join(" | ")}`, positionOf(src, evNode));
  }
  const sourceNode = fieldOf(entry, "source");
  const source = valueOf(sourceNode);
  let reference: RawReference | undefined;
  if (sourceNode !== undefined) {
    const s = typeof source === "string" ? source.trim() : "";
    reference = m.references.get(s);
    const assumed = /^assumed:\s*\S/.test(s);
    if (!reference && !assumed) {
      const ids = [...m.references.keys()];
      diag.error("E_MODEL_SOURCE", `${where}.source = ${JSON.stringify(source)}: expected a reference id of this file${ids.length ? ` (${ids.join(", ")})` : ""} or "assumed: <why>"`, positionOf(src, sourceNode));
    }
  }
  if (rangeOk && typeof value === "number" && (evidence === "limited" || evidence === "speculative")) {
    checkThinEvidenceRange(ctx, where, value, range as [number, number], String(evidence), positionOf(src, rangeNode));
  }
  // a broken parameter is still declared (so its uses are not reported again), unit-less to the checks
  const num = typeof value === "number" && Number.isFinite(value) ? value : 0;
  return {
    name: key, value: num, unit: unit ?? "", range: rangeOk ? (range as [number, number]) : [num, num], source: typeof source === "string" ? source.trim() : "",
    evidence: evidence as EvidenceGrade, description: description(entry), position: at, reference,
  };
}

/** Thin evidence → wide range: a factor of 2 either side, or the physically allowed interval. */
function checkThinEvidenceRange(ctx: Ctx, where: string, value: number, [lo, hi]: [number, number], grade: string, at: SourcePosition): void {
  if (value === 0) return;
  const needLo = value > 0 ? value / 2 : value * 2;
  let needHi = value > 0 ? value * 2 : value / 2;
  if (lo >= 0 && hi <= 1) needHi = Math.min(needHi, 1); // a fraction: [.., 1] is the allowed interval
  if (lo > needLo || hi < needHi) {
    ctx.diag.error("E_MODEL_RANGE_TOO_NARROW", `${where}: evidence "${grade}" needs a range spanning at least a factor of 2 either side of ${value} (or the allowed interval for a fraction), got [${lo}, ${hi}]`, at);
  }
}

function loadStates(ctx: Ctx, node: Node | null | undefined, m: RawModule): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, "states")) {
    if (!declare(ctx, key, "state", keyNode)) continue;
    checkFields(ctx, value, STATE_FIELDS, `states.${key}`);
    const unit = unitField(ctx, value, "state", `states.${key}`, true);
    const initNode = fieldOf(value, "initial");
    const init = valueOf(initNode);
    let initial: number | ExprSource = 0;
    if (typeof init === "number") initial = init;
    else if (typeof init === "string" && initNode) initial = exprSource(ctx.src, initNode, init);
    else ctx.diag.error("E_MODEL_SCHEMA", `states.${key}.initial = ${JSON.stringify(init ?? null)}: expected a number or an expression of parameters`, positionOf(ctx.src, initNode ?? keyNode));
    m.states.push({ name: key, unit: unit ?? "", initial, description: description(value), position: positionOf(ctx.src, keyNode) });
  }
}

function loadDefs(ctx: Ctx, node: Node | null | undefined, out: RawDef[], kind: "assignment" | "output"): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, `${kind}s`)) {
    if (!declare(ctx, key, kind, keyNode)) continue;
    const plain = valueOf(value);
    const exprNode = typeof plain === "string" || typeof plain === "number" ? value : fieldOf(value, "expr");
    const text = valueOf(exprNode);
    if ((typeof text !== "string" && typeof text !== "number") || !exprNode) {
      ctx.diag.error("E_MODEL_SCHEMA", `${kind}s.${key}: expected an expression or { expr, unit, description }`, positionOf(ctx.src, value ?? keyNode));
      continue;
    }
    if (exprNode !== value) checkFields(ctx, value, DEF_FIELDS, `${kind}s.${key}`);
    const unit = exprNode === value ? undefined : unitField(ctx, value, kind, `${kind}s.${key}`, false);
    out.push({
      name: key, expr: exprSource(ctx.src, exprNode, String(text)), unit,
      description: exprNode === value ? undefined : description(value), position: positionOf(ctx.src, keyNode),
    });
  }
}

function loadRates(ctx: Ctx, node: Node | null | undefined, m: RawModule): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, "rates")) {
    const text = valueOf(value);
    if ((typeof text !== "string" && typeof text !== "number") || !value) {
      ctx.diag.error("E_MODEL_SCHEMA", `rates.${key}: expected an expression`, positionOf(ctx.src, value ?? keyNode));
      continue;
    }
    if (m.rates.some((r) => r.state === key)) {
      ctx.diag.error("E_MODEL_DUPLICATE", `rates.${key}: a second rate for the same state`, positionOf(ctx.src, keyNode));
      continue;
    }
    m.rates.push({ state: key, expr: exprSource(ctx.src, value, String(text)), position: positionOf(ctx.src, keyNode) });
  }
}

function loadImports(ctx: Ctx, node: Node | null | undefined, m: RawModule, files: Map<string, string>, stack: string[]): void {
  if (node === undefined || node === null) return;
  if (!isSeq(node)) {
    ctx.diag.error("E_MODEL_SCHEMA", "imports: expected a list of { file, as }", positionOf(ctx.src, node));
    return;
  }
  for (const item of node.items) {
    const v = valueOf(item) as { file?: unknown; as?: unknown } | null;
    const at = positionOf(ctx.src, item);
    if (!v || typeof v.file !== "string") {
      ctx.diag.error("E_MODEL_SCHEMA", "imports: each entry needs file (a path relative to this file)", at);
      continue;
    }
    const child = loadFile(resolve(dirname(ctx.src.path), v.file), ctx.diag, files, stack, at);
    if (!child) continue;
    const as = typeof v.as === "string" ? v.as : child.name;
    if (!declare(ctx, as, "import prefix", item)) continue;
    m.imports.push({ as, module: child, position: at });
  }
}

function loadConnect(ctx: Ctx, node: Node | null | undefined, m: RawModule): void {
  for (const { key, keyNode, value } of sectionEntries(ctx, node, "connect")) {
    const source = valueOf(value);
    if (typeof source !== "string") {
      ctx.diag.error("E_MODEL_CONNECT", `connect.${key}: expected a source name`, positionOf(ctx.src, value ?? keyNode));
      continue;
    }
    m.connect.push({ target: key, source: source.trim(), position: positionOf(ctx.src, keyNode), sourcePosition: positionOf(ctx.src, value) });
  }
}
