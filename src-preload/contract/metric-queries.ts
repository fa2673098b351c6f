import type { z } from "zod";

// Engagement, revenue, survey, message and comparison kinds (issue 5). Each is a strict object with a
// literal `kind`; they join the Query union in queries.ts.
export const MetricQueries = [] as const satisfies readonly z.ZodObject[];
