import type { z } from "zod";

// Schemas that parse inside a transform (keyed unions, the depth-checked segment) can raise only
// custom issues, which keep a message and a path. Re-raised as they were, a union's issue is
// "Invalid input" at its parent: `count: Invalid input` for a count whose op is misspelled. Opening
// the closest branch keeps the words that name the field and what it allows.

/** The union branch that came closest: fewest problems, unknown fields counting double. */
export function closestBranch(
  branches: readonly (readonly z.core.$ZodIssue[])[],
): readonly z.core.$ZodIssue[] {
  let best: readonly z.core.$ZodIssue[] = [];
  let score = Number.POSITIVE_INFINITY;
  for (const b of branches) {
    const s = b.reduce((n, i) => n + (i.code === "unrecognized_keys" ? 2 : 1), 0);
    if (s < score) {
      score = s;
      best = b;
    }
  }
  return best;
}

export function reraise(
  ctx: z.RefinementCtx,
  issues: readonly z.core.$ZodIssue[],
  base: readonly PropertyKey[] = [],
): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0)
      reraise(ctx, closestBranch(issue.errors), path);
    else ctx.addIssue({ code: "custom", message: issue.message, path });
  }
}
