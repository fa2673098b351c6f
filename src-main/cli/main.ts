import { StrataError } from "../../src-preload/contract/errors.ts";
import { APP_VERSION } from "../version.ts";
import type { CliIo, Command } from "./command.ts";
import { commandLoaders, loadAllCommands } from "./commands/index.ts";
import { commandHelp, EXAMPLES } from "./help.ts";
import { forTerminal } from "./terminal-text.ts";

const USAGE_ERRORS = new Set([
  "invalid_request",
  "not_strata",
  "corrupt",
  "too_new",
  "bad_input",
  "not_found",
  "exists",
  "duplicate_import",
  "passphrase",
  "locked",
]);

export const processIo: CliIo = {
  out: (t) => process.stdout.write(process.stdout.isTTY ? forTerminal(t) : t),
  err: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

async function help(): Promise<string> {
  const commands = await loadAllCommands();
  return [
    `strata ${APP_VERSION}: offline behavioral segmentation`,
    "",
    "usage:",
    ...commands.flatMap((c) => [
      `  ${c.usage}`,
      `      ${c.summary}`,
      ...(EXAMPLES[c.name] ?? []).slice(0, 1).map((e) => `      e.g. ${e}`),
    ]),
    "",
    "strata COMMAND --help lists every option of a command with an example.",
    "Exit codes: 0 done, 2 bad usage or an invalid query or file, 1 anything else.",
    "",
  ].join("\n");
}

/** Exit code for an error: 2 when the input was at fault, 1 otherwise. */
export function exitCodeFor(e: unknown): number {
  return e instanceof StrataError && USAGE_ERRORS.has(e.code) ? 2 : 1;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  // asked for, help is the answer (stdout, 0); with no command it is a usage error (stderr, 2), so
  // `strata > out.txt` in a script leaves out.txt empty, as any bad usage does
  if (name === undefined) {
    io.err(await help());
    return 2;
  }
  if (name === "help" || name === "--help" || name === "-h") {
    io.out(await help());
    return 0;
  }
  if (name === "--version" || name === "version") {
    io.out(`${APP_VERSION}\n`);
    return 0;
  }
  // a large workspace's query workers start before the command's own modules load, and the ones no
  // pool took end once it is done (query-prestart.ts)
  if (name === "query" && !rest.includes("--help") && !rest.includes("-h"))
    return (await import("./query-prestart.ts")).withPrestartedWorkers(rest, () =>
      runCommand(name, rest, io),
    );
  return runCommand(name, rest, io);
}

async function runCommand(name: string, rest: string[], io: CliIo): Promise<number> {
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  const cmd: Command | undefined = load ? await load() : undefined;
  if (!cmd) {
    io.err(`strata: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(cmd));
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    io.err(`strata ${name}: ${forTerminal(msg)}\n`);
    if (!(err instanceof StrataError) && err instanceof Error && process.env.STRATA_DEBUG)
      io.err(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
