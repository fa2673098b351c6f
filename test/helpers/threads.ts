/** Resolves once every thread has ended (its exit event seen), or fails after 20 s. */
export async function allEnded(threads: readonly { exitCode: () => number | null }[]): Promise<void> {
  const until = Date.now() + 20_000;
  while (threads.some((t) => t.exitCode() === null)) {
    if (Date.now() > until) throw new Error("a thread never ended");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
