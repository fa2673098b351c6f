import { api, type MethodName } from "../../src-preload/contract/api.ts";
import { type Envelope, StrataError } from "../../src-preload/contract/errors.ts";
import { formatIssues } from "../validate.ts";
import { handlers } from "./handlers.ts";
import { firstLine, rendererError } from "./renderer-error.ts";
import type { HandlerContext, HandlerTable, RequestParsers, ResponseTable } from "./types.ts";

// the contract seen as one parser per method: checked against the contract, so no cast
const parsers: RequestParsers = api;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

/** Parses a request for one method and runs its handler: both looked up by the same name `K`. */
async function call<K extends MethodName>(
  name: K,
  request: unknown,
  ctx: HandlerContext,
): Promise<ResponseTable[K]> {
  const parsed = parsers[name].request.safeParse(request ?? {});
  if (!parsed.success) throw new StrataError("invalid_request", formatIssues(parsed.error.issues));
  ctx.grants?.check(name, parsed.data, ctx.session);
  const handler: HandlerTable[K] = handlers[name];
  return handler(parsed.data, ctx);
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
    const value = await call(name, request, ctx);
    ctx.grants?.issued(name, value);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    if (e instanceof StrataError) return { ok: false, error: rendererError(e) };
    // An unexpected failure: the renderer gets a sentence, never the main process's stack trace
    // (file paths, code layout: what an attacker in a compromised renderer would look for); the
    // trace goes to the main process's log.
    console.error(`strata: ${name} failed:`, e);
    return {
      ok: false,
      error: { code: "internal", message: `${name} failed unexpectedly: ${firstLine(e)}` },
    };
  }
}
