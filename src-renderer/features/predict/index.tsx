import { useMemo, useState } from "react";
import type { PropensityQuery } from "../../../src-preload/contract/predict.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useAppTheme } from "../../charts/theme.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import "../../report/styles.ts";
import "./predict.css";
import {
  baselineSegment,
  calibrationOption,
  fmtAuc,
  gainsOption,
  peakHour,
  sendHeatmapOption,
  topSegment,
  verdict,
  WEEKDAYS,
} from "./transform.ts";

// Predict: who is likely to do the target event within the horizon (a model trained on this
// workspace, measured on users it never saw), and when each user of the segment is usually active.

export function PredictView() {
  return (
    <NoEvents>
      <div className="av" data-testid="predict-view">
        <PropensityPanel />
        <SendTimePanel />
      </div>
    </NoEvents>
  );
}

function PropensityPanel() {
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  const filters = useGlobalFilters();
  const [target, setTarget] = useState<PropensityQuery["target"]>({ event: "purchase" });
  const [days, setDays] = useState(14);
  const [percent, setPercent] = useState(10);
  const query = useMemo<PropensityQuery>(
    () => ({
      kind: "propensity",
      target,
      horizon: { value: days, unit: "day" },
      ...(filters.timezone ? { timezone: filters.timezone } : {}),
      ...(filters.segment ? { segment: filters.segment.definition } : {}),
    }),
    [target, days, filters.timezone, filters.segment],
  );
  const qs = useQuery(query, "predict");
  const result = qs.result;
  const shown = qs.resultQuery?.kind === "propensity" ? qs.resultQuery : query;
  const modelVerdict = result ? verdict(result, shown) : null;
  const calib = useMemo(() => (result ? calibrationOption(result) : {}), [result]);
  const gains = useMemo(() => (result ? gainsOption(result) : {}), [result]);
  // waiting for a first answer, not after an error or a cancel (then QueryStatus says why)
  const loading = !result && qs.phase !== "error" ? { loading: true } : {};
  return (
    <div className="tab-body" data-testid="predict-body" data-phase={qs.phase} data-runs={qs.runs}>
      <div className="toolbar" role="toolbar" aria-label="Prediction options">
        <span className="av-field">
          Users likely to do
          <EventSelect label="Target event" testId="predict-target" value={target} onChange={setTarget} />
        </span>
        <span className="av-field">
          within
          <input
            className="input"
            type="number"
            aria-label="Horizon in days"
            data-testid="predict-horizon"
            min={1}
            max={90}
            value={days}
            onChange={(e) => {
              const n = Math.round(Number(e.currentTarget.value));
              if (n >= 1 && n <= 90) setDays(n);
            }}
            style={{ width: 64 }}
          />
          days
        </span>
      </div>
      <QueryStatus
        slow={qs.slow}
        error={qs.error}
        onCancel={qs.cancel}
        what="Training and testing the model"
      />
      <div className="av-panel" data-testid="predict-card">
        <h2 className="av-title">Model card</h2>
        {result && modelVerdict ? (
          <>
            <p
              className={modelVerdict.good ? "predict-verdict" : "predict-verdict is-warning"}
              data-testid="predict-verdict"
            >
              {modelVerdict.text}
            </p>
            <dl className="predict-facts">
              <dt>Held-out AUC</dt>
              <dd data-testid="predict-auc">{fmtAuc(result.model.auc)}</dd>
              <dt>Baseline AUC</dt>
              <dd data-testid="predict-baseline-auc">{fmtAuc(result.model.baselineAuc)}</dd>
              <dt>Brier score</dt>
              <dd data-testid="predict-brier">
                {result.model.brier === null ? "–" : result.model.brier.toFixed(4)}
              </dd>
              <dt>Trained on</dt>
              <dd data-testid="predict-trained">{fmtInt(result.model.trainedOn)} users</dd>
              <dt>Tested on</dt>
              <dd data-testid="predict-tested">{fmtInt(result.model.testedOn)} held-out users</dd>
              <dt>Did it after the cutoff</dt>
              <dd>{fmtPct(result.model.positiveRate)}</dd>
              <dt>Cutoff</dt>
              <dd>
                features up to {result.cutoff}, outcomes to {result.asOf}
              </dd>
            </dl>
          </>
        ) : qs.phase === "error" ? (
          <p className="muted">No model: see the message above.</p>
        ) : (
          <p className="muted">Training on the events before the cutoff…</p>
        )}
      </div>
      <div className="av-panel">
        <h2 className="av-title">Calibration (held-out users)</h2>
        <Chart
          testId="predict-calibration"
          option={calib}
          height={260}
          label="Predicted against observed rate"
          busy={qs.busy}
          {...loading}
        />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Gains by decile (held-out users)</h2>
        <Chart
          testId="predict-gains"
          option={gains}
          height={260}
          label="Share of held-out positives captured by score decile"
          busy={qs.busy}
          {...loading}
        />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Top features</h2>
        <table className="data-table" data-testid="predict-features">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" className="num">
                Weight share
              </th>
            </tr>
          </thead>
          <tbody>
            {(result?.model.features ?? []).slice(0, 8).map((f) => (
              <tr key={f.name}>
                <th scope="row">{f.name}</th>
                <td className="num">{fmtPct(f.importance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="av-panel">
        <h2 className="av-title">Scores today, by decile</h2>
        <table className="data-table" data-testid="predict-deciles">
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" className="num">
                Users
              </th>
              <th scope="col" className="num">
                Lowest score
              </th>
              <th scope="col" className="num">
                Expected to do it
              </th>
            </tr>
          </thead>
          <tbody>
            {(result?.deciles ?? []).map((d) => (
              <tr key={d.decile}>
                <th scope="row">{d.decile}</th>
                <td className="num">{fmtInt(d.users)}</td>
                {/* an empty decile (fewer than ten users scored) has no lowest score: not 0.0% */}
                <td className="num">{d.users > 0 ? fmtPct(d.minScore) : "–"}</td>
                <td className="num">{d.users > 0 ? fmtInt(Math.round(d.expected)) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="selection-strip" data-testid="predict-offer">
          {result && modelVerdict?.good ? (
            <>
              <label className="av-field">
                Top
                <input
                  className="input"
                  type="number"
                  aria-label="Top percent"
                  data-testid="predict-percent"
                  min={1}
                  max={100}
                  value={percent}
                  onChange={(e) => {
                    const n = Number(e.currentTarget.value);
                    if (n > 0 && n <= 100) setPercent(n);
                  }}
                  style={{ width: 64 }}
                />
                %
              </label>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="predict-make-segment"
                onClick={() => {
                  const s = topSegment(shown, percent);
                  createSegmentFrom(s.name, s.definition);
                }}
              >
                Make a segment of the top {percent}%
              </button>
            </>
          ) : result ? (
            <>
              <span className="muted">
                The model's segment is not offered: it does not beat the simple rule.
              </span>
              <button
                type="button"
                className="btn"
                data-testid="predict-baseline-segment"
                onClick={() => {
                  const s = baselineSegment(shown);
                  createSegmentFrom(s.name, s.definition);
                }}
              >
                Segment by the rule instead
              </button>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function SendTimePanel() {
  const filters = useGlobalFilters();
  const dark = useAppTheme() === "dark";
  const query = useMemo(
    () => ({
      kind: "bestSendTime" as const,
      ...(filters.timezone ? { timezone: filters.timezone } : {}),
      ...(filters.segment ? { segment: filters.segment.definition } : {}),
    }),
    [filters.timezone, filters.segment],
  );
  const qs = useQuery(query, "predict-send-time");
  const result = qs.result;
  const option = useMemo(() => (result ? sendHeatmapOption(result, dark) : {}), [result, dark]);
  return (
    <div className="av-panel" data-testid="send-time" data-runs={qs.runs}>
      <h2 className="av-title">Best send time{filters.segment ? ` of ${filters.segment.name}` : ""}</h2>
      {result ? (
        <p className="range-note" data-testid="send-time-note">
          {fmtInt(result.users)} users by the local hour and weekday they are most often active ({result.from}{" "}
          to {result.to}, in each user's timezone attribute when set). Busiest best hour:{" "}
          <strong data-testid="send-time-peak">{String(peakHour(result)).padStart(2, "0")}:00</strong>;{" "}
          {fmtInt(result.fallback)} without recent events get the overall winner (
          {WEEKDAYS[result.globalWeekday - 1]} {String(result.globalHour).padStart(2, "0")}:00).
        </p>
      ) : null}
      <Chart
        testId="send-time-heatmap"
        option={option}
        height={260}
        label="Users by best send hour and weekday"
        busy={qs.busy}
        {...(result || qs.phase === "error" ? {} : { loading: true })}
      />
    </div>
  );
}
