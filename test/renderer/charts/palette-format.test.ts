import { describe, expect, it } from "vitest";
import { fmtCompact, fmtPct, fmtPeriod, fmtPeriodShort } from "../../../src-renderer/charts/format.ts";
import {
  categoryColor,
  luminance,
  mix,
  OKABE_ITO,
  rampAt,
  textOn,
} from "../../../src-renderer/charts/palette.ts";

describe("chart palette", () => {
  it("cycles the categorical palette without gaps", () => {
    expect(categoryColor(0)).toBe(OKABE_ITO[0]);
    expect(categoryColor(OKABE_ITO.length)).toBe(OKABE_ITO[0]);
    expect(categoryColor(-1)).toBe(OKABE_ITO[OKABE_ITO.length - 1]);
  });

  it("interpolates a ramp between its stops and clamps outside 0..1", () => {
    const ramp = ["#000000", "#ffffff"];
    expect(rampAt(ramp, 0)).toBe("#000000");
    expect(rampAt(ramp, 1)).toBe("#ffffff");
    expect(rampAt(ramp, 2)).toBe("#ffffff");
    expect(rampAt(ramp, 0.5)).toBe(mix("#000000", "#ffffff", 0.5));
    expect(rampAt(["#112233", "#445566", "#778899"], 0.5)).toBe("#445566");
  });

  it("picks the text color with the higher contrast", () => {
    expect(textOn("#ffffff")).toBe("#111111");
    expect(textOn("#08457a")).toBe("#ffffff");
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("#000000")).toBeCloseTo(0);
  });
});

describe("chart formatting", () => {
  it("compacts axis ticks only from a thousand up", () => {
    expect(fmtCompact(950)).toBe("950");
    // ticks of a small axis are told apart: 0.2 and 0.4 never both read "0"
    expect([0, 0.2, 0.4, 0.6, 0.8, 1].map(fmtCompact)).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(fmtCompact(2.5)).toBe("2.5");
    expect(fmtCompact(12_300)).toBe("12.3K");
  });

  it("shows shares with one decimal and never rounds a small share to zero", () => {
    expect(fmtPct(0.1234)).toBe("12.3%");
    expect(fmtPct(0.0001)).toBe("<0.1%");
    expect(fmtPct(0)).toBe("0.0%");
  });

  it("labels periods long for tooltips and short for axes", () => {
    expect(fmtPeriod("2024-06-03", "week")).toBe("Week of Jun 3");
    expect(fmtPeriod("2024-06-01", "month")).toBe("Jun 2024");
    expect(fmtPeriodShort("2024-06-03", "week")).toBe("Jun 3");
    expect(fmtPeriodShort("2024-06-01", "month")).toBe("Jun 2024");
  });
});
