/**
 * apache-arrow and parquet-wasm, loaded on first use: together they take ~0.5 s to load (parquet-wasm
 * instantiates a 5 MB WebAssembly module), which no CSV sweep or other command should pay.
 */
import { createRequire } from "node:module";
import type * as ArrowModule from "apache-arrow";
import type * as ParquetModule from "parquet-wasm";

const require = createRequire(import.meta.url);
let arrowLib: typeof ArrowModule | undefined;
let parquetLib: typeof ParquetModule | undefined;

/** The apache-arrow module (Node build). */
export function arrowModule(): typeof ArrowModule {
  return (arrowLib ??= require("apache-arrow") as typeof ArrowModule);
}

/** The parquet-wasm module (Node build, WebAssembly instantiated synchronously). */
export function parquetModule(): typeof ParquetModule {
  return (parquetLib ??= require("parquet-wasm") as typeof ParquetModule);
}
