// The types of compile-cache.cjs (plain CommonJS, read by any Node before the CLI loads).

export function useCompileCache(): void;
