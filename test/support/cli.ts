/** Runs the `bfrsim` command as a user does (a child process of bin/bfrsim.mjs) in a working directory. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BFRSIM_BIN = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));

/** A runner of `bfrsim ARGS…` in `cwd`, returning its exit code and output. */
export function bfrsimIn(cwd: string): (...args: string[]) => { code: number | null; stdout: string; stderr: string } {
  return (...args) => {
    const r = spawnSync(process.execPath, [BFRSIM_BIN, ...args], { cwd, encoding: "utf8" });
    return { code: r.status, stderr: r.stderr, stdout: r.stdout };
  };
}
