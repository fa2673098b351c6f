import type { ShareCopyResult, SharedSavedItem } from "../../../src-preload/contract/methods/export.ts";
import { formatNumber } from "../../ui/format.ts";

// What a shared copy lost, in the words `strata share` prints (resources/docs/sharing.md), for the
// done panel of the Share dialog: the analyst reads it before sending the file. Pure, so it is tested
// without a window. A field the main process did not send (an older one) reads as nothing lost.

export interface ShareSummary {
  /** the attribute and property names removed, or null */
  removed: string | null;
  /** e-mail addresses replaced and user ids pseudonymized, or null */
  replaced: string | null;
  /** one line per saved item that answers differently in the copy (keyed by the item's id) */
  affected: SummaryLine[];
  /** one line per saved item whose last result the copy does not carry */
  resultsDropped: SummaryLine[];
}

export interface SummaryLine {
  id: string;
  text: string;
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

const itemName = (item: SharedSavedItem) =>
  `${item.type === "segment" ? "Segment" : "Report"} “${item.name}”`;

export function shareSummary(result: ShareCopyResult): ShareSummary {
  const dropped = result.dropped ?? [];
  const red = result.redacted ?? { values: 0, eventNames: 0, userIds: 0 };
  const within = [
    red.values > 0 ? plural(red.values, "value", "values") : null,
    red.eventNames > 0 ? plural(red.eventNames, "event name", "event names") : null,
  ].filter((part) => part !== null);
  const replaced = [
    within.length > 0 ? `e-mail addresses replaced in ${within.join(" and ")}` : null,
    red.userIds > 0 ? `${plural(red.userIds, "user id", "user ids")} pseudonymized` : null,
  ].filter((part) => part !== null);
  return {
    removed: dropped.length > 0 ? dropped.join(", ") : null,
    replaced: replaced.length > 0 ? replaced.join("; ") : null,
    affected: (result.affected ?? []).map((item) => {
      const counts =
        item.before !== null && item.after !== null
          ? `: ${plural(item.before, "user", "users")} → ${formatNumber(item.after)}`
          : "";
      return { id: item.id, text: `${itemName(item)} uses ${item.uses.join(", ")}${counts}` };
    }),
    resultsDropped: (result.resultsDropped ?? []).map((item) => ({ id: item.id, text: itemName(item) })),
  };
}
