/**
 * Per-document lint scheduling: a new request replaces a pending one (debounce), a request that
 * arrives while a lint runs makes it run once more afterwards, and `cancel` drops both. The
 * lint function itself checks the document version before publishing, so results for text that
 * changed meanwhile are never shown.
 */
export class LintScheduler<Trigger> {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; trigger: Trigger }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly rerun = new Map<string, Trigger>();

  constructor(private readonly run: (uri: string, trigger: Trigger) => Promise<void>) {}

  schedule(uri: string, delayMs: number, trigger: Trigger): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.pending.delete(uri);
      this.start(uri, trigger);
    }, delayMs);
    this.pending.set(uri, { timer, trigger });
  }

  cancel(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous.timer);
    this.pending.delete(uri);
    this.rerun.delete(uri);
  }

  cancelAll(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }

  /** Resolves when nothing is pending or running for `uri` (used by tests and shutdown). */
  async idle(uri: string): Promise<void> {
    while (this.pending.has(uri) || this.running.has(uri)) {
      await (this.running.get(uri) ?? new Promise((resolve) => setTimeout(resolve, 5)));
    }
  }

  private start(uri: string, trigger: Trigger): void {
    if (this.running.has(uri)) {
      this.rerun.set(uri, trigger);
      return;
    }
    const task = this.run(uri, trigger)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(uri);
        const again = this.rerun.get(uri);
        if (again !== undefined) {
          this.rerun.delete(uri);
          this.start(uri, again);
        }
      });
    this.running.set(uri, task);
  }
}
