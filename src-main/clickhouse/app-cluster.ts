import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ClusterStatus } from "../../src-preload/contract/methods/cluster.ts";
import type { Session } from "../session.ts";
import { checkedConnection, readConnection, type StoredConnection } from "./connection.ts";
import { ClickHouseEngine, workspaceSource } from "./engine.ts";
import { ChHttp } from "./http.ts";
import { accountOf, type Keychain, MemoryKeychain } from "./keychain.ts";

// The app's side of a workspace's cluster: the connection from the workspace file, the password
// from the keychain (Electron's safeStorage; a session-long memory where the host gives none).

const sessionKeychains = new WeakMap<Session, Keychain>();

/** The host's keychain, or one that lives as long as the session (test bridge, hosts without one). */
export function keychainFor(session: Session, host: Keychain | undefined): Keychain {
  if (host) return host;
  let k = sessionKeychains.get(session);
  if (!k) {
    k = new MemoryKeychain();
    sessionKeychains.set(session, k);
  }
  return k;
}

export function connectionOf(session: Session): StoredConnection | null {
  return readConnection(session.workspace.db);
}

export function statusOf(session: Session, keychain: Keychain, pushJobId: string | null): ClusterStatus {
  const connection = session.isOpen ? connectionOf(session) : null;
  return {
    connection,
    passwordStored: connection !== null && keychain.get(accountOf(connection)) !== null,
    keychainPersistent: keychain.persistent,
    pushJobId,
  };
}

/** The connected cluster's HTTP client; refused when the workspace has no connection. */
export function clusterHttp(session: Session, keychain: Keychain): ChHttp {
  const c = connectionOf(session);
  if (!c)
    throw new StrataError(
      "invalid_request",
      `${session.workspace.name} is not connected to a cluster: connect it in Settings -> Cluster`,
    );
  return new ChHttp({ ...checkedConnection(c), password: keychain.get(accountOf(c)) ?? "" });
}

export function clusterEngine(session: Session, keychain: Keychain): ClickHouseEngine {
  return new ClickHouseEngine(clusterHttp(session, keychain), workspaceSource(session.workspace.db));
}
