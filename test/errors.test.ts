import { describe, expect, it } from "vitest";
import { InputError, isInputError, BfrsimError } from "../src/errors.ts";

describe("InputError", () => {
  it("names the field, the value and what was expected, with the position first", () => {
    const err = new InputError("protocol.cuff.pressurePctAop", 120, "a number in [0, 100]", {
      file: "p.yaml",
      line: 4,
      column: 7,
    });
    expect(err.message).toBe('p.yaml:4:7: protocol.cuff.pressurePctAop = 120: expected a number in [0, 100]');
    expect(err.code).toBe("E_INPUT");
    expect(isInputError(err)).toBe(true);
    expect(isInputError(new BfrsimError("E_STEP_UNDERFLOW", "x"))).toBe(false);
  });
});
