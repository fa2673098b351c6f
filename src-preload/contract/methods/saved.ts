import { z } from "zod";
import { method } from "../method.ts";
import { Query } from "../queries.ts";
import { Segment } from "../segment.ts";

export const SavedType = z.enum(["segment", "report"]);
export type SavedType = z.infer<typeof SavedType>;

const name = z.string().trim().min(1, "a name is required").max(200);

// A saved segment stores a Segment tree; a saved report stores a whole Query.
export interface SavedItem {
  id: string;
  type: SavedType;
  name: string;
  /** Segment for type "segment", Query for type "report" */
  definition: unknown;
  createdAt: string;
  modifiedAt: string;
  /** the last result computed for a report, kept so that a shared copy without events still shows it */
  lastResult: unknown | null;
}

export const SavedDefinition = z.union([
  z.strictObject({ type: z.literal("segment"), definition: Segment }),
  z.strictObject({ type: z.literal("report"), definition: Query }),
]);

export const savedMethods = {
  savedList: method<SavedItem[]>()(z.strictObject({ type: SavedType.optional() })),
  savedGet: method<SavedItem>()(z.strictObject({ id: z.string().min(1) })),
  savedCreate: method<SavedItem>()(
    z.union([
      z.strictObject({ type: z.literal("segment"), name, definition: Segment }),
      z.strictObject({ type: z.literal("report"), name, definition: Query }),
    ]),
  ),
  savedUpdate: method<SavedItem>()(
    z.strictObject({ id: z.string().min(1), name: name.optional(), definition: z.unknown().optional() }),
  ),
  savedDuplicate: method<SavedItem>()(z.strictObject({ id: z.string().min(1), name: name.optional() })),
  savedDelete: method<null>()(z.strictObject({ id: z.string().min(1) })),
};
