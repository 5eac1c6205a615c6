/**
 * Parses a sets × reps pattern as trial reports write it: "30-15-15-15" (reps per set), "3x15"
 * (sets × reps), "20 min continuous" (one timed bout), "5x5 min" or "2 x 10 min" (timed bouts).
 */
import type { SetPrescription } from "./protocol.ts";

const UNIT_S: Record<string, number> = { s: 1, sec: 1, min: 60, h: 3600 };
const REPS = /^\d+(\s*-\s*\d+)*$/;
const SETS_X_REPS = /^(\d+)\s*[x×]\s*(\d+)$/i;
const TIMED = /^(?:(\d+)\s*[x×]\s*)?(\d+(?:\.\d+)?)\s*(s|sec|min|h)(?:\s+continuous)?$/i;

/** Expected-format text used in error messages. */
export const SETS_PATTERN_HELP =
  'a pattern such as "30-15-15-15", "3x15", "20 min continuous" or "5x5 min", or a list of { reps } / { durationS }';

/** Parses a pattern into sets; returns undefined when the text is not a recognised pattern. */
export function parseSetsPattern(pattern: string): SetPrescription[] | undefined {
  const text = pattern.trim();
  if (REPS.test(text)) return text.split("-").map((r) => ({ reps: Number(r.trim()) }));
  const sxr = SETS_X_REPS.exec(text);
  if (sxr) return Array.from({ length: Number(sxr[1]) }, () => ({ reps: Number(sxr[2]) }));
  const timed = TIMED.exec(text);
  if (timed) {
    const count = timed[1] === undefined ? 1 : Number(timed[1]);
    const durationS = Number(timed[2]) * UNIT_S[timed[3]!.toLowerCase()]!;
    return Array.from({ length: count }, () => ({ durationS }));
  }
  return undefined;
}

/** Formats sets back into the shortest pattern ("30-15-15-15", "3x15", "20 min", "5x300 s"). */
export function formatSetsPattern(sets: readonly SetPrescription[]): string {
  if (sets.length === 0) return "";
  const same = sets.every((s) => s.reps === sets[0]!.reps && s.durationS === sets[0]!.durationS);
  const first = sets[0]!;
  if (first.reps !== undefined) {
    if (same && sets.length > 1) return `${sets.length}x${first.reps}`;
    return sets.map((s) => s.reps ?? "?").join("-");
  }
  const one = (d: number) => (d % 60 === 0 ? `${d / 60} min` : `${d} s`);
  if (same) return sets.length === 1 ? one(first.durationS!) : `${sets.length}x${one(first.durationS!)}`;
  return sets.map((s) => (s.durationS !== undefined ? one(s.durationS) : `${s.reps}`)).join(", ");
}
