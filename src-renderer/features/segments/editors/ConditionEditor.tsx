import type { Compare, EventMatcher, Range } from "../../../../src-preload/contract/common.ts";
import type { Condition } from "../../../../src-preload/contract/segment.ts";
import { useSaved } from "../../../store/saved.ts";
import { Picker } from "../../../ui/Picker.tsx";
import { PropensityConditionEditor } from "../../predict/PropensityConditionEditor.tsx";
import { conditionText } from "../summary.ts";
import { FilterInput, WhereList } from "./filter.tsx";
import { CompareInput, NumberInput, RangeInput } from "./inputs.tsx";
import { EventPicker, PropertyPicker } from "./pickers.tsx";
import { CohortEditor, FunnelEditor, RfmEditor } from "./QueryConditions.tsx";

// One condition as a sentence whose brackets are inline pickers:
// "did [Add to cart] [at least] [2] times [in the last 7 days]".
export interface EditorProps<C extends Condition = Condition> {
  value: C;
  onChange: (c: Condition, coalesceKey?: string) => void;
  asOf: string;
  negated: boolean;
  onToggleNegate: () => void;
}

function Matcher(props: { value: EventMatcher; onChange: (m: EventMatcher) => void; allowAny?: boolean }) {
  const m = props.value;
  return (
    <>
      <EventPicker
        allowAny={props.allowAny}
        value={m.event}
        onChange={(event) => props.onChange({ ...m, event })}
      />
      <WhereList
        where={m.where}
        event={m.event}
        onChange={(where) => {
          const { where: _, ...rest } = m;
          props.onChange(where ? { ...rest, where } : rest);
        }}
      />
    </>
  );
}

type Performed = Extract<Condition, { performed: EventMatcher }>;

function PerformedEditor(props: EditorProps<Performed>) {
  const condition = props.value;
  const count: Compare = condition.count ?? { op: "gte", value: 1 };
  const didNot = count.op === "eq" && count.value === 0;
  const mode = didNot ? "didNot" : count.op === "gte" && count.value === 1 ? "did" : "count";
  return (
    <>
      <select
        className="input input-inline verb"
        aria-label="Did or did not"
        value={mode}
        onChange={(e) => {
          const { count: _, ...rest } = condition;
          if (e.target.value === "did") props.onChange(rest);
          else if (e.target.value === "didNot") props.onChange({ ...rest, count: { op: "eq", value: 0 } });
          else props.onChange({ ...rest, count: { op: "gte", value: 2 } });
        }}
      >
        <option value="did">did</option>
        <option value="didNot">did not do</option>
        <option value="count">did, counted:</option>
      </select>
      <Matcher
        allowAny
        value={condition.performed}
        onChange={(performed) => props.onChange({ ...condition, performed })}
      />
      {mode === "count" ? (
        <>
          <CompareInput
            label="Times"
            value={count}
            onChange={(cnt) => props.onChange({ ...condition, count: cnt }, "count")}
          />
          <span className="word">times</span>
        </>
      ) : null}
      <WithinInput value={condition} asOf={props.asOf} onChange={props.onChange} />
    </>
  );
}

/** The window a condition looks at; "ever" drops `within` rather than storing an empty one. */
function WithinInput(props: {
  value: Extract<Condition, { performed: unknown } | { sequence: unknown } | { aggregate: unknown }>;
  asOf: string;
  onChange: (c: Condition, coalesceKey?: string) => void;
}) {
  const c = props.value;
  return (
    <RangeInput
      allowEver
      asOf={props.asOf}
      value={c.within}
      onChange={(within) => {
        const { within: _, ...rest } = c;
        props.onChange(within ? { ...rest, within } : rest, "within");
      }}
    />
  );
}

