/**
 * Output files are checked before a command does any work, so a long run never ends in "cannot
 * write": the name must have an expected extension and its directory must exist and be writable.
 */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.ts";

/**
 * Throws an InputError naming `field` unless `file` matches `extension` (e.g. /\.(svg|png)$/i,
 * described by `expected`) and can be created or overwritten where it is.
 */
export function checkOutputFile(field: string, file: string, extension: RegExp, expected: string): void {
  if (!extension.test(file)) throw new InputError(field, file, expected);
  const dir = dirname(resolve(file));
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw new InputError(field, file, `a file in an existing directory (${dir} does not exist)`);
  if (!dirStat.isDirectory()) throw new InputError(field, file, `a file in a directory (${dir} is not a directory)`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError(field, file, `a file in a writable directory (${dir} is not writable)`);
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(field, file, "a file name, not a directory");
}
