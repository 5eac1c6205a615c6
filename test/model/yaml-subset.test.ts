import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as Y from "yaml";
import { readYamlSubset } from "../../src/model/yaml-subset.ts";
import { fromYamlDocument, type SourceNode } from "../../src/model/yaml-tree.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : f.endsWith(".yaml") ? [p] : [];
  });
}

/** The `yaml` package's reading of `text` (undefined when it reports an error), as the loader's tree. */
function reference(text: string): SourceNode | null | undefined {
  const doc = Y.parseDocument(text, { uniqueKeys: true });
  return doc.errors.length ? undefined : fromYamlDocument(Y, doc);
}

/** First difference in values, kinds or start offsets of nodes and keys; undefined when they agree. */
function difference(a: SourceNode, b: SourceNode, path = "$"): string | undefined {
  if (a.kind !== b.kind) return `${path}: ${a.kind} vs ${b.kind}`;
  if (a.range[0] !== b.range[0]) return `${path}: starts at ${a.range[0]} vs ${b.range[0]}`;
  if (a.kind === "scalar" || b.kind === "scalar") {
    const bv = (b as { value: unknown }).value;
    return a.kind === "scalar" && a.value === bv ? undefined : `${path}: ${JSON.stringify((a as { value: unknown }).value)} vs ${JSON.stringify(bv)}`;
  }
  if (a.items.length !== b.items.length) return `${path}: ${a.items.length} vs ${b.items.length} items`;
  for (let i = 0; i < a.items.length; i++) {
    if (a.kind === "map" && b.kind === "map") {
      const x = a.items[i], y = b.items[i];
      if (x.key.value !== y.key.value || x.key.range[0] !== y.key.range[0]) return `${path}: key ${String(x.key.value)}@${x.key.range[0]} vs ${String(y.key.value)}@${y.key.range[0]}`;
      const d = difference(x.value, y.value, `${path}.${String(x.key.value)}`);
      if (d) return d;
    } else {
      const d = difference(a.items[i] as SourceNode, b.items[i] as SourceNode, `${path}[${i}]`);
      if (d) return d;
    }
  }
  return undefined;
}

/** The subset reader either gives up or reads exactly what the yaml package reads (which must then be error-free). */
function agreesOrGivesUp(text: string): string | undefined {
  const fast = readYamlSubset(text);
  if (!fast) return undefined;
  const ref = reference(text);
  if (ref === undefined) return "accepted a document the yaml package rejects";
  if (ref === null) return "accepted an empty document";
  return difference(fast, ref);
}

const compiledModels = [
  ...yamlFiles(join(root, "models/modules")), ...yamlFiles(join(root, "models/examples")),
  join(root, "models/bfr-ageing.yaml"), join(root, "bench/model/chain40.yaml"),
];

