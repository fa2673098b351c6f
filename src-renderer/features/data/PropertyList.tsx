import type { CatalogProperty } from "../../../src-preload/contract/methods/catalog.ts";
import { formatNumber, formatPercent } from "../../ui/format.ts";

// Properties with their detected type, coverage and top values: what an analyst checks before
// trusting a filter on them.
export function PropertyList(props: {
  properties: CatalogProperty[];
  unit: "events" | "users";
  empty: string;
}) {
  if (props.properties.length === 0) return <p className="muted small pad">{props.empty}</p>;
  return (
    <ul className="prop-list">
      {props.properties.map((p) => {
        const topTotal = p.topValues.reduce((a, v) => a + v.count, 0);
        return (
          <li key={`${p.scope}:${p.name}`} className="prop">
            <div className="prop-head">
              <span className="prop-name">{p.name}</span>
              <span className={`type-badge type-${p.type}`}>{p.type}</span>
              <span className="spacer" />
              <span
                className="muted small num"
                title={`Set on ${formatPercent(p.coverage)} of ${props.unit}`}
              >
                {formatPercent(p.coverage)} set
              </span>
              <span className="muted small num">{formatNumber(p.distinct)} distinct</span>
            </div>
            <div className="coverage" aria-hidden="true">
              <div className="coverage-fill" style={{ width: `${Math.round(p.coverage * 100)}%` }} />
            </div>
            {p.topValues.length ? (
              <div className="top-values">
                {p.topValues.slice(0, 6).map((v) => (
                  <span
                    key={String(v.value)}
                    className="chip"
                    title={`${formatNumber(v.count)} ${props.unit}`}
                  >
                    {String(v.value) === "" ? "(empty)" : String(v.value)}
                    <span className="faint num">{topTotal ? formatPercent(v.count / topTotal) : ""}</span>
                  </span>
                ))}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
