import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import { type Bracket, PRESET_BRACKETS } from "./draft.ts";
import { bracketLabel } from "./transform.ts";

interface Props {
  brackets: Bracket[];
  interval: RetentionQuery["interval"];
  onChange(b: Bracket[]): void;
}

const MAX = 1000;

/** Custom brackets of periods after the cohort's (day 1, days 2-7, ...): each a from..to pair. */
export function BracketsEditor({ brackets, interval, onChange }: Props) {
  const set = (i: number, b: Bracket) => onChange(brackets.map((x, j) => (j === i ? b : x)));
  const num = (v: string) => Math.min(MAX, Math.max(1, Math.round(Number(v)) || 1));
  return (
    <div className="brackets-editor" data-testid="retention-brackets-editor">
      {brackets.map((bracket, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: brackets have no identity beyond their position
        <span className="field-row" key={i}>
          <input
            className="input num-input"
            type="number"
            min={1}
            max={MAX}
            aria-label={`Bracket ${i + 1} from`}
            value={bracket.from}
            onChange={(e) => {
              const from = num(e.target.value);
              set(i, { from, to: Math.max(from, bracket.to) });
            }}
          />
          <span className="muted">to</span>
          <input
            className="input num-input"
            type="number"
            min={bracket.from}
            max={MAX}
            aria-label={`Bracket ${i + 1} to`}
            value={bracket.to}
            onChange={(e) => set(i, { from: bracket.from, to: Math.max(bracket.from, num(e.target.value)) })}
          />
          <span className="muted">{bracketLabel(interval, bracket)}</span>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove bracket ${i + 1}`}
            onClick={() => onChange(brackets.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <span className="field-row">
        <button
          type="button"
          className="btn btn-ghost"
          disabled={brackets.length >= 20}
          onClick={() => {
            const last = brackets.at(-1);
            const from = last ? Math.min(MAX, last.to + 1) : 1;
            onChange([...brackets, { from, to: from }]);
          }}
        >
          + Add bracket
        </button>
        {brackets.length === 0 ? (
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="retention-brackets-preset"
            title="1, 2 to 7 and 8 to 30 periods after the cohort's"
            onClick={() => onChange(PRESET_BRACKETS)}
          >
            Use 1 · 2–7 · 8–30
          </button>
        ) : null}
      </span>
    </div>
  );
}
