/**
 * The error the trial loader throws: every problem found in the data files, each with its
 * `file:line:column`, collected so a user can fix them all in one pass.
 */
import { BfrsimError, describeValue } from "../errors.ts";

/** One problem in a trial data file. Line and column are 1-based. */
export interface TrialDataIssue {
  file: string;
  line: number;
  column: number;
  /** The CSV column (e.g. `modality`), or `row` / `header` / `file` for structural problems. */
  field: string;
  /** The offending cell text (or what was found). */
  value: unknown;
  /** What was expected, e.g. `one of: training, acute, case`. */
  expected: string;
}

/** Formats an issue as `file:line:column: field = value: expected …`. */
export function formatTrialIssue(issue: TrialDataIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.field} = ${describeValue(issue.value)}: expected ${issue.expected}`;
}

/** Bad trial data: holds every issue found; thrown before anything is simulated. */
export class TrialDataError extends BfrsimError {
  readonly issues: readonly TrialDataIssue[];
  constructor(issues: readonly TrialDataIssue[]) {
    const shown = issues.slice(0, 50).map(formatTrialIssue);
    const more = issues.length > 50 ? [`… and ${issues.length - 50} more`] : [];
    super(
      "E_INPUT_TRIAL_DATA",
      [`${issues.length} problem${issues.length === 1 ? "" : "s"} in the trial data:`, ...shown, ...more].join("\n"),
    );
    this.issues = issues;
  }
}
