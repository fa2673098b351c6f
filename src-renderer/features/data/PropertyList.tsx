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
      {props.properties.map((property) => {
        // shares of the rows where the property is set (in the sample when sampled), not of the
        // listed top values only
        const of = property.valuesOf ?? 0;
        const where = property.sampled
          ? ` in the latest ${formatNumber(property.sampleRows ?? 0)} ${props.unit}`
          : "";
        return (
          <li key={`${property.scope}:${property.name}`} className="prop">
            <div className="prop-head">
              <span className="prop-name">{property.name}</span>
              <span className={`type-badge type-${property.type}`}>{property.type}</span>
              <span className="spacer" />
              <span
                className="muted small num"
                title={`Set on ${formatPercent(property.coverage)} of ${props.unit}`}
              >
                {formatPercent(property.coverage)} set
              </span>
              <span
                className="muted small num"
                data-testid={`distinct-${property.name}`}
                title={
                  property.distinctCapped
                    ? `Counting stopped at ${formatNumber(property.distinct)} values${where}`
                    : `Distinct values${where || ` across all ${props.unit}`}`
                }
              >
                {formatNumber(property.distinct)}
                {property.distinctCapped ? "+" : ""} distinct{property.sampled ? " (sample)" : ""}
              </span>
            </div>
            <div className="coverage" aria-hidden="true">
              <div className="coverage-fill" style={{ width: `${Math.round(property.coverage * 100)}%` }} />
            </div>
            {property.topValues.length ? (
              <div
                className="top-values"
                title={`Top values: share of ${formatNumber(of)} ${props.unit} where it is set${where}`}
              >
                {property.sampled ? (
                  <span className="faint small">Latest {formatNumber(property.sampleRows ?? 0)}:</span>
                ) : null}
                {property.topValues.slice(0, 6).map((v) => (
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
