/**
 * Compiles generated JavaScript (straight-line solver kernels) once per source text, so every
 * solve of the same model and method (a sweep, repeated simulate() calls) reuses one function
 * and the optimised code V8 made for it. Bounded: the oldest entry is evicted.
 */

const compiled = new Map<string, Function>();
const MAX_CACHED = 64;

/** `new Function(...params, body)` in strict mode, cached by (params, body). */
export function compileCached<T>(params: readonly string[], body: string): T {
  const key = `${params.join(",")}\n${body}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = new Function(...params, `"use strict";\n${body}`);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, fn);
  }
  return fn as T;
}
