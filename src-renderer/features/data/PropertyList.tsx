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
        // shares of the rows where the property is set (in the sample when sampled), not of the
        // listed top values only
        const of = p.valuesOf ?? 0;
        const where = p.sampled ? ` in the latest ${formatNumber(p.sampleRows ?? 0)} ${props.unit}` : "";
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
              <span
                className="muted small num"
                data-testid={`distinct-${p.name}`}
                title={
                  p.distinctCapped
                    ? `Counting stopped at ${formatNumber(p.distinct)} values${where}`
                    : `Distinct values${where || ` across all ${props.unit}`}`
                }
              >
                {formatNumber(p.distinct)}
                {p.distinctCapped ? "+" : ""} distinct{p.sampled ? " (sample)" : ""}
              </span>
            </div>
            <div className="coverage" aria-hidden="true">
              <div className="coverage-fill" style={{ width: `${Math.round(p.coverage * 100)}%` }} />
            </div>
            {p.topValues.length ? (
              <div
                className="top-values"
                title={`Top values: share of ${formatNumber(of)} ${props.unit} where it is set${where}`}
              >
                {p.sampled ? (
                  <span className="faint small">Latest {formatNumber(p.sampleRows ?? 0)}:</span>
                ) : null}
                {p.topValues.slice(0, 6).map((v) => (
                  <span
                    key={String(v.value)}
                    className="chip"
                    title={`${formatNumber(v.count)} of ${formatNumber(of)} ${props.unit}${where}`}
                  >
                    {String(v.value) === "" ? "(empty)" : String(v.value)}
                    <span className="faint num">{of ? formatPercent(v.count / of) : ""}</span>
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
