import type { z } from "zod";
import type { Api, MethodName } from "../../src-preload/contract/api.ts";
import type { StrataEvent } from "../../src-preload/contract/events.ts";
import type { ParsedRequestOf, ResponseOf } from "../../src-preload/contract/method.ts";
import type { ConfirmedServers } from "../clickhouse/confirmed-servers.ts";
import type { Keychain } from "../clickhouse/keychain.ts";
import type { Session } from "../session.ts";
import type { PathGrants } from "./path-grants.ts";

/** What only the host can do: native dialogs in Electron, answers queued by the test bridge. */
export interface Dialogs {
  openWorkspace(): Promise<string | null>;
  newWorkspace(defaultName: string): Promise<string | null>;
  chooseImportFiles(): Promise<string[]>;
  saveFile(defaultName: string, filters: string[]): Promise<string | null>;
  /**
   * Asks the person at the keyboard, in a native window the renderer cannot draw or answer, whether
   * this workspace may be connected to a server it has not been connected to (a push would send its
   * events there). Hosts without native dialogs leave it out.
   */
  confirmClusterServer?(server: { url: string; user: string; workspace: string }): Promise<boolean>;
}

export interface HandlerContext {
  session: Session;
  emit(event: StrataEvent): void;
  dialogs: Dialogs;
  /** the OS keychain for cluster passwords (the app); without one they last for the session */
  keychain?: Keychain;
  /** when set (the app), renderer paths must be ones main issued (path-grants.ts) */
  grants?: PathGrants;
  /** cluster servers confirmed on this machine (the app's data folder); without one, for the session */
  confirmedServers?: ConfirmedServers;
}

// Per-method tables mapped over the contract. Indexing them with a generic method name keeps the
// request, the handler and the answer tied to that one name, so dispatch needs no cast.

/** What each method's request is once its schema has parsed it. */
export type RequestTable = { [K in MethodName]: ParsedRequestOf<Api[K]> };
/** What each method answers. */
export type ResponseTable = { [K in MethodName]: ResponseOf<Api[K]> };
/** Each method's request schema, seen only as the parser it is at the door. */
export type RequestParsers = {
  [K in MethodName]: {
    readonly request: { safeParse(input: unknown): z.ZodSafeParseResult<RequestTable[K]> };
  };
};

export type Handler<K extends MethodName> = (
  request: RequestTable[K],
  ctx: HandlerContext,
) => ResponseTable[K] | Promise<ResponseTable[K]>;

/** One handler per contract method, indexed by name. */
export type HandlerTable = { [K in MethodName]: Handler<K> };

/** The handlers for one area's methods (e.g. `typeof workspaceMethods`). */
export type AreaHandlers<M> = { [K in keyof M & MethodName]: Handler<K> };
