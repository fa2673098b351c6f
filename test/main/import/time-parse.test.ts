import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namesZone, withoutComments } from "../../../src-main/import/date-parse.ts";
import { fixedIsoZBytes } from "../../../src-main/import/fixed-iso-z.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { isoParser } from "../../../src-main/import/iso-parser.ts";
import { epochMs } from "../../../src-main/import/number-time.ts";
import { patternParser } from "../../../src-main/import/pattern-parser.ts";
import { AmbiguousDayMonth, detectTimeFormat } from "../../../src-main/import/time-parse.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, tempWorkspace } from "./helpers.ts";

/** Runs `body` as on a machine set to `zone` (Node applies a change of TZ at once). */
async function onMachineIn<T>(zone: string, body: () => T | Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

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
    expect(detectTimeFormat(["13/1/2024 3:15 PM", "1/2/2024 9:00 AM"], "UTC")?.format).toBe(
      "D/M/YYYY h:mm A",
    );
    expect(detectTimeFormat(["nope", "never"], "UTC")).toBeNull();
    // no sample values at all (a header-only start): ISO or epoch, value by value
    const any = detectTimeFormat(["", null], "UTC");
    expect(any?.parser("2024-01-01T00:00:00Z")).toBe(Date.UTC(2024, 0, 1));
    expect(any?.parser("1704067200")).toBe(Date.UTC(2024, 0, 1));
  });
});

