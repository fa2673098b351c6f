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
  const c = props.value;
  const count: Compare = c.count ?? { op: "gte", value: 1 };
  const didNot = count.op === "eq" && count.value === 0;
  const mode = didNot ? "didNot" : count.op === "gte" && count.value === 1 ? "did" : "count";
  return (
    <>
      <select
        className="input input-inline verb"
        aria-label="Did or did not"
        value={mode}
        onChange={(e) => {
          const { count: _, ...rest } = c;
          if (e.target.value === "did") props.onChange(rest);
          else if (e.target.value === "didNot") props.onChange({ ...rest, count: { op: "eq", value: 0 } });
          else props.onChange({ ...rest, count: { op: "gte", value: 2 } });
        }}
      >
        <option value="did">did</option>
        <option value="didNot">did not do</option>
        <option value="count">did, counted:</option>
      </select>
      <Matcher allowAny value={c.performed} onChange={(performed) => props.onChange({ ...c, performed })} />
      {mode === "count" ? (
        <>
          <CompareInput
            label="Times"
            value={count}
            onChange={(cnt) => props.onChange({ ...c, count: cnt }, "count")}
          />
          <span className="word">times</span>
        </>
      ) : null}
      <WithinInput value={c} asOf={props.asOf} onChange={props.onChange} />
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
  const c = props.value;
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
  if ("performed" in c) body = <PerformedEditor {...props} value={c} />;
  else if ("attribute" in c)
    body = (
      <>
        <span className="word">attribute</span>
        <FilterInput scope="user" value={c.attribute} onChange={(attribute) => on({ attribute }, "attr")} />
      </>
    );
  else if ("firstSeen" in c)
    body = seen("first seen", c.firstSeen, (firstSeen) => on({ firstSeen }, "range"));
  else if ("lastSeen" in c) body = seen("last seen", c.lastSeen, (lastSeen) => on({ lastSeen }, "range"));
  else if ("sequence" in c)
    body = (
      <>
        <span className="word">did</span>
        {c.sequence.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sequence steps are positional
          <span key={i} className="inline-group">
            {i > 0 ? <span className="word">then</span> : null}
            <Matcher
              value={m}
              onChange={(nm) => on({ ...c, sequence: c.sequence.map((x, j) => (j === i ? nm : x)) })}
            />
            {c.sequence.length > 1 ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                aria-label={`Remove step ${i + 1}`}
                onClick={() => on({ ...c, sequence: c.sequence.filter((_, j) => j !== i) })}
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
              ...c,
              sequence: [...c.sequence, { event: c.sequence[c.sequence.length - 1]?.event ?? null }],
            })
          }
        >
          + then
        </button>
        <span className="word">within</span>
        <NumberInput
          label="Window"
          min={0}
          value={c.window.value}
          onChange={(v) => v > 0 && on({ ...c, window: { ...c.window, value: v } }, "window")}
        />
        <select
          className="input input-inline"
          aria-label="Window unit"
          value={c.window.unit}
          onChange={(e) =>
            on({ ...c, window: { ...c.window, unit: e.target.value as typeof c.window.unit } })
          }
        >
          {(["minute", "hour", "day", "week"] as const).map((u) => (
            <option key={u} value={u}>
              {u}s
            </option>
          ))}
        </select>
        <WithinInput value={c} asOf={props.asOf} onChange={on} />
      </>
    );
  else if ("aggregate" in c)
    body = (
      <>
        <select
          className="input input-inline"
          aria-label="Aggregate"
          value={c.fn}
          onChange={(e) => on({ ...c, fn: e.target.value as typeof c.fn })}
        >
          <option value="sum">total</option>
          <option value="avg">average</option>
          <option value="min">minimum</option>
          <option value="max">maximum</option>
          <option value="countDistinct">distinct count</option>
        </select>
        <span className="word">of</span>
        <PropertyPicker
          value={c.property}
          scope="event"
          event={c.aggregate.event}
          numericOnly={c.fn !== "countDistinct"}
          onChange={(property) => on({ ...c, property })}
        />
        <span className="word">on</span>
        <Matcher allowAny value={c.aggregate} onChange={(aggregate) => on({ ...c, aggregate })} />
        <span className="word">is</span>
        <CompareInput
          label="Amount"
          value={c.compare}
          onChange={(compare) => on({ ...c, compare }, "compare")}
        />
        <WithinInput value={c} asOf={props.asOf} onChange={on} />
      </>
    );
  else if ("inSegment" in c)
    body = <InSegment value={c.inSegment} onChange={(id) => on({ inSegment: id })} />;
  else if ("rfm" in c) body = <RfmEditor value={c} onChange={on} />;
  else if ("funnel" in c) body = <FunnelEditor value={c} onChange={on} />;
  else if ("retention" in c) body = <CohortEditor value={c} onChange={on} />;
  // made by a click on a paths or segment-flow chart: shown as a sentence, edited in its view
  else if ("paths" in c || "segmentFlow" in c)
    body = <span className="word">{conditionText(c, (id) => id)}</span>;
  else if ("propensity" in c) body = <PropensityConditionEditor value={c} onChange={on} />;
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
