import { useEffect, useState } from "react";
import type { TimelineEvent, UserTimeline } from "../../../src-preload/contract/methods/catalog.ts";
import { call } from "../../api/client.ts";
import { useDataKey } from "../../store/data-key.ts";
import { formatInstant } from "../../ui/format.ts";
import { Icon } from "../../ui/icons.tsx";
import { ErrorState, Skeleton } from "../../ui/states.tsx";

// One user's attributes and events, newest first, grouped by day in the workspace timezone.
const LIMIT = 500;

export function Timeline(props: { userId: string; timezone: string; onClose: () => void }) {
  const [data, setData] = useState<UserTimeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [allAttrs, setAllAttrs] = useState(false);
  const dataKey = useDataKey();
  // the user as the data is now: the same id in another workspace, or after an import, is read again
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the data too (data-key.ts)
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    call("userTimeline", { userId: props.userId, limit: LIMIT })
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [props.userId, dataKey]);

  const events = data ? [...data.events].sort((a, b) => b.time.localeCompare(a.time)) : [];
  const days: { day: string; events: TimelineEvent[] }[] = [];
  for (const event of events) {
    const day = formatInstant(event.time, props.timezone);
    const last = days[days.length - 1];
    if (last && last.day === day) last.events.push(event);
    else days.push({ day, events: [event] });
  }

  const shown = data?.userId ?? props.userId;
  return (
    <aside className="timeline inspector" aria-label={`Timeline of ${props.userId}`}>
      <div className="inspector-head">
        <h2 className="ellipsis" title={shown}>
          {shown}
        </h2>
        <button
          type="button"
          className="btn btn-icon btn-ghost"
          aria-label="Close timeline"
          onClick={props.onClose}
        >
          <Icon name="close" />
        </button>
      </div>
      {error ? <ErrorState compact error={error} title="Could not load this user" /> : null}
      {!data && !error ? <Skeleton lines={8} height={18} /> : null}
      {data ? (
        <>
          {data.mergedFrom !== null ? (
            <p className="merged-note small" role="note">
              <b>{data.mergedFrom}</b> was merged into <b>{data.userId}</b> (identity merge): the events below
              are this person's, before and after they were identified.
            </p>
          ) : data.mergedIds.length > 0 ? (
            <p className="merged-note small muted" role="note">
              Includes the events of {data.mergedIds.length === 1 ? "the anonymous id" : "the anonymous ids"}{" "}
              {data.mergedIds.slice(0, 3).join(", ")}
              {data.mergedIds.length > 3 ? ` and ${data.mergedIds.length - 3} more` : ""} (identity merge).
            </p>
          ) : null}
          <dl className="attrs">
            {Object.entries(data.attributes)
              .slice(0, allAttrs ? undefined : 6)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v === null || v === undefined ? "–" : String(v)}</dd>
                </div>
              ))}
          </dl>
          {Object.keys(data.attributes).length > 6 ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setAllAttrs(!allAttrs)}>
              {allAttrs ? "Fewer attributes" : `All ${Object.keys(data.attributes).length} attributes`}
            </button>
          ) : null}
          <div className="muted small">
            {events.length >= LIMIT ? `the ${LIMIT} most recent events` : `${events.length} events`} · times
            in {props.timezone}
          </div>
          <ol className="tl">
            {days.map((dayGroup) => (
              <li key={dayGroup.day}>
                <div className="tl-day">{dayGroup.day}</div>
                <ul>
                  {dayGroup.events.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: events may repeat at the same instant
                    <li key={`${e.time}-${i}`} className="tl-event">
                      <span className="tl-time num">
                        {new Intl.DateTimeFormat("en-US", {
                          hour: "2-digit",
                          minute: "2-digit",
                          hourCycle: "h23",
                          timeZone: props.timezone,
                        }).format(new Date(e.time))}
                      </span>
                      <span className="tl-name">{e.event}</span>
                      {Object.keys(e.properties).length ? (
                        <span className="tl-props faint">
                          {Object.entries(e.properties)
                            .slice(0, 4)
                            .map(([k, v]) => `${k}: ${String(v)}`)
                            .join(" · ")}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </aside>
  );
}
