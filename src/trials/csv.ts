/**
 * A small RFC 4180 CSV reader that remembers where every field came from (1-based line and
 * column of the field's first character), so validation can point at `file:line:column`.
 *
 * Accepted: fields separated by `,`; records ended by CRLF or a bare LF; quoted fields
 * (`"..."`) that may contain commas, line breaks and doubled quotes (`""` → `"`); a final
 * record with or without a line ending; a UTF-8 byte-order mark at the start. Structural
 * problems (a quote inside an unquoted field, text after a closing quote, an unterminated quote)
 * are returned as issues rather than thrown, so a loader can report all of them at once.
 */

/** One field's text and where it starts (1-based; columns count UTF-16 code units). */
export interface CsvField {
  value: string;
  line: number;
  column: number;
}

/** One record: its fields and the line it starts on. */
export interface CsvRecord {
  fields: CsvField[];
  line: number;
}

/** A structural problem in the CSV text. */
export interface CsvIssue {
  line: number;
  column: number;
  message: string;
}

/** Result of `parseCsv`: every record (the header included, as the first) and any issues. */
export interface CsvParseResult {
  records: CsvRecord[];
  issues: CsvIssue[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/** Parses RFC 4180 text into records of positioned fields; never throws on malformed input. */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const issues: CsvIssue[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let fields: CsvField[] = [];
  let recordLine = line;
  const n = text.length;

  // Each iteration reads one field starting at i and the separator that ends it.
  while (i <= n) {
    if (i === n && fields.length === 0) break; // clean end of input after a line ending
    const fieldLine = line;
    const fieldColumn = i - lineStart + 1;
    let value = "";
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(chunkStart, i + 1);
            i += 2;
            chunkStart = i;
            continue;
          }
          value += text.slice(chunkStart, i);
          i++;
          closed = true;
          break;
        }
        if (c === LF) {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (!closed) {
        value += text.slice(chunkStart, i);
        issues.push({ line: fieldLine, column: fieldColumn, message: "quoted field is never closed" });
      } else if (i < n && !isFieldEnd(text, i)) {
        issues.push({
          line,
          column: i - lineStart + 1,
          message: `unexpected text after a closing quote (${JSON.stringify(text[i])}); quote the whole field`,
        });
        const start = i;
        while (i < n && !isFieldEnd(text, i)) i++;
        value += text.slice(start, i);
      }
    } else {
      const start = i;
      while (i < n && !isFieldEnd(text, i)) {
        if (text.charCodeAt(i) === QUOTE) {
          issues.push({
            line,
            column: i - lineStart + 1,
            message: 'a quote inside an unquoted field; quote the field and double the quote ("")',
          });
        }
        i++;
      }
      value = text.slice(start, i);
    }
    fields.push({ value, line: fieldLine, column: fieldColumn });

    // The separator: comma (next field), line ending or end of input (end of record).
    if (i < n && text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    records.push({ fields, line: recordLine });
    fields = [];
    if (i >= n) break;
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    lineStart = i;
    recordLine = line;
  }
  return { records, issues };
}

function isFieldEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === COMMA || c === LF || (c === CR && text.charCodeAt(i + 1) === LF);
}
