#!/usr/bin/env node
// Launcher: run the TypeScript CLI through tsx so `npx bfrsim` works from a fresh clone
// without a build step.
import { register } from "tsx/esm/api";

register();
// Output piped into a reader that closes early (`bfrsim model show … | head`) is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
