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
