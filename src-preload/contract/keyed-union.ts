import { z } from "zod";
import { reraise } from "./reraise.ts";

// A union told apart by which key an object carries ({"all": ...} vs {"performed": ...}).
// Zod's plain union reports every branch's failure at once, which names no field; delegating to the
// branch whose key is present gives errors such as `segment.all[0].performed.event: expected string`.
export function keyedUnion<T>(branches: Record<string, z.ZodType>, what: string): z.ZodType<T> {
  const keys = Object.keys(branches);
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `expected an object with one of: ${keys.join(", ")}` });
      return z.NEVER;
    }
    const key = keys.find((k) => Object.hasOwn(value, k));
    if (key === undefined) {
      const got = Object.keys(value).join(", ") || "no keys";
      ctx.addIssue({
        code: "custom",
        message: `unknown ${what} (has ${got}); expected one of: ${keys.join(", ")}`,
      });
      return z.NEVER;
    }
    const branch = branches[key] as z.ZodType;
    const parsed = branch.safeParse(value);
    if (!parsed.success) {
      reraise(ctx, parsed.error.issues);
      return z.NEVER;
    }
    return parsed.data as T;
  }) as unknown as z.ZodType<T>;
}
