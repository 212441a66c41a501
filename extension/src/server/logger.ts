/** Writes to the client's output channel without flooding it with repeats of the same problem. */
export class Logger {
  private readonly seen = new Map<string, number>();

  constructor(private readonly write: (line: string) => void, private readonly maxRepeats = 1) {}

  info(message: string): void {
    this.write(`[${time()}] ${message}`);
  }

  /** Logs `message` at most `maxRepeats` times for the same `key`, then stays quiet. */
  once(key: string, message: string): void {
    const count = this.seen.get(key) ?? 0;
    if (count >= this.maxRepeats) return;
    if (this.seen.size > 5000) this.seen.clear();
    this.seen.set(key, count + 1);
    this.info(message);
  }

  /** Forget the repeats (after a configuration change, problems may be new again). */
  reset(): void {
    this.seen.clear();
  }
}

function time(): string {
  return new Date().toISOString().slice(11, 23);
}
