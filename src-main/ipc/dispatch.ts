import { api, type MethodName } from "../../src-preload/contract/api.ts";
import { type Envelope, StrataError } from "../../src-preload/contract/errors.ts";
import { formatIssues } from "../validate.ts";
import { handlers } from "./handlers.ts";
import type { HandlerContext } from "./types.ts";

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

/**
 * The one door into the main process, for IPC and the test bridge alike: checks the method name and
 * validates the request against the contract before any handler sees it, and turns every failure
 * into an Envelope instead of a crash.
 */
export async function dispatch(
  name: string,
  request: unknown,
  ctx: HandlerContext,
): Promise<Envelope<unknown>> {
  try {
    if (!isMethod(name)) throw new StrataError("invalid_request", `unknown method ${name}`);
    const parsed = api[name].request.safeParse(request ?? {});
    if (!parsed.success) throw new StrataError("invalid_request", formatIssues(parsed.error.issues));
    const handler = handlers[name] as (req: unknown, c: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    if (e instanceof StrataError) return { ok: false, error: e.toData() };
    const err = e as Error;
    return {
      ok: false,
      error: { code: "internal", message: err?.message ?? String(e), details: err?.stack ?? undefined },
    };
  }
}
