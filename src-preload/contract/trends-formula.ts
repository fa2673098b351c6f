// The trends formula language of spec/queries.md: letters A, B, ... name the series in order;
// + - * /, parentheses, unary minus and number literals. Parsed once into a tree, evaluated per bucket.

export type FormulaNode =
  | { op: "num"; value: number }
  | { op: "ref"; index: number }
  | { op: "neg"; arg: FormulaNode }
  | { op: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode };

export type FormulaParse = { ok: true; node: FormulaNode; refs: number[] } | { ok: false; error: string };

type Token = { t: "num"; v: number } | { t: "ref"; v: number } | { t: "sym"; v: string };

function tokenize(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === " " || c === "\t") {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i));
      if (!m) return `bad number at position ${i + 1}`;
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Z]/.test(c)) {
      out.push({ t: "ref", v: c.charCodeAt(0) - 65 });
      i++;
    } else if ("+-*/()".includes(c)) {
      out.push({ t: "sym", v: c });
      i++;
    } else {
      return `unexpected "${c}" at position ${i + 1} (use series letters A, B, ..., numbers, + - * / and parentheses)`;
    }
  }
  return out;
}

/** Parses a formula; `series` is how many series the query has (letters past it are errors). */
export function parseFormula(text: string, series: number): FormulaParse {
  const lexed = tokenize(text);
  if (typeof lexed === "string") return { ok: false, error: lexed };
  const toks: Token[] = lexed;
  let k = 0;
  const refs = new Set<number>();
  const sym = (v: string) => {
    const tk = toks[k];
    return tk !== undefined && tk.t === "sym" && tk.v === v;
  };
  // expr := term (('+'|'-') term)* ; term := unary (('*'|'/') unary)* ; unary := '-' unary | atom
  function expr(): FormulaNode | string {
    let left = term();
    while (typeof left !== "string" && (sym("+") || sym("-"))) {
      const op = (toks[k++] as { v: string }).v as "+" | "-";
      const right = term();
      if (typeof right === "string") return right;
      left = { op, left, right };
    }
    return left;
  }
  function term(): FormulaNode | string {
    let left = unary();
    while (typeof left !== "string" && (sym("*") || sym("/"))) {
      const op = (toks[k++] as { v: string }).v as "*" | "/";
      const right = unary();
      if (typeof right === "string") return right;
      left = { op, left, right };
    }
    return left;
  }
  function unary(): FormulaNode | string {
    if (sym("-")) {
      k++;
      const arg = unary();
      return typeof arg === "string" ? arg : { op: "neg", arg };
    }
    return atom();
  }
  function atom(): FormulaNode | string {
    const tk = toks[k];
    if (tk === undefined) return "the formula ends too early";
    if (tk.t === "num") {
      k++;
      return { op: "num", value: tk.v };
    }
    if (tk.t === "ref") {
      k++;
      if (tk.v >= series)
        return `series ${String.fromCharCode(65 + tk.v)} does not exist (the query has ${series})`;
      refs.add(tk.v);
      return { op: "ref", index: tk.v };
    }
    if (tk.v === "(") {
      k++;
      const e = expr();
      if (typeof e === "string") return e;
      if (!sym(")")) return "a parenthesis is not closed";
      k++;
      return e;
    }
    return `unexpected "${tk.v}"`;
  }
  const node = expr();
  if (typeof node === "string") return { ok: false, error: node };
  if (k < toks.length) return { ok: false, error: "unexpected text after the formula" };
  return { ok: true, node, refs: [...refs].sort((a, b) => a - b) };
}

/** Evaluates with operands by series index; a null operand or a division by zero gives null. */
export function evalFormula(node: FormulaNode, operand: (index: number) => number | null): number | null {
  switch (node.op) {
    case "num":
      return node.value;
    case "ref":
      return operand(node.index);
    case "neg": {
      const a = evalFormula(node.arg, operand);
      return a === null ? null : -a;
    }
    default: {
      const a = evalFormula(node.left, operand);
      const b = evalFormula(node.right, operand);
      if (a === null || b === null) return null;
      if (node.op === "+") return a + b;
      if (node.op === "-") return a - b;
      if (node.op === "*") return a * b;
      if (b === 0) return null;
      const r = a / b;
      return Number.isFinite(r) ? r : null;
    }
  }
}
