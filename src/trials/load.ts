/**
 * Loading the trial data: read arms.csv and outcomes.csv (the bundled copies in data/trials by
 * default), check the header against the schema, decode every row, check across rows, and throw
 * one TrialDataError listing every problem with its file:line:column — before anything is
 * simulated.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RowCells } from "./cells.ts";
import { parseCsv, type CsvRecord } from "./csv.ts";
import { TrialDataError, type TrialDataIssue } from "./errors.ts";
import { decodeArm, decodeOutcome } from "./rows.ts";
import { ARM_COLUMNS, OUTCOME_COLUMNS, armKey, type RowOrigin, type TrialArm, type TrialData, type TrialOutcome } from "./schema.ts";

/** The bundled trial files (data/trials/ of the package). */
export const BUNDLED_TRIAL_FILES = {
  arms: fileURLToPath(new URL("../../data/trials/arms.csv", import.meta.url)),
  outcomes: fileURLToPath(new URL("../../data/trials/outcomes.csv", import.meta.url)),
} as const;

/** Where to read the trial data from; each file defaults to the bundled one. */
export interface LoadTrialsOptions {
  /** Path of an arms.csv (default: the bundled data/trials/arms.csv). */
  armsFile?: string;
  /** Path of an outcomes.csv (default: the bundled data/trials/outcomes.csv). */
  outcomesFile?: string;
}

/** Reads and validates trial arms and outcomes; throws TrialDataError listing every bad row. */
export function loadTrials(options: LoadTrialsOptions = {}): TrialData {
  const armsFile = options.armsFile ?? BUNDLED_TRIAL_FILES.arms;
  const outcomesFile = options.outcomesFile ?? BUNDLED_TRIAL_FILES.outcomes;
  const issues: TrialDataIssue[] = [];
  const armsText = readText(armsFile, issues);
  const outcomesText = readText(outcomesFile, issues);
  if (armsText === null || outcomesText === null) throw new TrialDataError(issues);
  return parseTrials({ armsText, outcomesText, armsFile, outcomesFile }, issues);
}

/** The texts of the two files and the names to report positions against. */
export interface TrialTexts {
  armsText: string;
  outcomesText: string;
  armsFile?: string;
  outcomesFile?: string;
}

/** Validates trial data given as text (as loadTrials does for files); throws TrialDataError. */
export function parseTrials(texts: TrialTexts, priorIssues: TrialDataIssue[] = []): TrialData {
  const issues = priorIssues;
  const armsFile = texts.armsFile ?? "arms.csv";
  const outcomesFile = texts.outcomesFile ?? "outcomes.csv";
  const arms = readTable(armsFile, texts.armsText, ARM_COLUMNS, issues).map(({ cells, origin }) =>
    decodeArm(cells, origin),
  );
  const outcomes = readTable(outcomesFile, texts.outcomesText, OUTCOME_COLUMNS, issues).map(({ cells, origin }) =>
    decodeOutcome(cells, origin),
  );
  checkArmsUnique(arms, issues);
  checkOutcomesHaveArms(arms, outcomes, issues);
  if (issues.length > 0) throw new TrialDataError(issues);
  return { arms, outcomes, files: { arms: armsFile, outcomes: outcomesFile } };
}

function readText(file: string, issues: TrialDataIssue[]): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    issues.push({ file, line: 1, column: 1, field: "file", value: file, expected: `a readable CSV file (${reason})` });
    return null;
  }
}

interface TableRow {
  cells: RowCells;
  origin: RowOrigin;
}

/** Parses a CSV file and checks its header and field counts; yields a cell reader per data row. */
function readTable(file: string, text: string, columns: readonly string[], issues: TrialDataIssue[]): TableRow[] {
  const { records, issues: csvIssues } = parseCsv(text);
  for (const ci of csvIssues) {
    issues.push({ file, line: ci.line, column: ci.column, field: "row", value: "", expected: ci.message });
  }
  const [header, ...data] = records;
  if (!header) {
    issues.push({ file, line: 1, column: 1, field: "header", value: "", expected: `a header row: ${columns.join(",")}` });
    return [];
  }
  checkHeader(file, header, columns, issues);
  const columnIndex = new Map(columns.map((name, i) => [name, i]));
  const rows: TableRow[] = [];
  for (const record of data) {
    if (record.fields.length === 1 && record.fields[0].value === "") {
      issues.push({ file, line: record.line, column: 1, field: "row", value: "", expected: "a data row (blank line found)" });
      continue;
    }
    if (record.fields.length !== columns.length) {
      const last = record.fields[record.fields.length - 1];
      issues.push({
        file,
        line: last.line,
        column: last.column,
        field: "row",
        value: `${record.fields.length} fields`,
        expected: `${columns.length} fields, as in the header`,
      });
    }
    const cells = new RowCells(file, columnIndex, record, issues);
    rows.push({ cells, origin: { file, line: record.line, cells: cells.positions() } });
  }
  return rows;
}

/** The header must name the schema's columns exactly, in order. */
function checkHeader(file: string, header: CsvRecord, columns: readonly string[], issues: TrialDataIssue[]): void {
  const n = Math.max(columns.length, header.fields.length);
  for (let i = 0; i < n; i++) {
    const f = header.fields[i];
    const want = columns[i];
    if (f && f.value === want) continue;
    const at = f ?? header.fields[header.fields.length - 1];
    issues.push({
      file,
      line: at.line,
      column: at.column,
      field: "header",
      value: f ? f.value : "(missing)",
      expected: want ? `column ${i + 1} to be ${want}` : "no column beyond the schema's last",
    });
  }
}

function checkArmsUnique(arms: readonly TrialArm[], issues: TrialDataIssue[]): void {
  const seen = new Map<string, TrialArm>();
  for (const arm of arms) {
    const key = armKey(arm.studyId, arm.armId);
    const first = seen.get(key);
    if (first) {
      issues.push({
        file: arm.origin.file,
        ...cellAt(arm.origin, "arm_id"),
        field: "arm_id",
        value: key,
        expected: `a unique (study_id, arm_id); already defined on line ${first.origin.line}`,
      });
    } else {
      seen.set(key, arm);
    }
  }
}

function checkOutcomesHaveArms(arms: readonly TrialArm[], outcomes: readonly TrialOutcome[], issues: TrialDataIssue[]): void {
  const keys = new Set(arms.map((a) => armKey(a.studyId, a.armId)));
  const armsOfStudy = new Map<string, string[]>();
  for (const a of arms) armsOfStudy.set(a.studyId, [...(armsOfStudy.get(a.studyId) ?? []), a.armId]);
  for (const o of outcomes) {
    if (o.studyId === "" || o.armId === "" || keys.has(armKey(o.studyId, o.armId))) continue;
    const known = armsOfStudy.get(o.studyId);
    issues.push({
      file: o.origin.file,
      ...cellAt(o.origin, "arm_id"),
      field: "arm_id",
      value: armKey(o.studyId, o.armId),
      expected: known
        ? `an arm of ${o.studyId} in the arms file (one of: ${known.join(", ")})`
        : `a (study_id, arm_id) defined in the arms file (no study ${o.studyId} there)`,
    });
  }
}

function cellAt(origin: RowOrigin, column: string): { line: number; column: number } {
  return origin.cells[column] ?? { line: origin.line, column: 1 };
}
