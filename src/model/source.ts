/**
 * Model source files as read from disk: YAML with positions. Every node keeps the file, line and
 * column it came from, and an expression can locate a symbol inside its own text. Files inside
 * the YAML subset model files use are read by the fast reader (yaml-subset.ts); anything else,
 * including every file with a YAML error, by the `yaml` package, loaded only then.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SourcePosition } from "../errors.ts";
import type { Diagnostics } from "./errors.ts";
import { readYamlSubset } from "./yaml-subset.ts";
import { fromYamlDocument, plainValue, type MapNode, type ScalarNode, type SeqNode, type SourceNode } from "./yaml-tree.ts";

export type { SourceNode };

/** A YAML file parsed with positions. */
export interface SourceFile {
  path: string;
  text: string;
  /** The document's root node (null for an empty document). */
  root: SourceNode | null;
  /** False when the file has YAML errors (reported; the structure is not trustworthy). */
  ok: boolean;
  /** Offsets where each line starts, for line/column positions. */
  lineStarts: number[];
}

/** An expression as written, with where it is and a way to find a word inside it. */
export interface ExprSource {
  text: string;
  position: SourcePosition;
  /** Position of the first whole-word occurrence of `needle` in the expression (else its start). */
  locate(needle: string): SourcePosition;
}

/** Reads and parses `path`; YAML errors go to `diag` (returns undefined when unreadable). */
export function readSource(path: string, diag: Diagnostics, from?: SourcePosition): SourceFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    diag.error("E_MODEL_IMPORT", `cannot read model file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, from ?? { file: path });
    return undefined;
  }
  const src: SourceFile = { path, text, root: null, ok: true, lineStarts: lineStartsOf(text) };
  const fast = readYamlSubset(text);
  if (fast) {
    src.root = fast;
    return src;
  }
  const Y = yamlPackage();
  const doc = Y.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    diag.error("E_MODEL_YAML", `YAML: ${e.message.split("\n")[0]}`, { file: path, ...linePos(src, e.pos[0]) });
  }
  src.ok = doc.errors.length === 0;
  src.root = fromYamlDocument(Y, doc);
  return src;
}

let yamlModule: typeof import("yaml") | undefined;

/** The `yaml` package, loaded on first use (files inside the fast reader's subset never need it). */
function yamlPackage(): typeof import("yaml") {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlModule;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
function linePos(src: SourceFile, offset: number): { line: number; column: number } {
  const starts = src.lineStarts;
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Where a node starts. */
export function positionOf(src: SourceFile, node: SourceNode | null | undefined): SourcePosition {
  if (!node) return { file: src.path };
  return { file: src.path, ...linePos(src, node.range[0]) };
}

/** The key/value pairs of a YAML map node, with positions (empty for non-maps). */
export function entriesOf(node: SourceNode | null | undefined): Array<{ key: string; keyNode: ScalarNode; value: SourceNode }> {
  if (!isMap(node)) return [];
  return node.items.map((pair) => ({ key: String(pair.key.value), keyNode: pair.key, value: pair.value }));
}

/** The field `key` of a YAML map node. */
export function fieldOf(node: SourceNode | null | undefined, key: string): SourceNode | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) if (item.key.value === key) return item.value; // a loop: no closure per call
  return undefined;
}

/** Plain JavaScript value of a node. */
export function valueOf(node: SourceNode | null | undefined): unknown {
  if (node === null || node === undefined) return node;
  return plainValue(node);
}

export function isMap(node: SourceNode | null | undefined): node is MapNode {
  return node?.kind === "map";
}

export function isSeq(node: SourceNode | null | undefined): node is SeqNode {
  return node?.kind === "seq";
}

export function isScalar(node: SourceNode | null | undefined): node is ScalarNode {
  return node?.kind === "scalar";
}

/** An ExprSource for the scalar `node` (its text must already be known to be a string/number). */
export function exprSource(src: SourceFile, node: SourceNode, text: string): ExprSource {
  const position = positionOf(src, node);
  const [start, end] = node.range;
  const raw = src.text.slice(start, end);
  return {
    text,
    position,
    locate(needle: string) {
      const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const m = new RegExp(`(?<![A-Za-z0-9_.])${escaped}(?![A-Za-z0-9_])`).exec(raw);
      if (!m) return position;
      return { file: src.path, ...linePos(src, start + m.index) };
    },
  };
}
