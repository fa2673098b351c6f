// The first bytes of an encrypted Strata copy (container.ts holds the rest of the layout). A file of
// its own so that telling an encrypted copy from a workspace does not load the crypto code.
export const MAGIC = Buffer.from("STRATAEN", "latin1");
