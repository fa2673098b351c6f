import type { Condition } from "../../../src-preload/contract/segment.ts";
import { CompareInput, NumberInput } from "../segments/editors/inputs.tsx";
import { EventPicker } from "../segments/editors/pickers.tsx";

type PropensityCondition = Extract<Condition, { propensity: unknown }>;

/** "is in the top [10]% most likely to do [purchase] within [14] days" (or scored [>= 0.5]). */
export function PropensityConditionEditor(props: {
  value: PropensityCondition;
  onChange: (c: Condition) => void;
}) {
  const c = props.value;
  const q = c.propensity;
  const days = q.horizon.unit === "day" ? q.horizon.value : Math.round(q.horizon.value * 7);
  return (
    <>
      {"topPercent" in c ? (
        <>
          <span className="word">is in the top</span>
          <NumberInput
            label="Top percent"
            min={0}
            value={c.topPercent}
            onChange={(n) => props.onChange({ ...c, topPercent: Math.min(100, Math.max(0.1, n)) })}
          />
          <span className="word">% most likely to do</span>
        </>
      ) : (
        <>
          <span className="word">has a score</span>
          <CompareInput label="Score" value={c.score} onChange={(score) => props.onChange({ ...c, score })} />
          <span className="word">of doing</span>
        </>
      )}
      <EventPicker
        value={q.target.event}
        onChange={(event) => props.onChange({ ...c, propensity: { ...q, target: { ...q.target, event } } })}
      />
      <span className="word">within</span>
      <NumberInput
        label="Horizon in days"
        min={1}
        value={days}
        onChange={(n) =>
          props.onChange({
            ...c,
            propensity: { ...q, horizon: { value: Math.min(90, Math.max(1, Math.round(n))), unit: "day" } },
          })
        }
      />
      <span className="word">days</span>
    </>
  );
}
