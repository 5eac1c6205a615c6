// The notebooks in a real browser: build the site (quick data), serve it on 127.0.0.1, and for
// every page check that a chart renders with data marks, the console stays clean, no request
// leaves this machine, and moving a slider changes the chart. Screenshots: test/artifacts/notebooks/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveStatic } from "./static-server.ts";

// Functions passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: { querySelector(selector: string): any };

const repo = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const ARTIFACTS = join(repo, "test/artifacts/notebooks");

/** Each page: the slot holding its chart and the slider to move (with a value different from its default). */
const PAGES = [
  { page: "index.html", chart: "chart", slider: "preview", value: "1" },
  { page: "session.html", chart: "charts", slider: "pressure", value: "90" },
  { page: "programme.html", chart: "charts", slider: "weeks", value: "1" },
  { page: "dose-response.html", chart: "charts", slider: "frequency", value: "2" },
  { page: "trials.html", chart: "charts", slider: "band", value: "15" },
  { page: "sensitivity.html", chart: "cohortCharts", slider: "threshold", value: "6" },
];

/** Counts Plot data marks (lines, dots, cells, bars, rects) with geometry inside a slot. */
async function dataMarks(page: Page, slot: string): Promise<number> {
  return page.evaluate((s) => {
    const root = document.querySelector(`[data-cell="${s}"]`);
    if (!root) return 0;
    const sel = ['g[aria-label="line"] path[d]', 'g[aria-label="dot"] circle', 'g[aria-label="cell"] rect', 'g[aria-label="bar"] rect', 'g[aria-label="rect"] rect'];
    return root.querySelectorAll(sel.join(",")).length;
  }, slot);
}

let site: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (scripts/ensure-system-deps.sh test installs it; run it as root)`);
  }
  site = mkdtempSync(join(tmpdir(), "bfrsim-site-"));
  await build({ configFile: join(repo, "notebooks/vite.config.ts"), publicDir: false, logLevel: "error", build: { outDir: site, emptyOutDir: true } });
  const data = spawnSync(process.execPath, ["--import", "tsx", join(repo, "notebooks/data/build-data.ts"), "--size", "quick", "--out", join(site, "data")], { encoding: "utf8", cwd: repo, timeout: 150_000 });
  if (data.status !== 0) throw new Error(`notebook data build failed (${data.status}):\n${data.stderr}`);
  server = await serveStatic(site);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe("notebooks in Chromium", () => {
  for (const p of PAGES) {
    it(`${p.page}: a chart with data marks, a clean console, only local requests, and the ${p.slider} slider redraws the chart`, async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const consoleErrors: string[] = [];
      const external: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
      await page.route("**/*", (route) => {
        const u = new URL(route.request().url());
        if (u.hostname === "127.0.0.1" || u.protocol === "data:") return route.continue();
        external.push(u.href);
        return route.abort();
      });
      try {
        await page.goto(server.url + p.page);
        const slot = `[data-cell="${p.chart}"]`;
        await page.waitForFunction((s) => Boolean(document.querySelector(s)?.querySelector("svg")), slot, { timeout: 30_000 });
        expect(await dataMarks(page, p.chart)).toBeGreaterThan(0);
        const before = await page.locator(slot).innerHTML();
        await page.locator(`[data-cell="${p.slider}"] input[type=range]`).fill(p.value);
        await page.waitForFunction(([s, b]) => document.querySelector(s).innerHTML !== b && !document.querySelector(s).classList.contains("running"), [slot, before] as const, { timeout: 30_000 });
        expect(await dataMarks(page, p.chart)).toBeGreaterThan(0);
        await page.screenshot({ path: join(ARTIFACTS, p.page.replace(".html", ".png")), fullPage: true });
        expect(consoleErrors).toEqual([]);
        expect(external).toEqual([]);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