describe("month/day or day/month", () => {
  it("refuses a sample that reads both ways, naming both orders and a value they read apart", () => {
    const days = Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, "0")}/03/2024 10:00`);
    expect(() => detectTimeFormat(days, "UTC")).toThrow(AmbiguousDayMonth);
    expect(() => detectTimeFormat(days, "UTC")).toThrow(
      '"01/03/2024 10:00" reads both as M/D/YYYY H:mm and as D/M/YYYY H:mm',
    );
    // every day its own month tells nothing either: the rows after the sample could go either way
    expect(() => detectTimeFormat(["1/1/2024", "2/2/2024"], "UTC")).toThrow(AmbiguousDayMonth);
    expect(() => detectTimeFormat(["1/2/2024 1:05 PM"], "UTC")).toThrow(
      /M\/D\/YYYY h:mm A and as D\/M\/YYYY h:mm A/,
    );
    // an unreadable value does not settle it
    expect(() => detectTimeFormat([...days, "n/a"], "UTC")).toThrow(AmbiguousDayMonth);
  });

  it("detects the order from one value with a part above 12", () => {
    const days = Array.from({ length: 12 }, (_, i) => `${i + 1}/3/2024 10:00`);
    expect(detectTimeFormat([...days, "13/3/2024 10:00"], "UTC")?.format).toBe("D/M/YYYY H:mm");
    expect(
      detectTimeFormat([...days.map((d) => d.replace(/^(\d+)\/3/, "3/$1")), "3/13/2024 10:00"], "UTC")
        ?.format,
    ).toBe("M/D/YYYY H:mm");
    expect(detectTimeFormat(["5.1.2024", "6.1.2024"], "UTC")?.format).toBe("D.M.YYYY");
  });
});

describe("times only the JS Date reads", () => {
  const MACHINES = ["America/Los_Angeles", "Asia/Kolkata", "UTC"];

  it("reads a time without a zone in the workspace's zone, whatever the machine's zone", async () => {
    for (const machine of MACHINES)
      await onMachineIn(machine, () => {
        const read = (value: string, tz: string) => {
          const detected = detectTimeFormat([value], tz);
          expect(detected?.format).toBe("date");
          return detected?.parser(value);
        };
        expect(read("Jan 5, 2024, 10:00:00 AM", "Europe/London")).toBe(Date.UTC(2024, 0, 5, 10));
        expect(read("05-Jan-2024 10:00", "Europe/London")).toBe(Date.UTC(2024, 0, 5, 10));
        expect(read("July 5, 2024 10:00", "Europe/London")).toBe(Date.UTC(2024, 6, 5, 9)); // BST
        expect(read("Jan 5 2024", "Asia/Tokyo")).toBe(Date.UTC(2024, 0, 4, 15));
        expect(read("2024-01", "America/New_York")).toBe(Date.UTC(2024, 0, 1, 5));
        // the hour Los Angeles skips is still the text's own hour
        expect(read("Mar 10, 2024 2:30 AM", "UTC")).toBe(Date.UTC(2024, 2, 10, 2, 30));
        // a comment is not a zone: Date.parse skips it
        expect(read("Jan 5 2024 10:00 (UTC)", "Europe/Paris")).toBe(Date.UTC(2024, 0, 5, 9));
      });
  });

  it("keeps the instant of a time that names its zone or offset", async () => {
    for (const machine of MACHINES)
      await onMachineIn(machine, () => {
        const read = (value: string) => detectTimeFormat([value], "Europe/London")?.parser(value);
        expect(read("Fri, 05 Jan 2024 10:00:00 GMT")).toBe(Date.UTC(2024, 0, 5, 10));
        expect(read("Fri, 05 Jan 2024 10:00:00 +0100")).toBe(Date.UTC(2024, 0, 5, 9));
        expect(read("Jan 5, 2024 10:00 EST")).toBe(Date.UTC(2024, 0, 5, 15));
        expect(read("Jan 5 2024 10:00 AM -0800")).toBe(Date.UTC(2024, 0, 5, 18));
        expect(read("Fri Jan 05 2024 10:00:00 GMT+0100 (Central European Standard Time)")).toBe(
          Date.UTC(2024, 0, 5, 9),
        );
      });
  });

  it("says a text names a zone exactly when Date.parse's reading does not depend on the machine", async () => {
    const texts = [
      "Jan 5, 2024, 10:00:00 AM",
      "05-Jan-2024 10:00",
      "2024/01/05 10:00",
      "2024/01/05 10:00 +0100",
      "Jan 5 2024 10:00Z",
      "Jan 5 2024 10:00 z",
      "Jan 5 2024 10:00 ut",
      "Jan 5 2024 10:00 UTC",
      "Jan 5 2024 10:00 pst",
      "Jan 5 2024 10:00 EDT-1",
      "Jan 5 2024 GMT+2",
      "Jan 5 2024 10:00 -8",
      "Jan 5 2024 10:00-0800",
      "Jan 5 2024 10:00:00.123+01:00",
      "Fri Jan 05 10:00:00 2024 +0100",
      "Fri Jan 5 10:00:00 UTC 2024",
      "UTC Jan 5 2024 10:00",
      "Jan 5 2024 10:00 (UTC)",
      "Jan 5 2024 10:00 (note",
      "10:00 Jan 05-2024",
      "10:00 05-01-2024",
      "5.1.2024 10:00",
      "Jan-05-2024",
      "2024-Jan-05 10:00",
      "2024-01-05T10:00",
      "2024-01T10:00",
      "+002024-01-05T10:00",
    ];
    const reading = (machine: string) => onMachineIn(machine, () => texts.map((t) => Date.parse(t)));
    const losAngeles = await reading("America/Los_Angeles");
    const kolkata = await reading("Asia/Kolkata");
    texts.forEach((text, i) => {
      expect(Number.isNaN(losAngeles[i]), text).toBe(false);
      expect(namesZone(withoutComments(text)), text).toBe(losAngeles[i] === kolkata[i]);
    });
    // Date.parse reads a date-only ISO form as UTC, but the text names no zone
    expect(await onMachineIn("America/Los_Angeles", () => Date.parse("2024-01"))).toBe(Date.UTC(2024, 0));
    expect(namesZone("2024-01")).toBe(false);
  });

  it("reads YYYY/MM/DD HH:mm as a pattern", () => {
    const detected = detectTimeFormat(["2024/01/05 10:00", "2024/07/05 10:00"], "Europe/London");
    expect(detected?.format).toBe("YYYY/MM/DD HH:mm");
    expect(detected?.parser("2024/07/05 10:00")).toBe(Date.UTC(2024, 6, 5, 9));
  });

  it("imports a file of such times alike on any machine", async () => {
    const file = path.join(tmpDir("strata-jsdate-"), "d.csv");
    fs.writeFileSync(
      file,
      'user_id,event,time\nu1,view,"Jan 5, 2024, 10:00:00 AM"\nu2,view,05-Jan-2024 10:00\n',
    );
    for (const machine of MACHINES) {
      const ws = tempWorkspace("Europe/London");
      await onMachineIn(machine, () => ingest({ workspace: ws, files: [file], options: {}, columns: false }));
      expect(events(ws).map((e) => e.time)).toEqual([Date.UTC(2024, 0, 5, 10), Date.UTC(2024, 0, 5, 10)]);
    }
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
