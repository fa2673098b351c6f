// The types of huge-pages.cjs (plain CommonJS, read by any Node before the TypeScript CLI loads).

export type ThpMode = string | null;

export function thpMode(): ThpMode;

export function hugePagesEnv(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  mode: () => ThpMode,
): NodeJS.ProcessEnv | null;
