/**
 * Which trial rows a command works on (`--studies`, `--exclude-studies`, `--outcomes`,
 * `--design`, `--targets`): a filter over the mapped outcome rows that keeps every arm (the
 * simulator only runs arms that still have rows). Unknown names are input errors that list the
 * closest known ones.
 */
import { InputError } from "../errors.ts";
import { editDistance } from "../suggest.ts";
import type { MappedTrials } from "./mapping.ts";
import { DESIGNS, OUTCOME_KINDS } from "./schema.ts";

/** A row selection; every list empty or absent means "all". */
export interface RowSelection {
  /** Keep only these studies (study_id). */
  studies?: readonly string[];
  /** Leave these studies out. */
  excludeStudies?: readonly string[];
  /** Keep only these outcome kinds; `strength_*` style prefixes allowed. */
  outcomes?: readonly string[];
  /** Keep only arms of these designs (training, acute, case). */
  designs?: readonly string[];
  /** Keep only rows mapped to these model outputs (e.g. adaptation.csaChangePct). */
  targets?: readonly string[];
}

/** Splits a comma-separated flag value into trimmed, non-empty names. */
export function splitList(text: string | undefined): string[] {
  return (text ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The rows of `trials` that the selection keeps (arms and failures unchanged). */
export function selectTrialRows(trials: MappedTrials, selection: RowSelection): MappedTrials {
  const studies = new Set([...trials.arms.map((a) => a.arm.studyId), ...trials.failures.map((f) => f.arm.studyId)]);
  const targets = new Set(trials.outcomes.flatMap((o) => (o.target ? [o.target.output] : [])));
  const keepStudy = known("--studies", selection.studies, studies, "a study_id of the data");
  const dropStudy = known("--exclude-studies", selection.excludeStudies, studies, "a study_id of the data");
  const kinds = patterns("--outcome-kinds", selection.outcomes, OUTCOME_KINDS);
  const designs = known("--design", selection.designs, new Set(DESIGNS), "a design");
  const outputs = known("--targets", selection.targets, targets, "a model output some row is compared with");
  const designOf = new Map([...trials.arms, ...trials.failures].map((a) => [a.key, a.arm.design as string]));
  const outcomes = trials.outcomes.filter((o) => {
    const r = o.row;
    return (
      (!keepStudy || keepStudy.has(r.studyId)) &&
      !(dropStudy && dropStudy.has(r.studyId)) &&
      (!kinds || kinds(r.outcome)) &&
      (!designs || designs.has(designOf.get(o.armKey) ?? "")) &&
      (!outputs || (o.target !== null && outputs.has(o.target.output)))
    );
  });
  return { ...trials, outcomes };
}

/** The names as a set, each checked against `universe`; null when no names were given. */
function known(field: string, names: readonly string[] | undefined, universe: ReadonlySet<string>, what: string): Set<string> | null {
  if (!names || names.length === 0) return null;
  for (const n of names) {
    if (!universe.has(n)) throw new InputError(field, n, `${what}${closest(n, universe)}`);
  }
  return new Set(names);
}

/** A matcher for exact names or `prefix*` patterns over `universe`; null when none were given. */
function patterns(field: string, names: readonly string[] | undefined, universe: readonly string[]): ((s: string) => boolean) | null {
  if (!names || names.length === 0) return null;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const n of names) {
    if (n.endsWith("*")) {
      const prefix = n.slice(0, -1);
      if (!universe.some((u) => u.startsWith(prefix))) throw new InputError(field, n, `a pattern matching an outcome kind${closest(prefix, universe)}`);
      prefixes.push(prefix);
    } else if (universe.includes(n)) exact.add(n);
    else throw new InputError(field, n, `an outcome kind or prefix* pattern${closest(n, universe)}`);
  }
  return (s) => exact.has(s) || prefixes.some((p) => s.startsWith(p));
}

/** "; closest: a, b, c" by edit distance. */
function closest(name: string, universe: Iterable<string>): string {
  const ranked = [...universe].sort((a, b) => editDistance(name, a) - editDistance(name, b) || a.localeCompare(b));
  return ranked.length ? `; closest: ${ranked.slice(0, 3).join(", ")}` : "";
}
