/**
 * Model source files as read from disk: YAML with positions. Every node keeps the file, line and
 * column it came from, and an expression can locate a symbol inside its own text.
 */
import { readFileSync } from "node:fs";
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Node, type Document } from "yaml";
import type { SourcePosition } from "../errors.ts";
import type { Diagnostics } from "./errors.ts";

/** A YAML file parsed with positions. */
export interface SourceFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
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
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const lp = lines.linePos(e.pos[0]);
    diag.error("E_MODEL_YAML", `YAML: ${e.message.split("\n")[0]}`, { file: path, line: lp.line, column: lp.col });
  }
  return { path, text, doc, lines };
}

/** Where a node starts. */
export function positionOf(src: SourceFile, node: Node | null | undefined): SourcePosition {
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: src.path };
  const lp = src.lines.linePos(offset);
  return { file: src.path, line: lp.line, column: lp.col };
}

/** The key/value pairs of a YAML map node, with positions (empty for non-maps). */
export function entriesOf(node: unknown): Array<{ key: string; keyNode: Node; value: Node | null }> {
  if (!isMap(node)) return [];
  return node.items.map((pair) => ({
    key: String(isScalar(pair.key) ? pair.key.value : pair.key),
    keyNode: pair.key as Node,
    value: (pair.value ?? null) as Node | null,
  }));
}

/** The field `key` of a YAML map node. */
export function fieldOf(node: unknown, key: string): Node | null | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  return pair ? ((pair.value ?? null) as Node | null) : undefined;
}

/** Plain JavaScript value of a node. */
export function valueOf(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return node;
  return node.toJSON();
}

export { isMap, isScalar, isSeq };

/** An ExprSource for the scalar `node` (its text must already be known to be a string/number). */
export function exprSource(src: SourceFile, node: Node, text: string): ExprSource {
  const position = positionOf(src, node);
  const [start, , end] = node.range ?? [0, 0, 0];
  const raw = src.text.slice(start, end);
  return {
    text,
    position,
    locate(needle: string) {
      const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const m = new RegExp(`(?<![A-Za-z0-9_.])${escaped}(?![A-Za-z0-9_])`).exec(raw);
      if (!m) return position;
      const lp = src.lines.linePos(start + m.index);
      return { file: src.path, line: lp.line, column: lp.col };
    },
  };
}
