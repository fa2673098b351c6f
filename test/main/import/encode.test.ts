import { describe, expect, it } from "vitest";
import { PipeWriter } from "../../../src-main/import/pipe-writer.ts";
import { quote } from "../../../src-main/import/prop-json.ts";
import { UserDict } from "../../../src-main/import/user-dict.ts";

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

describe("event name codes on the parsing side", () => {
  it("stay one code per name when names share a cache slot", () => {
    const dict = {
      users: new Map<string, number>(),
      names: new Map<string, number>(),
      nextUserId: 1,
      nextNameId: 1,
    };
    const w = new PipeWriter(dict, new UserDict(), 1, () => {});
    // 600 names over 256 slots, asked for in two different orders
    const names = Array.from({ length: 600 }, (_, i) => `event_${(i * 7919) % 1000}`);
    const first = names.map((n) => w.eventId(n));
    const again = [...names]
      .reverse()
      .map((n) => w.eventId(n))
      .reverse();
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(600);
    for (const n of names) expect(w.eventId(n)).toBe(dict.names.get(n));
  });
});
