import { StrataError } from "../../src-preload/contract/errors.ts";
import { connectionOf } from "../clickhouse/app-cluster.ts";
import { type ConfirmedServers, MemoryConfirmedServers } from "../clickhouse/confirmed-servers.ts";
import { checkedConnection } from "../clickhouse/connection.ts";
import type { Session } from "../session.ts";
import type { HandlerContext } from "./types.ts";

// A compromised renderer could otherwise send the workspace's events to a server of its choosing:
// by connecting to one, or by using the connection a workspace file came with (a file from someone
// else may name any server). In the app (where renderer paths are checked too) every server and user
// is confirmed in a native dialog before the first connect, test, push or cluster query from this
// machine; a server confirmed once is not asked about again.

const sessionServers = new WeakMap<Session, ConfirmedServers>();

function confirmedFor(ctx: HandlerContext): ConfirmedServers {
  if (ctx.confirmedServers) return ctx.confirmedServers;
  let known = sessionServers.get(ctx.session);
  if (!known) {
    known = new MemoryConfirmedServers();
    sessionServers.set(ctx.session, known);
  }
  return known;
}

/** Resolves once the person at the keyboard has confirmed this server and user (in the app). */
export async function confirmServer(ctx: HandlerContext, c: { url: string; user: string }): Promise<void> {
  if (!ctx.grants) return; // the CLI and the test bridge: the person typed the command
  const known = confirmedFor(ctx);
  if (known.has(c.url, c.user)) return;
  const ask = ctx.dialogs.confirmClusterServer;
  const yes = ask ? await ask({ url: c.url, user: c.user, workspace: ctx.session.workspace.name }) : false;
  if (!yes)
    throw new StrataError("cancelled", `connecting to ${c.url} was not confirmed: nothing was changed`);
  known.add(c.url, c.user);
}

/** The workspace's stored connection, once this machine has confirmed its server; none: nothing to ask. */
export async function confirmStored(ctx: HandlerContext): Promise<void> {
  const stored = connectionOf(ctx.session);
  // the dialog names the server the client will reach, not the file's text (checked: may refuse)
  if (stored !== null) await confirmServer(ctx, checkedConnection(stored));
}
