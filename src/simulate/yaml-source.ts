/**
 * Reads a YAML or JSON document (JSON is YAML) and keeps where each value sits, so validation
 * errors can point at `file:line:col`.
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isNode, isScalar } from "yaml";
import { InputError, type SourcePosition } from "../errors.ts";

/** A path into a parsed document: object keys and array indices. */
export type DocPath = readonly (string | number)[];

/**
 * Finds the source position of the value at a path (or of its nearest existing parent); with
 * `at: "key"`, of the mapping key that names it (for errors about the key itself).
 */
export type Locator = (path: DocPath, at?: "value" | "key") => SourcePosition | undefined;

/** A parsed document: plain data plus a locator for error messages. */
export interface SourcedDocument {
  data: unknown;
  locate: Locator;
}

/** Parses YAML/JSON text; `file` only labels positions. Syntax errors become InputError. */
export function parseSourced(text: string, file?: string): SourcedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = lineCounter.linePos(err.pos[0]);
    throw new InputError("document", err.code, `valid YAML or JSON (${err.message.split("\n")[0]})`, {
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  const locate: Locator = (path, at = "value") => {
    if (at === "key" && path.length > 0) {
      const key = keyNode(doc.getIn(path.slice(0, -1), true), path[path.length - 1]);
      if (key?.range) {
        const pos = lineCounter.linePos(key.range[0]);
        return { file, line: pos.line, column: pos.col };
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { file, line: pos.line, column: pos.col };
      }
    }
    return file ? { file } : undefined;
  };
  return { data: doc.toJS(), locate };
}

/** The key node naming `key` in a mapping node, if the node is a mapping that has it. */
function keyNode(mapping: unknown, key: string | number): { range?: [number, number, number] | null } | undefined {
  if (!isMap(mapping)) return undefined;
  for (const pair of mapping.items) {
    if (isScalar(pair.key) && String(pair.key.value) === String(key)) return pair.key;
  }
  return undefined;
}

/** Reads and parses a YAML/JSON file; a missing file is an InputError naming `field`. */
export function readSourced(file: string, field: string): SourcedDocument {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new InputError(field, file, "a readable YAML or JSON file");
  }
  return parseSourced(text, file);
}
