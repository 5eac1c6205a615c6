/**
 * Small typed readers for validating plain objects (from files or code). Every failure is an
 * InputError naming the dotted field, the value and the allowed range, with a file position
 * when the object came from a file.
 */
import { InputError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import type { DocPath, Locator } from "./yaml-source.ts";

/** Where a validated object sits: its path from the document root and how to locate it. */
export interface FieldContext {
  /** Prefix of error field names, e.g. `protocol` or `subject`. */
  root: string;
  path: DocPath;
  locate?: Locator;
}

/** Allowed interval of a number: inclusive bounds unless `exclusiveMin`/`exclusiveMax`. */
export interface NumberRange {
  min: number;
  max: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
  unit?: string;
}

/** A child context one key deeper. */
export function child(ctx: FieldContext, key: string | number): FieldContext {
  return { ...ctx, path: [...ctx.path, key] };
}

/** The dotted field name of a context, e.g. `protocol.cuff.widthCm`. */
export function fieldName(ctx: FieldContext): string {
  return [ctx.root, ...ctx.path.map(String)].join(".");
}

/** Throws an InputError for this field. */
export function fail(ctx: FieldContext, value: unknown, expected: string): never {
  throw new InputError(fieldName(ctx), value, expected, ctx.locate?.(ctx.path));
}

/** Describes a range for error messages, e.g. `a number in [0, 100] %1RM`. */
export function describeRange(r: NumberRange): string {
  const lo = r.exclusiveMin ? "(" : "[";
  const hi = r.exclusiveMax ? ")" : "]";
  const kind = r.integer ? "an integer" : "a number";
  return `${kind} in ${lo}${r.min}, ${r.max}${hi}${r.unit ? " " + r.unit : ""}`;
}

/** Checks that a value is a finite number inside the range. */
export function checkNumber(ctx: FieldContext, value: unknown, r: NumberRange): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (r.exclusiveMin ? value > r.min : value >= r.min) &&
    (r.exclusiveMax ? value < r.max : value <= r.max) &&
    (!r.integer || Number.isInteger(value));
  if (!ok) fail(ctx, value, describeRange(r));
  return value as number;
}

/** Reads `obj[key]` as a number in range; uses `fallback` when absent (required when no fallback). */
export function readNumber(
  ctx: FieldContext,
  obj: Record<string, unknown>,
  key: string,
  r: NumberRange,
  fallback?: number,
): number {
  const value = obj[key];
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    fail(child(ctx, key), value, describeRange(r));
  }
  return checkNumber(child(ctx, key), value, r);
}

/** Reads an optional number in range (undefined when absent). */
export function readOptionalNumber(
  ctx: FieldContext,
  obj: Record<string, unknown>,
  key: string,
  r: NumberRange,
): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  return checkNumber(child(ctx, key), value, r);
}

/** Reads `obj[key]` as one of `options`; uses `fallback` when absent. */
export function readChoice<T extends string>(
  ctx: FieldContext,
  obj: Record<string, unknown>,
  key: string,
  options: readonly T[],
  fallback?: T,
): T {
  const value = obj[key];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    fail(child(ctx, key), value, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`);
  }
  return value as T;
}

/** Reads an optional string. */
export function readString(ctx: FieldContext, obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(child(ctx, key), value, "a string");
  return value;
}

/** Reads a boolean with a default. */
export function readBoolean(
  ctx: FieldContext,
  obj: Record<string, unknown>,
  key: string,
  fallback: boolean,
): boolean {
  const value = obj[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") fail(child(ctx, key), value, "true or false");
  return value;
}

/** Checks that a value is a plain object (record). */
export function asRecord(ctx: FieldContext, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(ctx, value, "an object (mapping)");
  }
  return value as Record<string, unknown>;
}

/** Rejects keys outside `allowed` (a misspelt key must not silently fall back to a default). */
export function rejectUnknownKeys(ctx: FieldContext, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const at = child(ctx, key);
    // the key is what is wrong: point at it, not at its value
    throw new InputError(fieldName(at), obj[key], `a known field (one of ${allowed.join(", ")})${didYouMean(key, allowed)}`, ctx.locate?.(at.path, "key"));
  }
}
