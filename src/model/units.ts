/**
 * Units at compile time: mathjs parses unit strings; a dimension is a vector of exponents over
 * the mathjs base dimensions, and every quantity is held internally in coherent SI.
 * mathjs is used here only while compiling, never by a generated right-hand side.
 */
import type { MathJsInstance } from "mathjs";
import { createCompilerMath } from "./mathjs-instance.ts";

/** Exponents over mathjs base dimensions (mass, length, time, current, temperature, luminous
 * intensity, amount, angle, bit). */
export type Dim = readonly number[];

/** A parsed unit: multiply a value in this unit by `factor` to get coherent SI. */
export interface UnitInfo {
  text: string;
  factor: number;
  dim: Dim;
}

const BASE_SYMBOLS = ["kg", "m", "s", "A", "K", "cd", "mol", "rad", "bit"] as const;
export const DIMENSIONLESS: Dim = Object.freeze([0, 0, 0, 0, 0, 0, 0, 0, 0]);
export const TIME: Dim = Object.freeze([0, 0, 1, 0, 0, 0, 0, 0, 0]);

/** Units the format adds to mathjs (docs/model-format.md). */
const EXTRA_UNITS: ReadonlyArray<readonly [string, string]> = [
  ["mM", "1 mmol/L"],
  ["uM", "1 umol/L"],
  ["nM", "1 nmol/L"],
  ["M", "1 mol/L"],
  ["bpm", "1/min"],
  ["yr", "1 year"],
];

let mathInstance: MathJsInstance | undefined;

/** Defines the format's extra units; creates the parser now, so a missing factory shows here. */
function defineModelUnits(math: MathJsInstance): void {
  for (const [name, definition] of EXTRA_UNITS) math.createUnit(name, definition);
  math.createUnit("percent", { definition: "0.01" } as never);
  if (typeof math.parse !== "function") throw new Error("mathjs parse unavailable");
}

/**
 * The shared compile-time mathjs instance with the format's extra units defined, built on first
 * use (a model served from the compile cache never loads mathjs; mathjs-instance.ts).
 */
export function modelMath(): MathJsInstance {
  mathInstance ??= createCompilerMath(defineModelUnits);
  return mathInstance;
}

const cache = new Map<string, UnitInfo | string>();

/** Parses a unit string ("mmHg", "1/min", "1" for dimensionless); returns an error text when invalid. */
export function parseUnit(text: string): UnitInfo | string {
  const key = String(text).trim();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = parseUncached(key);
  cache.set(key, result);
  return result;
}

function parseUncached(text: string): UnitInfo | string {
  if (text === "1") return { text: "1", factor: 1, dim: DIMENSIONLESS };
  if (text === "") return "missing unit";
  const math = modelMath();
  let u;
  try {
    u = math.unit(1, text);
  } catch (err) {
    return `not a unit: ${(err as Error).message}`;
  }
  const units = (u as unknown as { units: Array<{ unit: { offset: number; name: string } }> }).units;
  const affine = units.find((x) => x.unit.offset !== 0);
  if (affine) return `affine unit ${affine.unit.name} is refused (use K or a difference unit)`;
  const value = (u as unknown as { value: number }).value;
  const dims = (u as unknown as { dimensions: number[] }).dimensions;
  return { text, factor: value, dim: Object.freeze(dims.slice()) };
}

/** True when `name` is a unit mathjs (with the format's extra units) knows, usable as a literal. */
export function isUnitName(name: string): boolean {
  const math = modelMath();
  return (math as unknown as { Unit: { isValuelessUnit(n: string): boolean } }).Unit.isValuelessUnit(name);
}

export function dimEquals(a: Dim, b: Dim): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-12) return false;
  return true;
}

export function dimMul(a: Dim, b: Dim): Dim {
  return a.map((x, i) => x + b[i]);
}

export function dimDiv(a: Dim, b: Dim): Dim {
  return a.map((x, i) => x - b[i]);
}

export function dimPow(a: Dim, k: number): Dim {
  return a.map((x) => x * k);
}

export function isDimensionless(a: Dim): boolean {
  return dimEquals(a, DIMENSIONLESS);
}

const NAMED: ReadonlyArray<readonly [string, Dim]> = [
  ["Pa", [1, -1, -2, 0, 0, 0, 0, 0, 0]],
  ["mol/m^3 = mM", [0, -3, 0, 0, 0, 0, 1, 0, 0]],
  ["N", [1, 1, -2, 0, 0, 0, 0, 0, 0]],
  ["J", [1, 2, -2, 0, 0, 0, 0, 0, 0]],
  ["W", [1, 2, -3, 0, 0, 0, 0, 0, 0]],
];

/** Renders a dimension in SI base units, e.g. "kg m^-1 s^-2 (Pa)"; "1" when dimensionless. */
export function formatDim(d: Dim): string {
  const parts: string[] = [];
  for (const positive of [true, false]) {
    d.forEach((e, i) => {
      if (Math.abs(e) < 1e-12 || e > 0 !== positive) return;
      const r = Math.round(e * 1000) / 1000;
      parts.push(r === 1 ? BASE_SYMBOLS[i] : `${BASE_SYMBOLS[i]}^${r}`);
    });
  }
  if (parts.length === 0) return "1";
  const named = NAMED.find(([, nd]) => dimEquals(nd, d));
  return named ? `${parts.join(" ")} (${named[0]})` : parts.join(" ");
}

/** SI base-unit exponents of a dimension, for exporters (SBML unit definitions). */
export function siBaseUnits(d: Dim): Array<{ symbol: string; exponent: number }> {
  const out: Array<{ symbol: string; exponent: number }> = [];
  d.forEach((e, i) => {
    if (Math.abs(e) > 1e-12 && BASE_SYMBOLS[i] !== "rad" && BASE_SYMBOLS[i] !== "bit") {
      out.push({ symbol: BASE_SYMBOLS[i], exponent: e });
    }
  });
  return out;
}
