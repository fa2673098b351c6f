// The types of cli-bundle.cjs (plain CommonJS, read by any Node before the CLI loads).

export function currentBundle(root: string, env: NodeJS.ProcessEnv): string | null;
