// Runs in the page (Playwright addInitScript), before the app's scripts: defines window.strata with
// the contract's methods over fetch and its push events over server-sent events. Self-contained:
// Playwright serializes this function, so it may not use imports.
export function installBridgeClient(args: { token: string; methods: string[] }): void {
  // Typed through globalThis: this file is compiled with the Node settings but runs in the page.
  const w = globalThis as unknown as {
    strata: Record<string, unknown>;
    EventSource: new (url: string) => { onmessage: ((m: { data: string }) => void) | null };
  };
  const bridge: Record<string, unknown> = {};
  for (const name of args.methods) {
    bridge[name] = async (request: unknown) => {
      const res = await fetch(`/api/${name}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-strata-token": args.token },
        body: JSON.stringify(request ?? {}),
      });
      return res.json();
    };
  }
  const listeners = new Set<(e: unknown) => void>();
  const source = new w.EventSource(`/events?token=${args.token}`);
  source.onmessage = (m) => {
    const event = JSON.parse(m.data) as unknown;
    for (const l of listeners) l(event);
  };
  bridge.onEvent = (listener: (e: unknown) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  bridge.pathForFile = () => null;
  w.strata = bridge;
}
