import { describe, expect, it } from "vitest";
import { quote } from "../../../src-main/import/encode.ts";

describe("quote", () => {
  it("writes the same JSON text as JSON.stringify, fast path or not", () => {
    const values = [
      "",
      "US",
      "free plan",
      'say "hi"',
      "back\\slash",
      "tab\there",
      "line\nbreak",
      "\u007f",
      "café",
      "日本",
      "\ud83d\ude00",
      "\ud800",
      "x".repeat(33),
      `${"y".repeat(40)}"`,
    ];
    for (const v of values) {
      expect(quote(v)).toBe(JSON.stringify(v));
      expect(JSON.parse(quote(v))).toBe(v);
    }
  });
});
