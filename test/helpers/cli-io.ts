/** A fake CLI io that records what a command prints, so tests can assert on stdout and stderr. */
export function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => "" },
  };
}

/** Runs the CLI's `main` with a recording io: its exit code and what it printed, joined. */
export async function runCli(
  main: (args: string[], cliIo: ReturnType<typeof io>["io"]) => Promise<number>,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const recorded = io();
  const code = await main(args, recorded.io);
  return { code, out: recorded.out.join(""), err: recorded.err.join("") };
}
