import type { z } from "zod";

// One API method: the schema its request must pass at the main-process boundary, and (as a phantom
// type) what it answers. Declared once; main's handlers, the preload bridge, the renderer client and
// the test bridge are all checked against these.
export interface MethodDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  readonly __response?: Res;
}

export function method<Res>() {
  return <Req extends z.ZodType>(request: Req): MethodDef<Req, Res> => ({ request });
}

// biome-ignore lint/suspicious/noExplicitAny: a constraint over every method definition
export type AnyMethod = MethodDef<z.ZodType, any>;
export type RequestOf<M> = M extends MethodDef<infer Req, unknown> ? z.input<Req> : never;
export type ParsedRequestOf<M> = M extends MethodDef<infer Req, unknown> ? z.output<Req> : never;
export type ResponseOf<M> = M extends MethodDef<z.ZodType, infer Res> ? Res : never;
