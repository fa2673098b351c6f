// Placeholder: replaced by the seeded demo generator.
export interface DemoOptions {
  users?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}
export interface DemoStats {
  users: number;
  events: number;
}
export function buildDemo(_file: string, _opts: DemoOptions): DemoStats {
  throw new Error("demo builder not written yet");
}
