import path from "node:path";
import type { MethodName } from "../../src-preload/contract/api.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Session } from "../session.ts";
import type { RequestTable } from "./types.ts";

// A compromised renderer must not read or write a file the user did not choose. Every path the
// renderer may send back is one the main process handed it first: a dialog's answer, a recent
// workspace, a file the OS or the menu opened, a file dropped on the window (the preload reports
// the drop). A path string from the renderer is thus a token issued by main; any other is refused
// before a handler sees it. Paths chosen to be read (open, import) never become writable, so a
// renderer cannot export over a file the user only chose to import.

export type Grant = "read" | "write";

/** A field of method K's parsed request, and what the file it names is used for. */
type PathField<K extends MethodName> = { field: keyof RequestTable[K] & string; grant: Grant };

/** The request fields that name files, per method (a field the contract lacks fails to compile). */
const FIELDS: { [K in MethodName]?: PathField<K>[] } = {
  workspaceOpen: [{ field: "path", grant: "read" }],
  workspaceCreate: [{ field: "path", grant: "write" }],
  workspaceSaveAs: [{ field: "path", grant: "write" }],
  importPreview: [{ field: "path", grant: "read" }],
  importStart: [{ field: "paths", grant: "read" }],
  exportStart: [{ field: "out", grant: "write" }],
  shareCopy: [{ field: "out", grant: "write" }],
};

/** Methods whose answer is a path (or paths) the user chose, and what the user chose it for. */
const ISSUES: Partial<Record<MethodName, Grant>> = {
  dialogOpenWorkspace: "read",
  dialogChooseImportFiles: "read",
  dialogNewWorkspace: "write",
  dialogSaveFile: "write",
};

export class PathGrants {
  private readonly read = new Set<string>();
  private readonly write = new Set<string>();

  grant(p: string, grant: Grant): void {
    (grant === "read" ? this.read : this.write).add(path.resolve(p));
  }

  has(p: string, grant: Grant, session: Session): boolean {
    const abs = path.resolve(p);
    if (grant === "write") return this.write.has(abs);
    // a workspace saved or created through a dialog may be opened again; so may a recent one
    return this.read.has(abs) || this.write.has(abs) || session.recent.list().some((r) => r.path === abs);
  }

  /** Refuses a request that names a path main did not issue for that use. */
  check<K extends MethodName>(method: K, request: RequestTable[K], session: Session): void {
    const fields: PathField<K>[] = FIELDS[method] ?? [];
    for (const { field, grant } of fields) {
      const v: unknown = request[field];
      const paths = Array.isArray(v) ? v : v === undefined ? [] : [v];
      for (const p of paths) {
        if (typeof p !== "string" || !this.has(p, grant, session))
          throw new StrataError(
            "invalid_request",
            `${field}: this file was not chosen in a dialog (${grant === "write" ? "save" : "open"}); choose it again`,
          );
      }
    }
  }

  /** Records the paths a dialog answered with. */
  issued(method: MethodName, value: unknown): void {
    const grant = ISSUES[method];
    if (!grant) return;
    for (const p of Array.isArray(value) ? value : [value]) if (typeof p === "string") this.grant(p, grant);
  }

  /** A save dialog asked the user before replacing a file: an export there may overwrite it. */
  confirmedOverwrite(p: string): boolean {
    return this.write.has(path.resolve(p));
  }
}
