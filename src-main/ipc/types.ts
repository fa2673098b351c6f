import type { Api, MethodName } from "../../src-preload/contract/api.ts";
import type { StrataEvent } from "../../src-preload/contract/events.ts";
import type { ParsedRequestOf, ResponseOf } from "../../src-preload/contract/method.ts";
import type { Keychain } from "../clickhouse/keychain.ts";
import type { Session } from "../session.ts";
import type { PathGrants } from "./path-grants.ts";

/** What only the host can do: native dialogs in Electron, answers queued by the test bridge. */
export interface Dialogs {
  openWorkspace(): Promise<string | null>;
  newWorkspace(defaultName: string): Promise<string | null>;
  chooseImportFiles(): Promise<string[]>;
  saveFile(defaultName: string, filters: string[]): Promise<string | null>;
}

export interface HandlerContext {
  session: Session;
  emit(event: StrataEvent): void;
  dialogs: Dialogs;
  /** the OS keychain for cluster passwords (the app); without one they last for the session */
  keychain?: Keychain;
  /** when set (the app), renderer paths must be ones main issued (path-grants.ts) */
  grants?: PathGrants;
}

export type Handler<K extends MethodName> = (
  request: ParsedRequestOf<Api[K]>,
  ctx: HandlerContext,
) => ResponseOf<Api[K]> | Promise<ResponseOf<Api[K]>>;

/** The handlers for one area's methods (e.g. `typeof workspaceMethods`). */
export type AreaHandlers<M> = { [K in keyof M & MethodName]: Handler<K> };
