import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { CatalogEvent } from "../../../src-preload/contract/methods/catalog.ts";
import { DataWorkspaceView } from "../../../src-renderer/features/data/DataView.tsx";
import type { CatalogState } from "../../../src-renderer/store/catalog.ts";

// The catalog can be on screen before the workspace's totals have arrived: those totals read "–"
// until then, not "0 events · 0 users".

// A server render reads a store's initial state, so the loaded catalog is handed in by the mock.
vi.mock("../../../src-renderer/store/catalog.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src-renderer/store/catalog.ts")>();
  const events: CatalogEvent[] = [
    { name: "open", count: 5, users: 2, firstSeen: null, lastSeen: null, daily: [] },
  ];
  const loaded: CatalogState = { ...real.useCatalog.getState(), status: "ready", events };
  return { ...real, useCatalog: () => loaded };
});

describe("catalog totals", () => {
  it("show a dash, not 0, before the workspace's info has arrived", () => {
    const html = renderToStaticMarkup(<DataWorkspaceView />);
    expect(html).toContain("1 event names");
    expect(html).toContain("– events");
    expect(html).toContain("– users");
    expect(html).not.toContain("0 events ·");
    expect(html).not.toContain("0 users");
  });
});
