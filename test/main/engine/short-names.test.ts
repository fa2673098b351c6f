import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import type { Comment, Node } from "@babel/types";
import { describe, expect, it } from "vitest";

// A newcomer reading a long function should be able to guess what each local holds from its name.
// In a function longer than LONG lines, a local with a one-letter name (parameter, const/let/var,
// destructured or catch binding) fails this test, except:
// - i, j and k, the index counters everyone reads as such;
// - letters the function lists in a comment `// short names: x y z (why)`, for code that follows a
//   formula or an algorithm whose textbook letters are its clearest names (Welch's t, quickselect).
// Shorthand object bindings (`{ x }`) are not counted: they must match a field's name.
const LONG = 25;
const COUNTERS = new Set(["i", "j", "k", "_"]);
const root = path.resolve(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f).split(path.sep).join("/"));
}

type FunctionNode = Extract<
  Node,
  {
    type:
      | "FunctionDeclaration"
      | "FunctionExpression"
      | "ArrowFunctionExpression"
      | "ObjectMethod"
      | "ClassMethod"
      | "ClassPrivateMethod";
  }
>;

function isFunction(node: Node): node is FunctionNode {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression" ||
    node.type === "ObjectMethod" ||
    node.type === "ClassMethod" ||
    node.type === "ClassPrivateMethod"
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "type") === "string";
}

// the identifiers a binding pattern declares
function bound(pattern: Node | null | undefined, out: Node[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      return;
    case "AssignmentPattern":
      bound(pattern.left, out);
      return;
    case "RestElement":
      bound(pattern.argument, out);
      return;
    case "TSParameterProperty":
      bound(pattern.parameter, out);
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) bound(element, out);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        if (property.type === "RestElement") bound(property, out);
        else if (!property.shorthand && isNode(property.value)) bound(property.value, out);
      }
      return;
    default:
      return;
  }
}

function nameOf(node: Node): string {
  return node.type === "Identifier" ? node.name : "";
}

function lineOf(node: Node): number {
  return node.loc?.start.line ?? 0;
}

function shortNamesIn(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const ast = parse(text, { sourceType: "module", plugins: ["typescript", "jsx"] });
  const comments: Comment[] = ast.comments ?? [];
  const found: string[] = [];

  // letters a function lists in a `short names:` comment inside it or just above it
  const allowedIn = (fn: FunctionNode): Set<string> => {
    const from = (fn.loc?.start.line ?? 0) - 3;
    const to = fn.loc?.end.line ?? 0;
    const letters = new Set<string>();
    for (const comment of comments) {
      const line = comment.loc?.start.line ?? 0;
      if (line < from || line > to) continue;
      const listed = /short names:((?:\s+[A-Za-z]\b)+)/.exec(comment.value)?.[1];
      for (const letter of listed?.trim().split(/\s+/) ?? []) letters.add(letter);
    }
    return letters;
  };

  const check = (names: Node[], allowed: Set<string>) => {
    for (const id of names) {
      const name = nameOf(id);
      if (name.length === 1 && !COUNTERS.has(name) && !allowed.has(name))
        found.push(`${file}:${lineOf(id)} ${name}`);
    }
  };

  // allowed is null outside long functions: nothing is checked there
  const walk = (node: Node, allowed: Set<string> | null): void => {
    if (isFunction(node)) {
      const long = (node.loc?.end.line ?? 0) - (node.loc?.start.line ?? 0) + 1 > LONG;
      const inner = long ? allowedIn(node) : null;
      if (inner) {
        const params: Node[] = [];
        for (const param of node.params) bound(param, params);
        check(params, inner);
      }
      walk(node.body, inner);
      return;
    }
    if (allowed) {
      const names: Node[] = [];
      if (node.type === "VariableDeclarator") bound(node.id, names);
      if (node.type === "CatchClause") bound(node.param, names);
      check(names, allowed);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "loc" || key.endsWith("Comments")) continue;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) walk(child, allowed);
      } else if (isNode(value)) walk(value, allowed);
    }
  };
  walk(ast.program, null);
  return found;
}

describe("names in long functions of src-main, src-renderer and src-preload", () => {
  it("say what a local holds, not one letter", () => {
    const found = ["src-main", "src-renderer", "src-preload"].flatMap(sources).flatMap(shortNamesIn);
    expect(found).toEqual([]);
  });

  it("are checked: the scanner finds a one-letter local in a long function and honours its comment", () => {
    const dir = fs.mkdtempSync(path.join(root, "test/.short-names-"));
    try {
      const body = Array.from({ length: LONG }, (_, line) => `  total += ${line};`).join("\n");
      const file = (name: string, text: string) => {
        fs.writeFileSync(path.join(dir, name), text);
        return path.relative(root, path.join(dir, name)).split(path.sep).join("/");
      };
      const long = file(
        "long.ts",
        `export function f(x: number) {\n  let total = x;\n${body}\n  const q = total;\n  for (let i = 0; i < q; i++) total++;\n  return total;\n}\n`,
      );
      expect(shortNamesIn(long).map((hit) => hit.split(" ")[1])).toEqual(["x", "q"]);
      const listed = file(
        "listed.ts",
        `// short names: x q (the test's own)\nexport function f(x: number) {\n  let total = x;\n${body}\n  const q = total;\n  return q;\n}\n`,
      );
      expect(shortNamesIn(listed)).toEqual([]);
      const short = file("short.ts", "export function f(x: number) {\n  const q = x;\n  return q;\n}\n");
      expect(shortNamesIn(short)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
