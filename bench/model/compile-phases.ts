/**
 * Child process of bench/model: what compiling costs in a fresh process, in CPU ms
 * (user + system, all threads), phase by phase. Prints one JSON line.
 *   node --import tsx bench/model/compile-phases.ts cold MODEL   no cache: import, mathjs, first and steady compiles
 *   node --import tsx bench/model/compile-phases.ts hit MODEL DIR  the model served from the compile cache in DIR
 */
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const [mode, model, cacheDir] = process.argv.slice(2);

let t = cpu();
const lap = () => { const now = cpu(); const d = now - t; t = now; return d; };
const { compileModelFile } = await import("../../src/model/index.ts");
const importMs = lap();

if (mode === "hit") {
  compileModelFile(model, { cache: cacheDir });
  const compileMs = lap();
  process.stdout.write(JSON.stringify({ importMs, compileMs, processMs: cpu() }) + "\n");
} else {
  const { modelMath } = await import("../../src/model/units.ts");
  modelMath();
  const mathjsMs = lap();
  const wall0 = performance.now();
  compileModelFile(model, { cache: false });
  const firstWallMs = performance.now() - wall0;
  const firstMs = lap();
  const processMs = cpu();
  const steady: number[] = [];
  for (let i = 0; i < 12; i++) {
    lap();
    compileModelFile(model, { cache: false });
    steady.push(lap());
  }
  steady.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ importMs, mathjsMs, firstMs, firstWallMs, processMs, steadyMs: steady[steady.length >> 1], steadyMinMs: steady[0] }) + "\n");
}
