import type { Command } from "../command.ts";

// One file per command, loaded only when it runs: a `strata query` process should not pay for
// the importer's or the exporter's modules (start-up time is part of the query budget).
export const commandLoaders: Record<string, () => Promise<Command>> = {
  demo: async () => (await import("./demo.ts")).demoCommand,
  import: async () => (await import("./import.ts")).importCommand,
  info: async () => (await import("./info.ts")).infoCommand,
  query: async () => (await import("./query.ts")).queryCommand,
  segments: async () => (await import("./segments.ts")).segmentsCommand,
  reports: async () => (await import("./reports.ts")).reportsCommand,
  export: async () => (await import("./export.ts")).exportCommand,
  share: async () => (await import("./share.ts")).shareCommand,
  identity: async () => (await import("./identity.ts")).identityCommand,
  connect: async () => (await import("./connect.ts")).connectCommand,
  push: async () => (await import("./push.ts")).pushCommand,
};

export async function loadAllCommands(): Promise<Command[]> {
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}
