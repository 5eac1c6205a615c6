import { describe, it, expect } from "vitest";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { command } from "../../src/cli/model.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("docs/model.md", () => {
  it("is what `bfrsim model doc models/bfr-ageing.yaml --preamble docs/model-overview.md` writes today", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "bfrsim-doc-")), "model.md");
    const code = await command.run(["doc", join(root, "models/bfr-ageing.yaml"), "--preamble", join(root, "docs/model-overview.md"), "--out", out]);
    expect(code).toBe(0);
    const committed = readFileSync(join(root, "docs/model.md"), "utf8");
    // a parameter, unit, range or source changed in models/ without regenerating the page fails here
    expect(committed, "regenerate with: npx bfrsim model doc models/bfr-ageing.yaml --preamble docs/model-overview.md --out docs/model.md")
      .toBe(readFileSync(out, "utf8"));
  });
});
