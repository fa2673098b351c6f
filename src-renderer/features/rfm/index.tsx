import { useMemo, useState } from "react";
import type { RfmGroupResult } from "../../../src-preload/contract/results.ts";
import type { RfmGroupName, RfmQuery } from "../../../src-preload/contract/rfm.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtMoney, fmtPct } from "../../charts/format.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { type Incoming, stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useKeptState } from "../../store/kept-state.ts";
import { useNavigation } from "../../store/navigation.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import "../../report/styles.ts";
import {
  edgesText,
  frequencyUnit,
  GROUP_COLORS,
  GROUP_LABELS,
  gridOption,
  perUser,
  rfmSegment,
  tileMapOption,
} from "./transform.ts";

export function RfmView() {
  return (
    <NoEvents>
      <RfmViewBody />
    </NoEvents>
  );
}

function RfmViewBody() {
  const [incoming, setIncoming] = useKeptState<(Incoming & { n: number }) | null>("rfm.incoming", null);
  useIncomingReport(["rfm"], (query, report) => {
    if (query.kind !== "rfm") return;
    applyReportScope(query);
    setIncoming((o) => ({ query, report, n: (o?.n ?? 0) + 1 }));
  });
  return (
    <div className="av" data-testid="rfm-view">
      <RfmBody key={incoming?.n ?? 0} incoming={incoming} />
    </div>
  );
}

function RfmBody({ incoming }: { incoming: Incoming | null }) {
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  const [selected, setSelected] = useState<RfmGroupName[]>([]);
  const { draft, patch, query, ready } = useDraft<RfmQuery>("rfm", incoming, (_ev) => ({
    kind: "rfm",
    event: { event: "purchase" },
    monetary: "revenue",
  }));
  const qs = useQuery(ready ? query : null, "rfm");
  const shown = qs.resultQuery?.kind === "rfm" ? qs.resultQuery : query;
  const result = qs.result;
  const hasMoney = Boolean(shown.monetary);
  const unit = frequencyUnit(shown);
  const tiles = useMemo(
    () => (result ? tileMapOption(result, hasMoney, unit.plural) : {}),
    [result, hasMoney, unit.plural],
  );
  const grid = useMemo(() => (result ? gridOption(result) : {}), [result]);
  const states = stateMessage(
    qs,
    (x) => x.users === 0,
    "Nobody did this event in the range: pick another event or widen the range.",
  );
  const toggle = (g: RfmGroupName) =>
    setSelected((s) => (s.includes(g) ? s.filter((x) => x !== g) : [...s, g]));
  const groups = result?.groups ?? [];
  const selUsers = groups.filter((g) => selected.includes(g.group)).reduce((a, g) => a + g.users, 0);

  return (
    <TabShell
      name="RFM"
      testId="rfm-body"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Scoring recency, frequency and value"
      toolbar={
        <>
          <span className="av-field">
            Customers who did
            <EventSelect label="RFM event" value={draft.event} onChange={(event) => patch({ event })} />
          </span>
          <span className="av-field">
            valued by
            <PropertySelect
              label="Monetary property"
              noneLabel="(no monetary value)"
              numeric
              value={draft.monetary ? { property: draft.monetary, scope: "event" } : null}
              onChange={(p) => patch({ monetary: p?.property })}
            />
          </span>
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">Groups</h2>
        <RangeNote
          counts={
            // no count before the first answer: "0 customers" while loading would be a wrong number
            result
              ? `${fmtInt(result.users)} customers, tiles sized by users`
              : "Customers, tiles sized by users"
          }
          range={shown.range}
          timezone={shown.timezone}
        />
        <Chart
          testId="rfm-tiles"
          option={tiles}
          height={320}
          label="RFM groups as tiles sized by users"
          busy={qs.busy}
          {...states}
          onClick={(p) => {
            const g = groups.find((x) => GROUP_LABELS[x.group] === p.name);
            if (g) toggle(g.group);
          }}
        />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Recency × frequency</h2>
        <p className="range-note">
          Users per score cell (quintiles, 5 = most recent / most frequent), colored by group
        </p>
        {result ? <p className="range-note">{edgesText(result.edges, unit.plural)}</p> : null}
        <Chart
          testId="rfm-grid"
          option={grid}
          height={300}
          label="Recency by frequency score grid"
          busy={qs.busy}
          {...states}
        />
      </div>
      <div className="av-panel">
        <div className="selection-strip">
          {selected.length ? (
            <>
              <span>
                {selected.map((g) => GROUP_LABELS[g]).join(", ")}: {fmtInt(selUsers)} users
              </span>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="rfm-create-segment"
                onClick={() => {
                  const s = rfmSegment(shown, selected);
                  createSegmentFrom(s.name, s.definition);
                }}
              >
                Create segment
              </button>
              <button type="button" className="btn" onClick={() => setSelected([])}>
                Clear
              </button>
            </>
          ) : (
            <span className="muted">Select groups (tiles or rows) to create a segment from them.</span>
          )}
        </div>
        <table className="data-table" data-testid="rfm-table">
          <caption className="sr-only">RFM groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">
                Users
              </th>
              <th scope="col" className="num">
                Share
              </th>
              {hasMoney ? (
                <>
                  <th scope="col" className="num">
                    Value (total)
                  </th>
                  <th scope="col" className="num">
                    Value per user
                  </th>
                </>
              ) : null}
              <th scope="col" className="num">
                Days since last
              </th>
              <th scope="col" className="num">
                {unit.perUser}
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g: RfmGroupResult) => (
              <tr key={g.group} className={selected.includes(g.group) ? "is-selected" : ""}>
                <th scope="row">
                  <label className="group-check">
                    <input
                      type="checkbox"
                      checked={selected.includes(g.group)}
                      onChange={() => toggle(g.group)}
                    />
                    <span className="legend-swatch" style={{ background: GROUP_COLORS[g.group] }} />
                    {GROUP_LABELS[g.group]}
                  </label>
                </th>
                <td className="num">{fmtInt(g.users)}</td>
                <td className="num">{fmtPct(g.share)}</td>
                {hasMoney ? (
                  <>
                    <td className="num">{fmtMoney(g.monetary)}</td>
                    <td className="num">{g.users ? fmtMoney(perUser(g)) : "–"}</td>
                  </>
                ) : null}
                <td className="num">{g.users ? g.avgRecencyDays.toFixed(0) : "–"}</td>
                <td className="num">{g.users ? g.avgFrequency.toFixed(1) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </TabShell>
  );
}
