import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { numberTime, PLAUSIBLE_FROM, PLAUSIBLE_TO } from "../../../src-main/import/number-time.ts";
import { detectTimeFormat, timeParserFor } from "../../../src-main/import/time-parse.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, tempWorkspace } from "./helpers.ts";

// Numbers as times: epoch s/ms/us only when that lands in 1990-2100, else a date written in digits
// (CleverTap's ts), else refused; and a --time-format pattern applies to numbers as to text.

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const ymdhms = fc.record({
  y: fc.integer({ min: 1990, max: 2099 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
});

describe("numbers as times", () => {
  it("reads epoch seconds, ms and us of any instant in 1990-2100", () => {
    fc.assert(
      fc.property(fc.integer({ min: PLAUSIBLE_FROM / 1000, max: PLAUSIBLE_TO / 1000 - 1 }), (sec) => {
        expect(numberTime(sec)).toBe(sec * 1000);
        expect(numberTime(sec * 1000 + 123)).toBe(sec * 1000 + 123);
        expect(numberTime((sec * 1000 + 123) * 1000 + 456)).toBe(sec * 1000 + 123);
      }),
    );
  });

  it("reads YYYYMMDD, YYYYMMDDHHmm and YYYYMMDDHHmmss numbers as the date they spell", () => {
    fc.assert(
      fc.property(ymdhms, ({ y, mo, d, h, mi, s }) => {
        const day = `${y}${pad(mo, 2)}${pad(d, 2)}`;
        expect(numberTime(Number(day))).toBe(Date.UTC(y, mo - 1, d));
        expect(numberTime(Number(`${day}${pad(h, 2)}${pad(mi, 2)}`))).toBe(Date.UTC(y, mo - 1, d, h, mi));
        expect(numberTime(Number(`${day}${pad(h, 2)}${pad(mi, 2)}${pad(s, 2)}`))).toBe(
          Date.UTC(y, mo - 1, d, h, mi, s),
        );
      }),
    );
  });

  it("never gives a time outside 1990-2100 for any number", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: false }), fc.integer(), fc.maxSafeInteger()), (n) => {
        const t = numberTime(n);
        if (!Number.isNaN(t)) {
          expect(t).toBeGreaterThanOrEqual(PLAUSIBLE_FROM);
          expect(t).toBeLessThan(PLAUSIBLE_TO);
        }
      }),
    );
    expect(numberTime(20240231120000)).toBeNaN(); // 31 February
    expect(numberTime(1)).toBeNaN();
  });

  it("applies a --time-format pattern to numbers, and detection refuses what it cannot read", () => {
    const p = timeParserFor("YYYYMMDDHHmmss", "UTC");
    expect(p(20240630153000)).toBe(Date.UTC(2024, 5, 30, 15, 30));
    expect(p("20240630153000")).toBe(Date.UTC(2024, 5, 30, 15, 30));
    // with the workspace zone
    expect(timeParserFor("YYYYMMDDHHmmss", "Europe/Berlin")(20240630153000)).toBe(
      Date.UTC(2024, 5, 30, 13, 30),
    );
    const found = detectTimeFormat([20240630153000, 20240701080000], "UTC");
    expect(found?.parser(20240630153000)).toBe(Date.UTC(2024, 5, 30, 15, 30));
    expect(detectTimeFormat([5, 17, 99], "UTC")).toBeNull();
    expect(detectTimeFormat(["5", "17"], "UTC")).toBeNull();
  });

  it("imports 14-digit number times with --time-format, and refuses a column of implausible numbers", async () => {
    const dir = tmpDir();
    const f = path.join(dir, "ct.ndjson");
    fs.writeFileSync(
      f,
      '{"user":"a","event":"x","ts":20240630153000}\n{"user":"b","event":"x","ts":20240701000000}\n',
    );
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [f], options: { time: "ts", timeFormat: "YYYYMMDDHHmmss" } });
    expect(events(ws).map((e) => e.time)).toEqual([Date.UTC(2024, 5, 30, 15, 30), Date.UTC(2024, 6, 1)]);
    const g = path.join(dir, "odd.csv");
    fs.writeFileSync(g, "user,event,time\na,x,123456789012345678901\nb,x,5\n");
    await expect(ingest({ workspace: tempWorkspace(), files: [g], options: {} })).rejects.toThrow(
      /odd\.csv: cannot read the times in column "time".*outside 1990-2100.*--time-format/,
    );
  });
});
