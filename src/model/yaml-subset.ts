/**
 * A fast reader for the YAML that model files are written in: block maps and sequences, flow
 * maps and sequences, plain, quoted and block (`|`, `>`) scalars, comments. The `yaml` package
 * parses a 25 kB model in ~200 ms in a fresh process (its generator-based lexer runs cold), which
 * alone exceeds the compile budget; this reader takes a few ms. It is deliberately strict: on
 * anything outside the subset, or anything the full parser would call an error (duplicate keys,
 * bad indentation, tabs, anchors, tags, multi-line quoted scalars, …), it returns undefined and
 * the caller parses with the `yaml` package, which also produces the error messages. For what it
 * accepts it yields the same values and node start offsets as the `yaml` package (core schema);
 * test/model/yaml-subset.test.ts checks that on every model file and on generated documents.
 * One module on purpose: block and flow constructs share one cursor and one set of give-up rules.
 */
import type { MapNode, ScalarNode, ScalarValue, SeqNode, SourceNode } from "./yaml-tree.ts";

/** Thrown inside the reader to give up; never escapes readYamlSubset. */
const GIVE_UP = Symbol("outside the YAML subset");
const giveUp = (): never => { throw GIVE_UP; };

const NL = 10, SPACE = 32, HASH = 35, COLON = 58, DASH = 45;
// YAML 1.2 core schema (the `yaml` package's default) resolution of plain scalars
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const OTHER_NUMBER_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** A map key followed by ":" and a space or line end (sticky: matched at a given offset). */
const KEY = /[A-Za-z0-9_][A-Za-z0-9_.\-/]*(?=:(?: |\n|$))/y;
/** Where a plain scalar inside a flow collection ends (":" there means a nested key: give up). */
const FLOW_PLAIN_END = /[\n,[\]{}]| #|:(?=[ \n,[\]{}]|$)/g;
/** Characters that may not start a plain scalar here (indicators). */
const BLOCK_INDICATORS = "&*!%@`,]}?";
const FLOW_STOP = ",[]{}";
const QUOTE_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t" };

