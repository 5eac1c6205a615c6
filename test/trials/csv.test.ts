import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsv } from "../../src/trials/csv.ts";

const values = (text: string) => parseCsv(text).records.map((r) => r.fields.map((f) => f.value));

describe("parseCsv (RFC 4180 with positions)", () => {
  it("splits CRLF records and keeps the line and column of every field", () => {
    const { records, issues } = parseCsv("a,bb,c\r\n1,22,333\r\n");
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields.map((f) => [f.value, f.line, f.column]))).toEqual([
      [["a", 1, 1], ["bb", 1, 3], ["c", 1, 6]],
      [["1", 2, 1], ["22", 2, 3], ["333", 2, 6]],
    ]);
  });

  it("keeps commas, CRLF line breaks and doubled quotes inside quoted fields", () => {
    const text = 'id,note\r\n1,"a, b"\r\n2,"line one\r\nline two"\r\n3,"say ""hi"""\r\n';
    expect(values(text)).toEqual([
      ["id", "note"],
      ["1", "a, b"],
      ["2", "line one\r\nline two"],
      ["3", 'say "hi"'],
    ]);
  });

  it("counts lines inside quoted fields so later records report the right line", () => {
    const { records } = parseCsv('x,y\r\n"a\r\nb\r\nc",d\r\ne,f\r\n');
    expect(records[1].line).toBe(2);
    expect(records[1].fields[1]).toEqual({ value: "d", line: 4, column: 4 });
    expect(records[2].fields[0]).toEqual({ value: "e", line: 5, column: 1 });
  });

  it("accepts bare LF, a missing final line ending, empty fields and a BOM", () => {
    expect(values("\uFEFFa,b\nc,\n,d")).toEqual([["a", "b"], ["c", ""], ["", "d"]]);
  });

  it("reports an unterminated quote, a stray quote and text after a closing quote", () => {
    expect(parseCsv('a,"open\r\n').issues).toEqual([{ line: 1, column: 3, message: "quoted field is never closed" }]);
    expect(parseCsv('a,b"c\r\n').issues.map((i) => [i.line, i.column])).toEqual([[1, 4]]);
    expect(parseCsv('a,"b"c\r\n').issues.map((i) => [i.line, i.column])).toEqual([[1, 6]]);
  });

  it("round-trips any table written with RFC 4180 quoting", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\r\n", " ", "é") as fc.Arbitrary<string>, maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, (rows) => {
        const quote = (s: string) => (/[",\r\n]/.test(s) || s === "" ? `"${s.replaceAll('"', '""')}"` : s);
        const text = rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
        const parsed = parseCsv(text);
        expect(parsed.issues).toEqual([]);
        expect(parsed.records.map((r) => r.fields.map((f) => f.value))).toEqual(rows);
      }),
    );
  });
});
