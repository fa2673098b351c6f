import { z } from "zod";
import { method } from "../method.ts";
import { Query } from "../query-kinds.ts";
import { Segment } from "../segment.ts";

export const SavedType = z.enum(["segment", "report"]);
export type SavedType = z.infer<typeof SavedType>;

const name = z.string().trim().min(1, "a name is required").max(200);
const id = z.string().min(1);

interface SavedBase {
  id: string;
  name: string;
  createdAt: string;
  modifiedAt: string;
  /** the last result computed, kept so that a shared copy without events still shows it (not validated) */
  lastResult: unknown | null;
}
/** A saved segment stores a Segment tree. */
export interface SavedSegment extends SavedBase {
  type: "segment";
  definition: Segment;
}
/** A saved report stores a whole Query. */
export interface SavedReport extends SavedBase {
  type: "report";
  definition: Query;
}
/** Told apart by `type`; main validates the definition against it on save and on load. */
export type SavedItem = SavedSegment | SavedReport;

/** A definition as stored, by item type: what save and load validate. */
export const SavedDefinition = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("segment"), definition: Segment }),
  z.strictObject({ type: z.literal("report"), definition: Query }),
]);
export type SavedDefinition = z.infer<typeof SavedDefinition>;

export const savedMethods = {
  savedList: method<SavedItem[]>()(z.strictObject({ type: SavedType.optional() })),
  savedGet: method<SavedItem>()(z.strictObject({ id: z.string().min(1) })),
  savedCreate: method<SavedItem>()(
    z.union([
      z.strictObject({ type: z.literal("segment"), name, definition: Segment }),
      z.strictObject({ type: z.literal("report"), name, definition: Query }),
    ]),
  ),
  // a rename carries no type; a new definition says which type it is, and main refuses one that is
  // not the stored item's type (a segment cannot become a report)
  savedUpdate: method<SavedItem>()(
    z.discriminatedUnion("type", [
      z.strictObject({ id, name: name.optional(), type: z.literal("segment"), definition: Segment }),
      z.strictObject({ id, name: name.optional(), type: z.literal("report"), definition: Query }),
      z.strictObject({ id, name, type: z.undefined().optional() }),
    ]),
  ),
  savedDuplicate: method<SavedItem>()(z.strictObject({ id: z.string().min(1), name: name.optional() })),
  savedDelete: method<null>()(z.strictObject({ id: z.string().min(1) })),
};
