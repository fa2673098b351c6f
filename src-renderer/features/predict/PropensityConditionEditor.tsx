import type { Condition } from "../../../src-preload/contract/segment.ts";
import { CompareInput, NumberInput } from "../segments/editors/inputs.tsx";
import { EventPicker } from "../segments/editors/pickers.tsx";
import { horizonDays } from "./transform.ts";

type PropensityCondition = Extract<Condition, { propensity: unknown }>;

/** "is in the top [10]% most likely to do [purchase] within [14] days" (or scored [>= 0.5]). */
export function PropensityConditionEditor(props: {
  value: PropensityCondition;
  onChange: (c: Condition) => void;
}) {
  const condition = props.value;
  const propensity = condition.propensity;
  // any unit the contract allows (48 hours from a hand-written segment is 2 days, never 336), as the
  // segment's summary says it (condition-text.ts)
  const days = Math.round(horizonDays(propensity) * 100) / 100;
  return (
    <>
      {"topPercent" in condition ? (
        <>
          <span className="word">is in the top</span>
          <NumberInput
            label="Top percent"
            min={0}
            value={condition.topPercent}
            onChange={(n) => props.onChange({ ...condition, topPercent: Math.min(100, Math.max(0.1, n)) })}
          />
          <span className="word">% most likely to do</span>
        </>
      ) : (
        <>
          <span className="word">has a score</span>
          <CompareInput
            label="Score"
            value={condition.score}
            onChange={(score) => props.onChange({ ...condition, score })}
          />
          <span className="word">of doing</span>
        </>
      )}
      <EventPicker
        value={propensity.target.event}
        onChange={(event) =>
          props.onChange({
            ...condition,
            propensity: { ...propensity, target: { ...propensity.target, event } },
          })
        }
      />
      <span className="word">within</span>
      <NumberInput
        label="Horizon in days"
        min={1}
        value={days}
        onChange={(n) =>
          props.onChange({
            ...condition,
            propensity: {
              ...propensity,
              horizon: { value: Math.min(90, Math.max(1, Math.round(n))), unit: "day" },
            },
          })
        }
      />
      <span className="word">days</span>
    </>
  );
}
