// Loaded with `node --import` into a CLI child (and, through execArgv, its worker threads): records
// every attempt to open a socket or resolve a name to the file in STRATA_NET_LOG, and refuses it.
import dgram from "node:dgram";
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";

const log = process.env.STRATA_NET_LOG;
const record = (what) => {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`);
};
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = args[0];
  // a pipe or IPC channel to our own parent (worker plumbing) has a path, never a host
  if (a && typeof a === "object" && typeof a.path === "string") return origConnect.apply(this, args);
  if (typeof a === "string" && !/^\d+$/.test(a)) return origConnect.apply(this, args);
  record(`connect ${JSON.stringify(a)}`);
  throw new Error("network refused by the no-network test");
};
for (const k of ["lookup", "resolve", "resolve4", "resolve6"]) {
  const orig = dns[k];
  dns[k] = (...args) => {
    record(`dns.${k} ${String(args[0])}`);
    return orig.apply(dns, args);
  };
}
const origCreate = dgram.createSocket;
dgram.createSocket = (...args) => {
  record("dgram.createSocket");
  return origCreate.apply(dgram, args);
};
globalThis.fetch = async (u) => {
  record(`fetch ${String(u)}`);
  throw new Error("network refused by the no-network test");
};
