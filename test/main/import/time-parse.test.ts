import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedIsoZBytes } from "../../../src-main/import/fixed-iso-z.ts";
import { isoParser } from "../../../src-main/import/iso-parser.ts";
import { epochMs } from "../../../src-main/import/number-time.ts";
import { patternParser } from "../../../src-main/import/pattern-parser.ts";
import { detectTimeFormat } from "../../../src-main/import/time-parse.ts";

describe("time parsing", () => {
  it("reads ISO 8601 with and without an offset", () => {
    const utc = isoParser("UTC");
    expect(utc("2024-03-05T10:20:30Z")).toBe(Date.UTC(2024, 2, 5, 10, 20, 30));
    expect(utc("2024-03-05 10:20:30.250")).toBe(Date.UTC(2024, 2, 5, 10, 20, 30, 250));
    expect(utc("2019-10-01 00:00:00 UTC")).toBe(Date.UTC(2019, 9, 1));
    expect(utc("2024-03-05T10:20:30+02:00")).toBe(Date.UTC(2024, 2, 5, 8, 20, 30));
    expect(utc("2024-03-05")).toBe(Date.UTC(2024, 2, 5));
    expect(utc("2024-13-05")).toBeNaN();
    expect(utc("yesterday")).toBeNaN();
  });

  it("reads toISOString's layout by its fast path exactly as Date does, in any zone setting", () => {
    const ny = isoParser("America/New_York");
    // a spread of instants from 1601 to 2286, leap days and year ends among them
    for (let t = -11_644_473_600_000; t < 9_999_999_999_999; t += 7_654_321_987) {
      const s = new Date(t).toISOString();
      expect(ny(s)).toBe(t);
    }
    for (const s of ["2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "2100-03-01T00:00:00.001Z"])
      expect(ny(s)).toBe(Date.parse(s));
    // what Date.UTC does with an overflowing day or hour, and what it cannot read
    expect(ny("2025-02-30T10:00:00.000Z")).toBe(Date.UTC(2025, 1, 30, 10));
    expect(ny("2024-12-31T24:00:00.000Z")).toBe(Date.UTC(2025, 0, 1));
    expect(ny("2025-13-01T00:00:00.000Z")).toBeNaN();
    expect(ny("2025-01-01T00:00:00.00xZ")).toBeNaN();
    expect(ny("2025-01-01T00:00:00.000+")).toBeNaN();
  });

  it("reads times without an offset in the chosen zone, across a DST change", () => {
    const ny = isoParser("America/New_York");
    expect(ny("2024-01-15 09:00:00")).toBe(Date.UTC(2024, 0, 15, 14)); // EST
    expect(ny("2024-07-15 09:00:00")).toBe(Date.UTC(2024, 6, 15, 13)); // EDT
    expect(ny("2024-07-15T09:00:00Z")).toBe(Date.UTC(2024, 6, 15, 9)); // an offset wins
  });

  it("tells epoch seconds, ms and us apart by magnitude", () => {
    const t = Date.UTC(2024, 0, 1);
    expect(epochMs(t / 1000)).toBe(t);
    expect(epochMs(t)).toBe(t);
    expect(epochMs(t * 1000)).toBe(t);
  });

  it("reads patterns such as M/D/YYYY H:mm and YYYYMMDD", () => {
    expect(patternParser("M/D/YYYY H:mm", "UTC")("12/1/2010 8:26")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(patternParser("YYYYMMDD", "UTC")("20240131")).toBe(Date.UTC(2024, 0, 31));
    expect(patternParser("M/D/YYYY h:mm A", "UTC")("1/2/2024 1:05 PM")).toBe(Date.UTC(2024, 0, 2, 13, 5));
  });

  it("detects the format from a sample, preferring day-first when a first part exceeds 12", () => {
    expect(detectTimeFormat(["12/1/2010 8:26", "1/13/2010 9:00"], "UTC")?.format).toBe("M/D/YYYY H:mm");
    expect(detectTimeFormat(["13/1/2010 8:26", "1/2/2010 9:00"], "UTC")?.format).toBe("D/M/YYYY H:mm");
    expect(detectTimeFormat(["20240131", "20240201"], "UTC")?.format).toBe("YYYYMMDD");
    expect(detectTimeFormat(["1700000000", "1700000060"], "UTC")?.format).toBe("epoch");
    expect(detectTimeFormat(["nope", "never"], "UTC")).toBeNull();
    // no sample values at all (a header-only start): ISO or epoch, value by value
    const any = detectTimeFormat(["", null], "UTC");
    expect(any?.parser("2024-01-01T00:00:00Z")).toBe(Date.UTC(2024, 0, 1));
    expect(any?.parser("1704067200")).toBe(Date.UTC(2024, 0, 1));
  });
});

describe("the byte reading of YYYY-MM-DDTHH:MM:SS.sssZ", () => {
  it("reads what isoParser reads, and nothing it would not", () => {
    const iso = isoParser("Asia/Tokyo");
    const digits = (n: number) =>
      fc.array(fc.constantFrom(..."0123456789x:-.TZ "), { minLength: n, maxLength: n });
    // mostly well-formed values with random digits, sometimes a stray character anywhere
    const value = fc.oneof(
      fc
        .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
        .map(
          ([y, mo, d, h, mi, s, ms]) =>
            `${y.join("")}-${mo.join("")}-${d.join("")}T${h.join("")}:${mi.join("")}:${s.join("")}.${ms.join("")}Z`,
        ),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    fc.assert(
      fc.property(value, fc.nat({ max: 5 }), (v, pad) => {
        const b = Buffer.concat([Buffer.alloc(pad, "!"), Buffer.from(v, "utf8")]);
        const got = b.length - pad === 24 ? fixedIsoZBytes(b, pad) : Number.NaN;
        // NaN means "not this layout": the string parser then decides
        if (!Number.isNaN(got)) expect(got).toBe(iso(v));
        if (
          v.length === 24 &&
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v) &&
          !Number.isNaN(iso(v)) &&
          Number(v.slice(0, 4)) >= 1000
        )
          expect(got).toBe(iso(v));
      }),
      { numRuns: 3000 },
    );
  });
});
