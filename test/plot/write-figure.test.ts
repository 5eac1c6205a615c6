// Figures rendered in Node from a real (short) simulation of the bundled model.
import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { loadModel } from "../../src/simulate/default-model.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { applyOverrides } from "../../src/simulate/overrides.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { sessionFigure, programmeFigure, writeFigure, renderFigureSvg, svgToPng, findSeries } from "../../src/plot/index.ts";
import { InputError } from "../../src/errors.ts";

let result: SimulationResult;
beforeAll(() => {
  const base = loadProtocol("review-older-adult");
  const run = applyOverrides({ protocol: base.protocol, subject: loadSubject("older-woman") }, [["protocol.weeks", 1]]);
  result = simulate(loadModel(), run.subject, run.protocol);
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

describe("writeFigure", () => {
  it("the session figure's SVG has one chart per panel, unit-bearing axis labels, and a caption naming model hash and protocol", () => {
    const spec = sessionFigure(result);
    const svg = renderFigureSvg(spec);
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    const root = document.querySelector("svg")!;
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const charts = root.querySelectorAll(":scope > svg");
    expect(charts.length).toBe(spec.panels.length);
    expect(spec.panels.length).toBeGreaterThanOrEqual(8);
    for (const label of ["PCr (mM)", "StO2 (%)", "lactate (mM)", "time from session start (min)", "time from session start (h)", "fold of resting level"]) {
      expect(svg).toContain(label);
    }
    expect(svg).toContain(result.model.contentHash.slice(0, 12));
    expect(svg).toContain("protocol review-older-adult");
    // Each chart draws a line with as many vertices as rows of data in its window.
    const pcrChart = [...charts].find((c) => c.textContent!.includes("PCr (mM)"))!;
    const d = pcrChart.querySelector("path[d^='M']:not([stroke='none'])");
    expect(d).toBeTruthy();
  });

  it("the PCr panel's rows are the simulated PCr in the session window, and its nadir is the session's", () => {
    const spec = sessionFigure(result);
    const pcr = spec.panels.find((p) => p.title === "Phosphocreatine")!;
    const line = (pcr.plot.marks as unknown as { data: { time: number; value: number }[] }[]).find((m) => Array.isArray(m.data) && m.data.length > 10)!;
    const s = result.schedule.sessions[0];
    const series = findSeries(result, "energetics.pcr")!;
    let nadir = Infinity;
    for (let k = 0; k < result.time.length; k++) if (result.time[k] >= s.start && result.time[k] <= s.end) nadir = Math.min(nadir, series.values[k]);
    expect(Math.min(...line.data.map((r) => r.value))).toBeCloseTo(nadir, 12);
    expect(line.data[0].time).toBeCloseTo(-2, 6); // 2 min before the session, in minutes
  });

  it("writes SVG and PNG by extension; the PNG is the SVG at twice its size and not blank", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-plot-"));
    const spec = programmeFigure(result);
    writeFigure(join(dir, "p.svg"), spec);
    const svg = readFileSync(join(dir, "p.svg"), "utf8");
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    writeFigure(join(dir, "p.png"), spec);
    const png = readFileSync(join(dir, "p.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual([width * 2, height * 2]);
    expect(svg).toContain("CSA change from baseline (%)");
  });

  it("svgToPng draws the SVG's pixels (a black square on white)", async () => {
    const { Resvg } = await import("@resvg/resvg-js");
    const png = svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect x="0" y="0" width="2" height="4" fill="#000"/></svg>`, 1);
    const img = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><image href="data:image/png;base64,${Buffer.from(png).toString("base64")}" width="4" height="4"/></svg>`).render();
    const px = img.pixels; // RGBA rows
    expect(px[0]).toBe(0); // left half black
    expect(px[3 * 4]).toBe(255); // right half white background
  });

  it("refuses a file that is neither .svg nor .png, naming the option", () => {
    const spec = sessionFigure(result);
    expect(() => writeFigure("fig.pdf", spec)).toThrow(InputError);
    expect(() => writeFigure("fig.pdf", spec)).toThrow(/--plot.*fig\.pdf.*\.svg or \.png/);
    expect(() => writeFigure("fig.pdf", spec, { field: "--figure" })).toThrow(/--figure/);
  });
});
