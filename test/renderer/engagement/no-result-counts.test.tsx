import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Range } from "../../../src-preload/contract/common.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";
import { AdoptionTab } from "../../../src-renderer/features/engagement/AdoptionTab.tsx";
import { MessagesTab } from "../../../src-renderer/features/engagement/MessagesTab.tsx";
import { RevenueTab } from "../../../src-renderer/features/engagement/RevenueTab.tsx";
import { SurveysTab } from "../../../src-renderer/features/engagement/SurveysTab.tsx";
import type { QueryPhase, QueryState } from "../../../src-renderer/report/use-query.ts";

// Before the first answer and after a failed run there is no count to print: the labels show "–"
// or leave the count out, never a 0 that reads as "nobody".

const phase = vi.hoisted(() => {
  const p: { current: QueryPhase } = { current: "running" };
  return p;
});
vi.mock("../../../src-renderer/report/use-query.ts", () => ({
  useQuery: (): QueryState<"revenue"> => ({
    phase: phase.current,
    result: null,
    resultQuery: null,
    error: phase.current === "error" ? new StrataError("internal", "the engine failed") : null,
    slow: false,
    busy: false,
    lastMs: null,
    runs: 0,
    cancel: () => undefined,
  }),
}));

const range: Range = { last: 30, unit: "day" };
const report = { id: "r1", name: "Saved" };
// opened as saved reports, so the drafts have their properties without a loaded catalog
const open = (query: Query) => ({ query, report });

// each view, and what its count label says without a count
const views: [string, ReactElement, string][] = [
  [
    "revenue",
    <RevenueTab
      key="r"
      incoming={open({ kind: "revenue", event: { event: "purchase" }, property: "amount", range })}
    />,
    "paying users of – active",
  ],
  [
    "surveys",
    <SurveysTab
      key="s"
      incoming={open({
        kind: "surveyScores",
        type: "nps",
        event: { event: "survey" },
        property: "score",
        range,
      })}
    />,
    "responses from – users",
  ],
  [
    "messages",
    <MessagesTab
      key="m"
      incoming={open({
        kind: "messageEngagement",
        send: { event: "send" },
        open: { event: "open" },
        click: { event: "click" },
        range,
      })}
    />,
    "messages sent to – users",
  ],
  [
    "adoption",
    <AdoptionTab key="a" incoming={open({ kind: "featureAdoption", range })} />,
    "Share of active users who did each event",
  ],
];

describe.each(["running", "error"] as const)("engagement counts while %s", (state) => {
  beforeEach(() => {
    phase.current = state;
  });

  it.each(views)("%s prints no 0 for a count it does not have", (_name, view, label) => {
    const html = renderToStaticMarkup(view);
    expect(html).not.toMatch(/of 0 active|from 0 users|to 0 users|Share of 0/);
    expect(html).toContain(label);
  });
});
