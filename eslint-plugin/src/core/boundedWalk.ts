/**
 * The recursive analyses follow what source code can make cyclic or arbitrarily deep: interfaces and
 * classes that extend each other, type aliases, `const` aliases, functions that call each other,
 * re-exports between files, nested expressions. Each recursive question runs as one `BoundedWalk`, and
 * every step of it enters a key (the declaration, node, type or file it is about):
 * - a key already entered further up the same walk (a cycle) is not entered again;
 * - no walk goes deeper than `maxDepth` steps, so the stack stays small whatever the input;
 * - no walk takes more than `maxSteps` steps in all, so a question that meets the same declarations again
 *   and again (a diamond of interfaces, a union repeated through aliases) cannot grow exponentially.
 * A step that is not entered gets the caller's fallback: the analysis's "unknown".
 *
 * Functions that recurse into each other share one walk, passed along; a walk is never kept after its
 * question is answered.
 */
export interface WalkLimits {
  /** How many steps deep the walk may go. */
  readonly maxDepth: number;
  /** How many steps the walk may take in all (default {@link DEFAULT_MAX_STEPS}). */
  readonly maxSteps?: number;
}

export const DEFAULT_MAX_STEPS = 10_000;

/**
 * Limits for walks down one expression or statement tree (operands of `a || b || …`, receivers of
 * `a.b.c()`, nested blocks): deep enough for any code people write, shallow enough for any stack.
 */
export const SYNTAX_TREE_LIMITS: WalkLimits = { maxDepth: 400 };

export class BoundedWalk {
  /**
   * The keys entered and not yet left: the current path, so its length is the depth. An array, not a set:
   * most walks are a few steps deep, where a scan is cheaper than hashing, and every question makes one.
   */
  private readonly path: unknown[] = [];
  private steps = 0;

  constructor(private readonly limits: WalkLimits) {}

  /** How many steps deep the walk is now. */
  get depth(): number {
    return this.path.length;
  }

  /**
   * Runs `step` one level deeper, for `key`; returns `fallback` instead when `key` is already on the path
   * (a cycle) or the walk has reached its depth or step limit.
   */
  enter<Result>(key: unknown, fallback: Result, step: () => Result): Result {
    if (!this.mayEnter(key)) return fallback;
    this.path.push(key);
    this.steps += 1;
    try {
      return step();
    } finally {
      this.path.pop();
    }
  }

  /**
   * Like {@link enter}, but a key is entered only once in the whole walk, not once per path: for searches
   * whose answer for a key does not depend on how it was reached (is `name` exported by `file`?), where
   * a second visit could only repeat the first.
   */
  enterOnce<Result>(key: unknown, fallback: Result, step: () => Result): Result {
    this.seen ??= new Set();
    if (this.seen.has(key) || !this.mayEnter(key)) return fallback;
    this.seen.add(key);
    return this.enter(key, fallback, step);
  }

  /** Keys entered so far by {@link enterOnce} (made on first use: most walks never need it). */
  private seen: Set<unknown> | undefined;

  private mayEnter(key: unknown): boolean {
    return this.path.length < this.limits.maxDepth && this.steps < (this.limits.maxSteps ?? DEFAULT_MAX_STEPS) && !this.path.includes(key);
  }
}