export function ConditionEditor(props: EditorProps) {
  const condition = props.value;
  const on = props.onChange;
  const not = (
    <button
      type="button"
      className={props.negated ? "pill pill-not on" : "pill pill-not"}
      aria-pressed={props.negated}
      title="Negate this condition"
      onClick={props.onToggleNegate}
    >
      not
    </button>
  );
  // first seen / last seen: a word and the range it falls in (a range cannot be cleared here)
  const seen = (word: string, value: Range, set: (r: Range) => void) => (
    <>
      <span className="word">{word}</span>
      <RangeInput asOf={props.asOf} value={value} onChange={(r) => r && set(r)} />
    </>
  );
  let body: React.ReactNode;
  if ("performed" in condition) body = <PerformedEditor {...props} value={condition} />;
  else if ("attribute" in condition)
    body = (
      <>
        <span className="word">attribute</span>
        <FilterInput
          scope="user"
          value={condition.attribute}
          onChange={(attribute) => on({ attribute }, "attr")}
        />
      </>
    );
  else if ("firstSeen" in condition)
    body = seen("first seen", condition.firstSeen, (firstSeen) => on({ firstSeen }, "range"));
  else if ("lastSeen" in condition)
    body = seen("last seen", condition.lastSeen, (lastSeen) => on({ lastSeen }, "range"));
  else if ("sequence" in condition)
    body = (
      <>
        <span className="word">did</span>
        {condition.sequence.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sequence steps are positional
          <span key={i} className="inline-group">
            {i > 0 ? <span className="word">then</span> : null}
            <Matcher
              value={m}
              onChange={(nm) =>
                on({ ...condition, sequence: condition.sequence.map((x, j) => (j === i ? nm : x)) })
              }
            />
            {condition.sequence.length > 1 ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                aria-label={`Remove step ${i + 1}`}
                onClick={() => on({ ...condition, sequence: condition.sequence.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            ) : null}
          </span>
        ))}
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            on({
              ...condition,
              sequence: [
                ...condition.sequence,
                { event: condition.sequence[condition.sequence.length - 1]?.event ?? null },
              ],
            })
          }
        >
          + then
        </button>
        <span className="word">within</span>
        <NumberInput
          label="Window"
          min={0}
          value={condition.window.value}
          onChange={(v) => v > 0 && on({ ...condition, window: { ...condition.window, value: v } }, "window")}
        />
        <select
          className="input input-inline"
          aria-label="Window unit"
          value={condition.window.unit}
          onChange={(e) =>
            on({
              ...condition,
              window: { ...condition.window, unit: e.target.value as typeof condition.window.unit },
            })
          }
        >
          {(["minute", "hour", "day", "week"] as const).map((u) => (
            <option key={u} value={u}>
              {u}s
            </option>
          ))}
        </select>
        <WithinInput value={condition} asOf={props.asOf} onChange={on} />
      </>
    );
  else if ("aggregate" in condition)
    body = (
      <>
        <select
          className="input input-inline"
          aria-label="Aggregate"
          value={condition.fn}
          onChange={(e) => on({ ...condition, fn: e.target.value as typeof condition.fn })}
        >
          <option value="sum">total</option>
          <option value="avg">average</option>
          <option value="min">minimum</option>
          <option value="max">maximum</option>
          <option value="countDistinct">distinct count</option>
        </select>
        <span className="word">of</span>
        <PropertyPicker
          value={condition.property}
          scope="event"
          event={condition.aggregate.event}
          numericOnly={condition.fn !== "countDistinct"}
          onChange={(property) => on({ ...condition, property })}
        />
        <span className="word">on</span>
        <Matcher
          allowAny
          value={condition.aggregate}
          onChange={(aggregate) => on({ ...condition, aggregate })}
        />
        <span className="word">is</span>
        <CompareInput
          label="Amount"
          value={condition.compare}
          onChange={(compare) => on({ ...condition, compare }, "compare")}
        />
        <WithinInput value={condition} asOf={props.asOf} onChange={on} />
      </>
    );
  else if ("inSegment" in condition)
    body = <InSegment value={condition.inSegment} onChange={(id) => on({ inSegment: id })} />;
  else if ("rfm" in condition) body = <RfmEditor value={condition} onChange={on} />;
  else if ("funnel" in condition) body = <FunnelEditor value={condition} onChange={on} />;
  else if ("retention" in condition) body = <CohortEditor value={condition} onChange={on} />;
  // made by a click on a paths or segment-flow chart: shown as a sentence, edited in its view
  else if ("paths" in condition || "segmentFlow" in condition)
    body = <span className="word">{conditionText(condition, (id) => id)}</span>;
  else if ("propensity" in condition) body = <PropensityConditionEditor value={condition} onChange={on} />;
  return (
    <div className="sentence">
      {not}
      {body}
    </div>
  );
}

function InSegment(props: { value: string; onChange: (id: string) => void }) {
  const items = useSaved((s) => s.items).filter((i) => i.type === "segment");
  return (
    <>
      <span className="word">is in segment</span>
      <Picker
        label="Saved segment"
        value={props.value || null}
        placeholder="choose a segment"
        options={items.map((i) => ({ value: i.id, label: i.name }))}
        onChange={props.onChange}
      />
    </>
  );
}