/** Parses `text` when it lies inside the subset (the root must be a block map); else undefined. */
export function readYamlSubset(text: string): SourceNode | undefined {
  if (text.includes("\t") || text.includes("\r") || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new SubsetReader(text).document();
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

/** Core-schema value of a plain scalar. */
function resolvePlain(s: string): ScalarValue {
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return s[0] === "t" || s[0] === "T";
  if (NUMBER_RE.test(s)) return Number(s);
  if (OTHER_NUMBER_RE.test(s)) giveUp();
  return s;
}

class SubsetReader {
  private pos = 0;
  /** Indent of the content line `pos` is on (pos at its first non-space char); -1 at the end. */
  private indent = -1;
  /** Offset of the next backslash at or after the last quoted scalar (-1: none left). */
  private backslash = -2;

  constructor(private readonly text: string) {}

  document(): MapNode {
    this.nextContentLine(true);
    if (this.indent !== 0 || !this.atKey()) giveUp();
    const root = this.blockMap(0);
    if (this.indent !== -1) giveUp();
    return root;
  }

  private code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : NL;
  }

  private lineEnd(from: number): number {
    const i = this.text.indexOf("\n", from);
    return i < 0 ? this.text.length : i;
  }

  /** From anywhere on a line: moves to the first non-space char of the next line with content. */
  private nextContentLine(fromLineStart = false): void {
    let p = fromLineStart ? this.pos : this.lineEnd(this.pos) + 1;
    while (p < this.text.length) {
      let q = p;
      while (this.text.charCodeAt(q) === SPACE) q++;
      const c = this.code(q);
      if (q < this.text.length && c !== NL && c !== HASH) {
        this.pos = q;
        this.indent = q - p;
        return;
      }
      p = this.lineEnd(q) + 1;
    }
    this.pos = this.text.length;
    this.indent = -1;
  }

  /** True when `pos` starts `key:` followed by a space or the line end. */
  private atKey(): boolean {
    return this.keyEnd() > 0;
  }

  private keyEnd(): number {
    KEY.lastIndex = this.pos;
    return KEY.test(this.text) ? KEY.lastIndex : -1;
  }

  private atDash(): boolean {
    const after = this.code(this.pos + 1);
    return this.code() === DASH && (after === SPACE || after === NL);
  }

  /** A block map whose keys sit at column `indent`; `pos` is at its first key. */
  private blockMap(indent: number): MapNode {
    const start = this.pos;
    const items: MapNode["items"] = [];
    const seen = new Set<string>();
    let end = start;
    for (;;) {
      const keyEnd = this.keyEnd();
      if (keyEnd < 0) giveUp();
      const name = this.text.slice(this.pos, keyEnd);
      if (seen.has(name) || typeof resolvePlain(name) !== "string") giveUp();
      seen.add(name);
      const key: ScalarNode = { kind: "scalar", value: name, range: [this.pos, keyEnd] };
      this.pos = keyEnd + 1;
      const value = this.blockValue(indent);
      items.push({ key, value });
      end = Math.max(end, value.range[1]);
      if (this.indent < indent) break;
      if (this.indent > indent || this.atDash()) giveUp();
    }
    return { kind: "map", items, range: [start, end] };
  }

  /** A block sequence whose dashes sit at column `indent`; `pos` is at its first dash. */
  private blockSeq(indent: number): SeqNode {
    const start = this.pos;
    const items: SourceNode[] = [];
    let end = start;
    for (;;) {
      if (this.code(this.pos + 1) !== SPACE) giveUp(); // "-" alone on its line
      this.pos += 2;
      while (this.code() === SPACE) this.pos++;
      const column = this.pos - this.lineStart(this.pos);
      if (this.code() === NL || this.text[this.pos] === "#") giveUp(); // an empty item
      let item: SourceNode;
      if (this.atKey()) item = this.blockMap(column);
      else if (this.atDash()) item = giveUp();
      else item = this.blockValue(indent);
      items.push(item);
      end = Math.max(end, item.range[1]);
      if (this.indent < indent) break;
      if (this.indent > indent) giveUp();
      if (!this.atDash()) break; // the parent map's next key at the same column
    }
    return { kind: "seq", items, range: [start, end] };
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf("\n", at - 1) + 1;
  }

  /**
   * The value after a `key:` (or a `- `) on the current line, or below it when the line ends.
   * Leaves `pos` at the next content line.
   */
  private blockValue(parentIndent: number): SourceNode {
    while (this.code() === SPACE) this.pos++;
    const nullAt = this.pos; // where the yaml package places an empty value
    const c = this.text[this.pos];
    if (this.code() === NL || c === "#") {
      this.nextContentLine();
      if (this.indent > parentIndent) {
        if (this.atDash()) return this.blockSeq(this.indent);
        if (this.atKey()) return this.blockMap(this.indent);
        giveUp();
      }
      if (this.indent === parentIndent && this.atDash()) return this.blockSeq(this.indent);
      return { kind: "scalar", value: null, range: [nullAt, nullAt] };
    }
    let node: SourceNode;
    if (c === "{" || c === "[") node = this.flowCollection(parentIndent);
    else if (c === '"' || c === "'") node = this.quoted();
    else if (c === "|" || c === ">") return this.blockScalar(parentIndent);
    else return this.plainBlockScalar(parentIndent);
    this.endOfLine();
    this.nextContentLine();
    return node;
  }

  /** Only spaces and a comment may follow a complete value on its line. */
  private endOfLine(): void {
    const before = this.pos;
    while (this.code() === SPACE) this.pos++;
    if (this.code() === NL) return;
    if (this.text[this.pos] !== "#" || this.pos === before) giveUp();
    this.pos = this.lineEnd(this.pos);
  }

  /** A plain scalar in block context, possibly continued on more-indented lines (folded). */
  private plainBlockScalar(parentIndent: number): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    const next = this.code(start + 1);
    if (BLOCK_INDICATORS.includes(c) || ((c === "-" || c === ":") && (next === SPACE || next === NL))) giveUp();
    let lineEnd = this.lineEnd(start);
    const line = t.slice(start, lineEnd);
    const comment = line.indexOf(" #");
    let text = (comment >= 0 ? line.slice(0, comment) : line).trimEnd();
    let end = start + text.length;
    if (comment >= 0) {
      this.pos = lineEnd;
      this.nextContentLine();
      if (this.indent > parentIndent) giveUp(); // a continuation after a comment is an error
    } else {
      let blank = 0;
      let p = lineEnd + 1;
      while (p < t.length) {
        let q = p;
        while (t.charCodeAt(q) === SPACE) q++;
        if (this.code(q) === NL) { blank++; p = q + 1; continue; }
        if (q - p <= parentIndent) break;
        lineEnd = this.lineEnd(q);
        const more = t.slice(q, lineEnd).trimEnd();
        if (more.startsWith("#") || more.includes(" #") || more.includes(": ") || more.endsWith(":") || more.startsWith("- ")) giveUp();
        text += blank ? "\n".repeat(blank) : " ";
        text += more;
        end = q + more.length;
        blank = 0;
        p = lineEnd + 1;
      }
      this.pos = Math.min(p, t.length);
      this.nextContentLine(true);
    }
    if (text.includes(": ") || text.endsWith(":")) giveUp();
    return { kind: "scalar", value: resolvePlain(text), range: [start, end] };
  }

  /** A single-line "double" or 'single' quoted scalar. */
  private quoted(): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const q = t[start];
    let out = "";
    let from = start + 1;
    for (;;) {
      const close = t.indexOf(q, from);
      if (close < 0 || close > this.lineEnd(from)) giveUp(); // unclosed on its line
      if (this.backslash !== -1 && this.backslash < from) this.backslash = t.indexOf("\\", from);
      const escape = q === '"' ? this.backslash : -1;
      if (escape >= 0 && escape < close) {
        const esc = QUOTE_ESCAPES[t[escape + 1]];
        if (esc === undefined) giveUp();
        out += t.slice(from, escape) + esc;
        from = escape + 2;
        continue;
      }
      out += t.slice(from, close);
      if (q === "'" && t[close + 1] === "'") { out += "'"; from = close + 2; continue; }
      this.pos = close + 1;
      return { kind: "scalar", value: out, range: [start, this.pos] };
    }
  }

  /** A `|` (literal) or `>` (folded) block scalar with clip or strip (`-`) chomping. */
  private blockScalar(parentIndent: number): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const literal = t[start] === "|";
    this.pos++;
    const strip = t[this.pos] === "-";
    if (strip) this.pos++;
    this.endOfLine();
    const lines: string[] = []; // content lines; "" for a blank line
    let base = -1;
    let p = this.pos + 1;
    let end = p;
    while (p < t.length) {
      const le = this.lineEnd(p);
      let q = p;
      while (q < le && t.charCodeAt(q) === SPACE) q++;
      if (q === le) {
        if (q !== p || base < 0) giveUp(); // whitespace-only or leading blank lines: leave to the full parser
        lines.push("");
        p = le + 1;
        continue;
      }
      if (base < 0) {
        if (q - p <= parentIndent) giveUp();
        base = q - p;
      }
      if (q - p < base) break;
      if ((q - p > base && !literal) || t.charCodeAt(le - 1) === SPACE) giveUp();
      lines.push(t.slice(p + base, le));
      end = le;
      p = le + 1;
    }
    if (base < 0 || end >= t.length) giveUp(); // no content, or no final line break to clip
    while (lines[lines.length - 1] === "") lines.pop();
    let value = "";
    let blank = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === "") { blank++; continue; }
      if (i > 0) value += literal ? "\n".repeat(blank + 1) : blank ? "\n".repeat(blank) : " ";
      value += lines[i];
      blank = 0;
    }
    if (!strip) value += "\n";
    this.pos = Math.min(end, t.length);
    this.nextContentLine();
    return { kind: "scalar", value, range: [start, end] };
  }

  /** A `{…}` or `[…]` collection (may span lines, each indented deeper than `parentIndent`). */
  private flowCollection(parentIndent: number): MapNode | SeqNode {
    const t = this.text;
    const start = this.pos;
    const isMap = t[start] === "{";
    const close = isMap ? "}" : "]";
    this.pos++;
    this.flowSpace(parentIndent);
    const mapItems: MapNode["items"] = [];
    const seqItems: SourceNode[] = [];
    const seen = new Set<string>();
    if (t[this.pos] !== close) {
      for (;;) {
        if (isMap) {
          const keyEnd = this.keyEnd();
          let key: ScalarNode;
          let value: SourceNode;
          if (keyEnd >= 0 && this.code(keyEnd + 1) === SPACE) {
            key = { kind: "scalar", value: t.slice(this.pos, keyEnd), range: [this.pos, keyEnd] };
            this.pos = keyEnd + 1;
            this.flowSpace(parentIndent);
            value = this.flowValue(parentIndent);
          } else {
            // a key without a value, as YAML reads the text after a comma in `{ d: a, b }`
            key = this.flowValue(parentIndent) as ScalarNode;
            value = { kind: "scalar", value: null, range: [key.range[1], key.range[1]] };
          }
          const name = key.value;
          if (typeof name !== "string" || seen.has(name) || typeof resolvePlain(name) !== "string") giveUp();
          seen.add(name as string);
          mapItems.push({ key, value });
        } else {
          seqItems.push(this.flowValue(parentIndent));
        }
        this.flowSpace(parentIndent);
        if (t[this.pos] === close) break;
        if (t[this.pos] !== ",") giveUp();
        this.pos++;
        this.flowSpace(parentIndent);
        if (t[this.pos] === close) giveUp(); // trailing comma
      }
    }
    this.pos++;
    const range: [number, number] = [start, this.pos];
    return isMap ? { kind: "map", items: mapItems, range } : { kind: "seq", items: seqItems, range };
  }

  /** Skips spaces, line breaks and comments inside a flow collection. */
  private flowSpace(parentIndent: number): void {
    const t = this.text;
    for (;;) {
      const c = this.code();
      if (this.pos >= t.length) giveUp(); // unclosed
      if (c === SPACE) { this.pos++; continue; }
      if (c === HASH) {
        if (this.code(this.pos - 1) !== SPACE && this.code(this.pos - 1) !== NL) giveUp();
        this.pos = this.lineEnd(this.pos);
        continue;
      }
      if (c !== NL) return;
      this.pos++;
      let q = this.pos;
      while (t.charCodeAt(q) === SPACE) q++;
      if (this.code(q) !== NL && q < t.length && q - this.pos <= parentIndent) giveUp();
    }
  }

  /** A value inside a flow collection: a nested collection, a quoted or a one-line plain scalar. */
  private flowValue(parentIndent: number): SourceNode {
    const t = this.text;
    const c = t[this.pos];
    if (c === "{" || c === "[") return this.flowCollection(parentIndent);
    if (c === '"' || c === "'") return this.quoted();
    const start = this.pos;
    const next = t[start + 1] ?? "\n";
    if (c === undefined || FLOW_STOP.includes(c) || "#&*!|>%@`?".includes(c)) giveUp();
    if ((c === "-" || c === ":") && (next === " " || next === "\n" || FLOW_STOP.includes(next))) giveUp();
    FLOW_PLAIN_END.lastIndex = start;
    const stop = FLOW_PLAIN_END.exec(t);
    const p = stop ? stop.index : t.length;
    if (stop && stop[0] === ":") giveUp();
    const text = t.slice(start, p).trimEnd();
    this.pos = start + text.length;
    return { kind: "scalar", value: resolvePlain(text), range: [start, this.pos] };
  }
}
