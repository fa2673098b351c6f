import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { Dialogs, HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import type { StrataEvent } from "../../../src-preload/contract/events.ts";

// The test bridge: the built renderer and the real main-process code behind the same contract,
// served on 127.0.0.1 (random port, per-run token) so Playwright drives the real app in Chromium
// where Electron cannot run. Only the host parts differ: dialogs answer from a queue the test fills.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

export interface Bridge {
  url: string;
  token: string;
  session: Session;
  /** answers for the next native dialogs, in order (a path, a list of paths, or null for cancel) */
  dialogAnswers: (string | string[] | null)[];
  close(): Promise<void>;
}

export async function startBridge(opts: { rendererDir: string; dataDir: string }): Promise<Bridge> {
  const token = randomBytes(16).toString("hex");
  const session = new Session({ dataDir: opts.dataDir });
  const listeners = new Set<http.ServerResponse>();
  const dialogAnswers: (string | string[] | null)[] = [];
  const next = () => (dialogAnswers.length > 0 ? dialogAnswers.shift() : null) ?? null;
  const dialogs: Dialogs = {
    openWorkspace: async () => {
      const a = next();
      return Array.isArray(a) ? (a[0] ?? null) : a;
    },
    newWorkspace: async () => {
      const a = next();
      return Array.isArray(a) ? (a[0] ?? null) : a;
    },
    chooseImportFiles: async () => {
      const a = next();
      return a === null ? [] : Array.isArray(a) ? a : [a];
    },
    saveFile: async () => {
      const a = next();
      return Array.isArray(a) ? (a[0] ?? null) : a;
    },
  };
  const emit = (event: StrataEvent) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of listeners) res.write(data);
  };
  const ctx: HandlerContext = { session, emit, dialogs };
  const root = path.resolve(opts.rendererDir);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/api/")) {
      if (req.method !== "POST" || req.headers["x-strata-token"] !== token) {
        res.writeHead(403).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        } catch {
          body = undefined;
        }
        void dispatch(url.pathname.slice(5), body, ctx).then((env) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(env));
        });
      });
      return;
    }
    if (url.pathname === "/events") {
      if (url.searchParams.get("token") !== token) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      res.write(": connected\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-security-policy": CSP,
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("bridge did not get a port");
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    token,
    session,
    dialogAnswers,
    async close() {
      for (const res of listeners) res.end();
      listeners.clear();
      // Connections first: a request still in flight would otherwise hold server.close() open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await session.close();
    },
  };
}
