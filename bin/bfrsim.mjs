#!/usr/bin/env node
// Launcher: run the TypeScript CLI through tsx so `npx bfrsim` works from a fresh clone
// without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
