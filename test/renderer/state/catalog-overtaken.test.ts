import { describe, expect, it, vi } from "vitest";
import { useCatalog } from "../../../src-renderer/store/catalog.ts";

// The catalog loads when a workspace opens. A load for workspace A still waiting when B opened
// must not fill B's pickers with A's events once it answers.

const bridge = vi.hoisted(() => ({
  pending: [] as { name: string; resolve: (v: unknown) => void }[],
}));

vi.mock("../../../src-renderer/api/client.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src-renderer/api/client.ts")>();
  return {
    ...real,
    call: (name: string) => new Promise((resolve) => bridge.pending.push({ name, resolve })),
  };
});

const event = (name: string) => ({ name, count: 1, firstTime: null, lastTime: null });

/** Answers the three calls of the load that asked from `at`: its events named `name`. */
function answer(at: number, name: string): void {
  for (const call of bridge.pending.slice(at, at + 3))
    call.resolve(call.name === "catalogEvents" ? [event(name)] : []);
}

describe("the catalog", () => {
  it("shows the latest load's answer, not an older load's that answers after it", async () => {
    const older = useCatalog.getState().load();
    const newer = useCatalog.getState().load();
    answer(3, "b_event");
    await newer;
    answer(0, "a_event");
    await older;
    expect(useCatalog.getState().events.map((e) => e.name)).toEqual(["b_event"]);
    expect(useCatalog.getState().status).toBe("ready");
  });
});
