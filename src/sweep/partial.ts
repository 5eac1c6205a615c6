/**
 * Reading back what an interrupted sweep wrote: every complete (newline-terminated) row marks its
 * point done; a torn last line — the process died mid-write — is cut off so the resumed run
 * rewrites that point. Reads in fixed-size chunks, so memory stays flat for any file size.
 */
import { closeSync, ftruncateSync, openSync, readSync } from "node:fs";
import { BfrsimError } from "../errors.ts";
import { parseRowKey, type RowFormat } from "./rows.ts";

/** What a partial output file holds. */
export interface PartialScan {
  /** done[i] = 1 when point i has a complete row. */
  done: Uint8Array;
  rows: number;
  errorCount: number;
  errors: Array<{ index: number; message: string }>;
  /** Bytes of complete content (header and whole rows). */
  validBytes: number;
  /** True when the file holds a complete header line (always true for JSON Lines). */
  hasHeader: boolean;
}

const CHUNK = 1 << 20;

/** Calls `onLine(line, endOffset)` for every newline-terminated line; returns the bytes they span. */
function forEachLine(path: string, onLine: (line: string, end: number) => void): number {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(CHUNK);
  let carry = Buffer.alloc(0);
  let offset = 0;
  let complete = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, offset);
      if (n === 0) break;
      let data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const base = offset - carry.length;
      offset += n;
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        onLine(data.toString("utf8", start, nl), base + nl + 1);
        complete = base + nl + 1;
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      data = carry;
    }
  } finally {
    closeSync(fd);
  }
  return complete;
}

/** Scans a partial output of a `total`-point sweep; `header` is the expected CSV header line. */
export function scanPartial(path: string, format: RowFormat, total: number, header: string): PartialScan {
  const done = new Uint8Array(total);
  const scan: PartialScan = { done, rows: 0, errorCount: 0, errors: [], validBytes: 0, hasHeader: format === "jsonl" };
  let first = true;
  scan.validBytes = forEachLine(path, (line, end) => {
    if (first && format === "csv") {
      first = false;
      if (line + "\n" !== header) {
        throw new BfrsimError("E_RESUME_MISMATCH", `${path}: header "${line.slice(0, 80)}" differs from this sweep's columns; refusing to resume`);
      }
      scan.hasHeader = true;
      return;
    }
    first = false;
    let key: { index: number; error?: string };
    try {
      key = parseRowKey(format, line);
    } catch (err) {
      throw new BfrsimError("E_RESUME_CORRUPT", `${path}: unreadable row ending at byte ${end}: ${(err as Error).message}`);
    }
    if (key.index < 0 || key.index >= total || done[key.index]) {
      throw new BfrsimError("E_RESUME_CORRUPT", `${path}: row for point ${key.index} is out of range or duplicated`);
    }
    done[key.index] = 1;
    scan.rows++;
    if (key.error !== undefined) {
      scan.errorCount++;
      if (scan.errors.length < 20) scan.errors.push({ index: key.index, message: key.error });
    }
  });
  return scan;
}

/** Cuts a file back to `bytes` (dropping a torn last line). */
export function truncateTo(path: string, bytes: number): void {
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}
