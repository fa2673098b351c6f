import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { connectionOf } from "../../../src-main/clickhouse/app-cluster.ts";
import { type StoredConnection, saveConnection } from "../../../src-main/clickhouse/connection.ts";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import { PathGrants } from "../../../src-main/ipc/path-grants.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { io } from "../../helpers/cli-io.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// A compromised renderer must not be able to connect the workspace to a server of its choosing (a
// push would then send the events there): in the app a new server or user is confirmed in a native
// dialog, which the renderer can neither draw nor answer. Nothing is sent to a server here:
// connecting only records the connection.

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function context(answer: boolean | undefined, planted?: StoredConnection) {
  const j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
  const file = j.file;
  // a file that came connected: the person on this machine never confirmed its server
  if (planted) saveConnection(j.ws.db, planted);
  j.ws.close();
  const session = new Session({ dataDir: tmpDir() });
  sessions.push(session);
  await session.open(file);
  const asked: string[] = [];
  const ctx: HandlerContext = {
    session,
    emit: () => {},
    grants: new PathGrants(),
    dialogs: {
      openWorkspace: async () => null,
      newWorkspace: async () => null,
      chooseImportFiles: async () => [],
      saveFile: async () => null,
      ...(answer === undefined
        ? {}
        : {
            confirmClusterServer: async (s: { url: string; user: string; workspace: string }) => {
              asked.push(`${s.user}@${s.url}`);
              return answer;
            },
          }),
    },
  };
  return { ctx, asked };
}

const server = (url: string, user = "strata") => ({
  url,
  cluster: "strata",
  database: "strata",
  user,
  password: "pw",
});

describe("connecting the workspace to a cluster, in the app", () => {
  it("is refused, and nothing recorded, when the native dialog says no or there is none", async () => {
    for (const answer of [false, undefined]) {
      const { ctx, asked } = await context(answer);
      const r = await dispatch("clusterConnect", server("http://attacker.example:8123"), ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/was not confirmed/);
      expect(asked).toEqual(answer === undefined ? [] : ["strata@http://attacker.example:8123"]);
      expect(connectionOf(ctx.session)).toBe(null);
    }
  });

  it("is asked once per server and user, and recorded when confirmed", async () => {
    const { ctx, asked } = await context(true);
    expect((await dispatch("clusterConnect", server("http://ch-1:8123"), ctx)).ok).toBe(true);
    expect((await dispatch("clusterConnect", server("http://ch-1:8123"), ctx)).ok).toBe(true);
    expect((await dispatch("clusterConnect", server("http://ch-1:8123", "other"), ctx)).ok).toBe(true);
    expect(asked).toEqual(["strata@http://ch-1:8123", "other@http://ch-1:8123"]);
    expect(connectionOf(ctx.session)?.user).toBe("other");
  });

  it("asks before a test, push or cluster query on a connection the file came with", async () => {
    // port 1 on loopback: were anything sent, the answer would be a connection error
    const planted = { url: "http://127.0.0.1:1", cluster: "strata", database: "strata", user: "strata" };
    const query = { query: { kind: "segmentCount", segment: { all: [] } }, on: "cluster" };
    const refused = await context(false, planted);
    for (const [method, req] of [
      ["clusterTest", {}],
      ["clusterPush", {}],
      ["queryRun", query],
    ] as const) {
      const r = await dispatch(method, req, refused.ctx);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.message, method).toMatch(/was not confirmed/);
    }
    expect(refused.asked).toEqual([
      "strata@http://127.0.0.1:1",
      "strata@http://127.0.0.1:1",
      "strata@http://127.0.0.1:1",
    ]);

    const confirmed = await context(true, planted);
    const test = await dispatch("clusterTest", {}, confirmed.ctx);
    // confirmed: the test goes out (and finds nothing there); the next one is not asked about
    expect(test.ok ? "" : test.error.message).not.toMatch(/was not confirmed/);
    await dispatch("clusterTest", {}, confirmed.ctx);
    expect(confirmed.asked).toEqual(["strata@http://127.0.0.1:1"]);
  });

  it("names the server the client would reach, and refuses a file's URL that hides it", async () => {
    // the text before "@" is a user name: the server is evil.example
    const hidden = {
      url: "https://ch.corp.example@evil.example:8123",
      cluster: "strata",
      database: "strata",
      user: "strata",
    };
    const h = await context(true, hidden);
    const r = await dispatch("clusterTest", {}, h.ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/the server is evil\.example:8123/);
    expect(h.asked).toEqual([]);
    // a user that would draw a line of its own in the dialog
    const forged = await context(true, {
      ...hidden,
      url: "http://127.0.0.1:1",
      user: "strata\nserver: ch.corp",
    });
    expect((await dispatch("clusterTest", {}, forged.ctx)).ok).toBe(false);
    expect(forged.asked).toEqual([]);
    // spelled otherwise, the same server: the dialog shows it as the client will use it
    const spelled = await context(false, { ...hidden, url: "HTTP://LOCALHOST:1/" });
    await dispatch("clusterTest", {}, spelled.ctx);
    expect(spelled.asked).toEqual(["strata@http://localhost:1"]);
  });

  it("refuses a typed URL with a user, path or query, and a user with control characters", async () => {
    const { ctx, asked } = await context(true);
    for (const [url, user] of [
      ["http://me@ch-1:8123", "strata"],
      ["http://ch-1:8123/strata", "strata"],
      ["http://ch-1:8123?database=x", "strata"],
      ["http://ch-1:8123", "a\u0007b"],
      ["http://ch-1:8123", "пользователь"],
    ] as const) {
      const r = await dispatch("clusterConnect", server(url, user), ctx);
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.error.code, url).toBe("invalid_request");
    }
    expect(asked).toEqual([]);
    expect(connectionOf(ctx.session)).toBe(null);
  });

  it("is checked by the CLI too: a file's hidden server or header-breaking user is refused, nothing sent", async () => {
    for (const planted of [
      { url: "https://ch.corp.example@127.0.0.1:1", cluster: "strata", database: "strata", user: "strata" },
      { url: "http://127.0.0.1:1", cluster: "strata", database: "strata", user: "strata\r\nX-Evil: 1" },
    ]) {
      const j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
      saveConnection(j.ws.db, planted);
      j.ws.close();
      for (const args of [
        ["push", j.file],
        ["query", j.file, '{"kind":"segmentCount","segment":{"all":[]}}', "--on", "clickhouse"],
      ]) {
        const a = io();
        expect(await main(args, a.io), args[0]).toBe(2);
        expect(a.err.join(""), args[0]).toMatch(/names a user before "@"|printable Latin-1/);
      }
    }
  });
});
