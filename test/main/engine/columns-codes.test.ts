import { afterEach, describe, expect, it } from "vitest";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// The open checks that every saved event code names an event, in one pass that reads two codes per
// 32-bit word. Five names (codes 1..5, six slots with slot 0) make an OR of 7 that every valid code
// still satisfies: a bound by OR alone would refuse them, so the pass takes the largest code.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

function fiveEvents(): Journeys {
  const names = ["a", "b", "c", "d", "e"];
  const spec: Record<string, [string, string][]> = {};
  for (let u = 0; u < 7; u++) spec[`u${u}`] = names.map((n, k) => [n, `2024-06-0${1 + k}T0${u}:00Z`]);
  return journeys(spec);
}

function withCode(db: Journeys["ws"]["db"], code: number, at = 3): void {
  const a = buildArrays(db);
  a.eventCodes[at] = code;
  writeColumns(db, a);
}

describe("saved event codes", () => {
  it("open when each names an event although their OR exceeds the name count", () => {
    j = fiveEvents();
    const db = j.ws.db;
    const built = buildArrays(db);
    expect(built.eventNames.length).toBe(6);
    const or = built.eventCodes.reduce((acc, c) => acc | c, 0);
    expect(or).toBeGreaterThanOrEqual(built.eventNames.length);
    writeColumns(db, built);
    const loaded = loadColumns(db);
    expect(Array.from(loaded?.eventCodes ?? [])).toEqual(Array.from(built.eventCodes));
  });

  it.each([6, 8, 0xffff])("are refused when one (%i) names no event", (code) => {
    j = fiveEvents();
    withCode(j.ws.db, code);
    expect(loadColumns(j.ws.db)).toBeNull();
  });

  it.each([0, 2, 3])("are refused in either half of a word (position %i)", (at) => {
    j = fiveEvents();
    withCode(j.ws.db, 6, at);
    expect(loadColumns(j.ws.db)).toBeNull();
  });

  it("are refused at an odd position past the last whole 32-bit word", () => {
    j = fiveEvents();
    const db = j.ws.db;
    const a = buildArrays(db);
    // 35 codes: the last one is read on its own, after the pairs
    expect(a.eventCodes.length % 2).toBe(1);
    a.eventCodes[a.eventCodes.length - 1] = 6;
    writeColumns(db, a);
    expect(loadColumns(db)).toBeNull();
  });
});
