/**
 * The YAML tree the model loader reads: maps, sequences and scalars with their source offsets.
 * It is produced by the fast reader (yaml-subset.ts) or, for YAML outside that subset, converted
 * from the `yaml` package's document (source.ts), so the loader never depends on which one ran.
 */
import type { Document, Node as YamlPackageNode } from "yaml";

/** A scalar as YAML's core schema resolves it. */
export type ScalarValue = string | number | boolean | null;
/** [start, end) character offsets of a node in its file. */
export type SourceRange = [number, number];

export interface ScalarNode { kind: "scalar"; value: ScalarValue; range: SourceRange }
export interface MapEntry { key: ScalarNode; value: SourceNode }
export interface MapNode { kind: "map"; items: MapEntry[]; range: SourceRange }
export interface SeqNode { kind: "seq"; items: SourceNode[]; range: SourceRange }
export type SourceNode = ScalarNode | MapNode | SeqNode;

/** Plain JavaScript value of a node (objects for maps, arrays for sequences). */
export function plainValue(node: SourceNode): unknown {
  switch (node.kind) {
    case "scalar": return node.value;
    case "seq": return node.items.map(plainValue);
    case "map": {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.items) out[String(key.value)] = plainValue(value);
      return out;
    }
  }
}

type YamlModule = typeof import("yaml");

/** Converts a document parsed by the `yaml` package (aliases resolved, other values as `toJSON` gives them). */
export function fromYamlDocument(Y: YamlModule, doc: Document.Parsed): SourceNode | null {
  const convert = (node: unknown): SourceNode => {
    const n = Y.isAlias(node) ? node.resolve(doc) : node;
    if (Y.isMap(n)) {
      return {
        kind: "map", range: rangeOf(n),
        items: n.items.map((pair) => ({
          key: Y.isScalar(pair.key)
            ? { kind: "scalar", value: pair.key.value as ScalarValue, range: rangeOf(pair.key) }
            : { kind: "scalar", value: String(pair.key), range: rangeOf(pair.key as YamlPackageNode) },
          value: pair.value === null || pair.value === undefined ? nullAt(rangeOf(pair.key as YamlPackageNode)[1]) : convert(pair.value),
        })),
      };
    }
    if (Y.isSeq(n)) return { kind: "seq", range: rangeOf(n), items: n.items.map(convert) };
    if (Y.isScalar(n)) return { kind: "scalar", value: n.toJSON() as ScalarValue, range: rangeOf(n) };
    return nullAt(0);
  };
  return doc.contents === null ? null : convert(doc.contents);
}

function rangeOf(node: YamlPackageNode | null | undefined): SourceRange {
  const r = node?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function nullAt(offset: number): ScalarNode {
  return { kind: "scalar", value: null, range: [offset, offset] };
}