describe("fast YAML reader for model files (falls back to the yaml package outside its subset)", () => {
  it("reads every bundled model file itself, with the yaml package's values and node positions", () => {
    for (const file of compiledModels) {
      const text = readFileSync(file, "utf8");
      const fast = readYamlSubset(text);
      expect(fast, `${file} fell back to the slow yaml package: keep model files in the fast subset (yaml-subset.ts)`).toBeDefined();
      const ref = reference(text);
      expect(ref, file).toBeTruthy();
      expect(difference(fast!, ref!), file).toBeUndefined();
    }
  });

  it("agrees with the yaml package or gives up on every other YAML file in the repository", () => {
    const others = [...yamlFiles(join(root, "models")), ...yamlFiles(join(root, "test/model/fixtures"))];
    for (const file of others) expect(agreesOrGivesUp(readFileSync(file, "utf8")), file).toBeUndefined();
  });

  it("gives up on what the yaml package reports as an error or that lies outside the subset", () => {
    const outside = [
      "a: 1\na: 2\n", // duplicate key
      "a: { x: 1, x: 2 }\n",
      "a:\n\tb: 1\n", // tab
      "a: &x 1\nb: *x\n", // anchor and alias
      "a: !!str 1\n", // tag
      'a: "one\n  two"\n', // multi-line quoted
      "a: b: c\n", // nested compact mapping
      "a: [1, 2\n", // unclosed flow
      "a: 1\n  b: 2\n", // bad indentation
      "- 1\n- 2\n", // root is not a map
      "a: 0x1F\n", // hexadecimal
      "a: .inf\n",
      "--- \na: 1\n",
      "a: |+\n  kept\n\n",
    ];
    for (const text of outside) expect(readYamlSubset(text), JSON.stringify(text)).toBeUndefined();
  });

  it("resolves scalars by YAML's core schema and folds block and multi-line scalars as YAML does", () => {
    const text = [
      "n: 1.5e-3", "i: -7", "b: true", "z: ~", "e:", "s: mM/min  # unit", "q: 'it''s'", 'd: "a \\"b\\""',
      "f: >", "  folded", "  text", "", "  para", "l: |-", "  line 1", "    line 2",
      "p: a * b", "  + c", "flow: { v: 0.5, r: [0.1, 2], u: \"1\", desc: x (a, b) }",
      "seq:", "  - { file: m.yaml, as: m }", "  - k: 1", "    j: two", "",
    ].join("\n");
    const fast = readYamlSubset(text);
    expect(fast).toBeDefined();
    expect(difference(fast!, reference(text)!)).toBeUndefined();
  });

  it("property: documents built from the subset's constructs are read, and read as the yaml package reads them", () => {
    const ident = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,6}$/);
    const plain = fc.oneof(
      fc.stringMatching(/^[a-zA-Z(][a-zA-Z0-9 *+/().-]{0,12}[a-zA-Z0-9)]$/),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String), fc.constantFrom("true", "False", "null", "~", "1e3", "-.5", "+2", "1."),
    );
    const piece = fc.constantFrom("a", "Z9", " ", ":", "# ", ",", "{", "]", "-", "é");
    const quoted = fc.oneof(
      fc.array(fc.oneof(piece, fc.constantFrom("\\\\", '\\"', "\\n", "'")), { maxLength: 6 }).map((ps) => `"${ps.join("")}"`),
      fc.array(fc.oneof(piece, fc.constant("''"), fc.constant('"')), { maxLength: 6 }).map((ps) => `'${ps.join("")}'`),
    );
    const flowScalar = fc.oneof(plain.filter((s) => !/[,[\]{}]|: |#/.test(s)), quoted);
    const flow = fc.oneof(
      fc.uniqueArray(fc.tuple(ident, flowScalar), { selector: ([k]) => k, maxLength: 4 }).map((es) => `{ ${es.map(([k, v]) => `${k}: ${v}`).join(", ")} }`),
      fc.array(flowScalar, { maxLength: 4 }).map((vs) => `[${vs.join(", ")}]`),
    );
    const value = (indent: number): fc.Arbitrary<string> => fc.oneof(
      plain.filter((s) => !/: |#/.test(s)).map((s) => ` ${s}`),
      quoted.map((s) => ` ${s}`),
      flow.map((s) => ` ${s}`),
      fc.array(fc.stringMatching(/^[a-z][a-z .]{0,10}[a-z]$/), { minLength: 1, maxLength: 3 })
        .map((ls) => ` >\n${ls.map((l) => " ".repeat(indent + 2) + l).join("\n")}`),
    );
    const block = (indent: number, depth: number): fc.Arbitrary<string> =>
      fc.uniqueArray(fc.tuple(ident, depth > 0 ? fc.oneof(value(indent), block(indent + 2, depth - 1).map((b) => `\n${b}`)) : value(indent), fc.boolean()),
        { selector: ([k]) => k, minLength: 1, maxLength: 4 })
        .map((es) => es.map(([k, v, comment]) => `${" ".repeat(indent)}${k}:${v}${comment && !v.includes("\n") ? "  # note" : ""}`).join("\n"));
    fc.assert(fc.property(block(0, 2), (doc) => {
      const text = doc + "\n";
      const fast = readYamlSubset(text);
      const ref = reference(text);
      if (!fast || !ref) return false;
      return difference(fast, ref) === undefined;
    }), { numRuns: 300 });
  });

  it("property: an edited model file is either read exactly as the yaml package reads it or left to it", () => {
    const base = readFileSync(join(root, "models/modules/cuff.yaml"), "utf8").slice(0, 3000);
    const cut = base.slice(0, base.lastIndexOf("\n") + 1);
    const edits = fc.array(fc.tuple(fc.nat(cut.length), fc.constantFrom(" ", "\n", ":", "-", "#", "'", '"', "{", "}", "[", "]", ",", "  ", "a", ": ", "- ", ">", "|", "&", "*", "!", "\t", "1", "."), fc.nat(3)), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(edits, (es) => {
      let text = cut;
      for (const [at, ins, del] of es) text = text.slice(0, at) + ins + text.slice(at + del);
      const d = agreesOrGivesUp(text);
      return d === undefined;
    }), { numRuns: 400 });
  });
});
