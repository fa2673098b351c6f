import { describe, expect, it } from "vitest";
import { sparkPath } from "../../src-renderer/features/data/Sparkline.tsx";
import { toCsv } from "../../src-renderer/ui/csv.ts";
import {
  dayInZone,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRange,
  resolveRange,
} from "../../src-renderer/ui/format.ts";
import { filterOptions } from "../../src-renderer/ui/Picker.tsx";

describe("numbers", () => {
  it("uses thousands separators and keeps decimals short", () => {
    expect(formatNumber(12408)).toBe("12,408");
    expect(formatNumber(1234.5678)).toBe("1,234.57");
    expect(formatNumber(Number.NaN)).toBe("–");
  });
  it("shows shares with one decimal and tiny shares as <0.1%", () => {
    expect(formatPercent(0.312)).toBe("31.2%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0.0004)).toBe("<0.1%");
    expect(formatPercent(0.9999)).toBe(">99.9%");
  });
});

describe("durations", () => {
  it("humanizes", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(12 * 60)).toBe("12 min");
    expect(formatDuration(2 * 3600 + 15 * 60)).toBe("2 h 15 min");
    expect(formatDuration(3.5 * 86400)).toBe("3.5 days");
    expect(formatDuration(86400)).toBe("1 day");
    expect(formatDuration(3599.9)).toBe("1 h");
    expect(formatDuration(86_399)).toBe("1 day");
  });
});

describe("ranges and zones", () => {
  it("resolves relative ranges ending on the as-of day, inclusive", () => {
    expect(resolveRange({ last: 7, unit: "day" }, "2024-06-30")).toEqual({
      from: "2024-06-24",
      to: "2024-06-30",
    });
    expect(resolveRange({ last: 2, unit: "week" }, "2024-06-30")).toEqual({
      from: "2024-06-17",
      to: "2024-06-30",
    });
    expect(resolveRange({ last: 1, unit: "month" }, "2024-03-31")).toEqual({
      from: "2024-03-01",
      to: "2024-03-31",
    });
  });
  it("names the resolved dates", () => {
    expect(formatRange({ last: 30, unit: "day" }, "2024-06-30")).toBe(
      "Last 30 days (Jun 1, 2024 – Jun 30, 2024)",
    );
  });
  it("finds the calendar day of an instant in a zone", () => {
    expect(dayInZone("2024-06-30T23:30:00Z", "Europe/Berlin")).toBe("2024-07-01");
    expect(dayInZone("2024-06-30T23:30:00Z", "America/New_York")).toBe("2024-06-30");
  });
});

describe("small helpers", () => {
  it("quotes CSV cells that need it", () => {
    expect(
      toCsv([
        ["a", 'say "hi"', "x,y"],
        [1, null, true],
      ]),
    ).toBe('a,"say ""hi""","x,y"\r\n1,,true');
  });
  it("ranks picker matches that start with the query first", () => {
    const opts = ["checkout", "add_to_cart", "cart_view"].map((v) => ({ value: v, label: v }));
    expect(filterOptions(opts, "cart").map((o) => o.value)).toEqual(["cart_view", "add_to_cart"]);
  });
  it("draws a sparkline inside its box", () => {
    const d = sparkPath([0, 5, 10], 80, 20);
    expect(d.startsWith("M0.0,19.0")).toBe(true);
    expect(d).toContain("L80.0,1.0");
    expect(sparkPath([], 80, 20)).toBe("");
  });
});
