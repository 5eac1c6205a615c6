/** A pull-based reader of newline-terminated lines that reads fixed-size chunks (flat memory). */
import { closeSync, openSync, readSync } from "node:fs";

/** Reads complete lines of a file one at a time; a torn last line (no newline) is not returned. */
export class LineReader {
  private readonly fd: number;
  private buf = Buffer.alloc(0);
  private pos = 0;
  private offset = 0;
  private eof = false;
  constructor(path: string, private readonly chunkBytes = 1 << 20) {
    this.fd = openSync(path, "r");
  }

  /** The next complete line without its newline, or null at the end. */
  next(): string | null {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0) {
        const line = this.buf.toString("utf8", this.pos, nl);
        this.pos = nl + 1;
        return line;
      }
      if (this.eof) return null;
      const chunk = Buffer.alloc(this.chunkBytes);
      const n = readSync(this.fd, chunk, 0, this.chunkBytes, this.offset);
      this.offset += n;
      if (n === 0) this.eof = true;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk.subarray(0, n)]);
      this.pos = 0;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
