import fs from "node:fs";
import path from "node:path";

// The real public exports live beside the repository, in ../shared/datasets (see README there), not
// in it. A git worktree sits elsewhere than its main checkout, so both roots are tried.

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The main checkout of a git worktree (its .git is a file naming <main>/.git/worktrees/<name>). */
function mainCheckout(root: string): string | null {
  const dotGit = path.join(root, ".git");
  try {
    if (!fs.statSync(dotGit).isFile()) return null;
    const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, "utf8"));
    return m?.[1] ? path.resolve(root, m[1].trim(), "../../..") : null;
  } catch {
    return null;
  }
}

/** The path of a file under ../shared/datasets; throws naming the places looked at when it is absent. */
export function datasetFile(relative: string): string {
  const roots = [repoRoot, mainCheckout(repoRoot)].filter((r): r is string => r !== null);
  const candidates = roots.map((r) => path.resolve(r, "../shared/datasets", relative));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`dataset ${relative} not found; looked at ${candidates.join(", ")}`);
  return found;
}
