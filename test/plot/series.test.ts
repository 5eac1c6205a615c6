import { describe, expect, it } from "vitest";
import { dailyRows, windowRows, findSeries } from "../../src/plot/series.ts";
import { spanAtLeast, dodgeLabels, lastRows } from "../../src/plot/line-panel.ts";
import { wrap, escapeXml } from "../../src/plot/compose-svg.ts";

/** A synthetic result: hourly samples over 3 days of v(t) = 2 + t/3600 (units per hour) and a flat series. */
function linearResult() {
  const time = Float64Array.from({ length: 73 }, (_, k) => k * 3600);
  return {
    time,
    states: [{ name: "a.linear", unit: "1", values: time.map((t) => 2 + t / 3600) }],
    outputs: [{ name: "b.flat", unit: "mM", values: time.map(() => 5) }],
  };
}

describe("plot series rows", () => {
  it("windowRows keeps only samples inside the window and converts time to the display unit", () => {
    const r = linearResult();
    const rows = windowRows(r, "a.linear", "lin", { fromS: 7200, toS: 5 * 3600, originS: 3600, unitS: 60 });
    expect(rows.map((x) => x.time)).toEqual([60, 120, 180, 240]);
    expect(rows.map((x) => x.value)).toEqual([4, 5, 6, 7]);
    // A window opening between samples holds the previous sample's value up to the first sample
    // inside (a step input such as the cuff must not ramp up before the session); it ends at the
    // last sample inside.
    const edged = windowRows(r, "a.linear", "lin", { fromS: 1800, toS: 9000, originS: 0, unitS: 3600 });
    expect(edged.map((x) => x.time)).toEqual([0.5, 1, 1, 2]);
    expect(edged.map((x) => x.value)).toEqual([2, 2, 3, 4]);
    expect(rows.every((x) => x.series === "lin")).toBe(true);
  });

  it("dailyRows reads each day at the given hour by linear interpolation, time in weeks", () => {
    const r = linearResult();
    // 08:30 lies between hourly samples: the linear series is exact under linear interpolation.
    const rows = dailyRows(r, "a.linear", "lin", 8.5);
    expect(rows).toHaveLength(3);
    rows.forEach((row, day) => {
      const t = day * 86400 + 8.5 * 3600;
      expect(row.value).toBeCloseTo(2 + t / 3600, 12);
      expect(row.time).toBeCloseTo(t / 604800, 15);
    });
  });

  it("a series the model lacks gives no rows (the panel is dropped, not drawn empty)", () => {
    const r = linearResult();
    expect(findSeries(r, "b.flat")?.unit).toBe("mM");
    expect(windowRows(r, "no.such", "x", { fromS: 0, toS: 1e9, originS: 0, unitS: 1 })).toEqual([]);
    expect(dailyRows(r, "no.such", "x", 8)).toEqual([]);
  });

  it("spanAtLeast widens a near-flat extent around its middle and leaves a wide one alone", () => {
    const rows = [1.00001, 1.00003].map((value) => ({ time: 0, value, series: "s" }));
    const [lo, hi] = spanAtLeast(rows, 0.1)!;
    expect(hi - lo).toBeCloseTo(0.1, 12);
    expect((hi + lo) / 2).toBeCloseTo(1.00002, 12);
    expect(spanAtLeast([0, 1].map((value) => ({ time: 0, value, series: "s" })), 0.1)).toBeUndefined();
  });

  it("caption wrapping never exceeds the width unless a single word does, and keeps every word", () => {
    const text = "bfrsim 0.1.0 · model bfr_ageing (sha256 d1671ab51002)\nprotocol review-older-adult: knee_extension, 25 %1RM, sets 30-15-15-15";
    const lines = wrap(text, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(" ").split(/\s+/)).toEqual(text.split(/\s+/));
    expect(escapeXml(`a<b & "c"`)).toBe("a&lt;b &amp; &quot;c&quot;");
  });

  it("line-end labels are pushed at least a gap apart, in value order, around their mean", () => {
    const rows = [
      { time: 0, value: 0, series: "GH" }, { time: 6, value: 1.0, series: "GH" },
      { time: 0, value: 0, series: "IL-6" }, { time: 6, value: 1.02, series: "IL-6" },
      { time: 6, value: 3, series: "far" },
    ];
    const ends = lastRows(rows, (r) => r.series);
    expect(ends.map((r) => r.series)).toEqual(["GH", "IL-6", "far"]);
    const placed = dodgeLabels(ends, 0.2);
    expect(placed.map((r) => r.series)).toEqual(["GH", "IL-6", "far"]);
    for (let i = 1; i < placed.length; i++) expect(placed[i].value - placed[i - 1].value).toBeGreaterThanOrEqual(0.2 - 1e-12);
    const mean = (xs: { value: number }[]) => xs.reduce((a, r) => a + r.value, 0) / xs.length;
    expect(mean(placed)).toBeCloseTo(mean(ends), 12);
    expect(ends[0].value).toBe(1.0); // the input rows are not modified
  });
});
