/**
 * Decides whether a crashed server is started again: up to `maxRestarts` crashes within
 * `windowMs`, after which it stays down until the user restarts it. Knows nothing about VS Code
 * so it can be unit-tested.
 */
export class RestartPolicy {
  private crashes: number[] = [];
  private announced = false;

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash and says what to do. `announce` is true for the first restart only. */
  onCrash(): { restart: boolean; announce: boolean } {
    const now = this.now();
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > this.maxRestarts) return { restart: false, announce: true };
    const announce = !this.announced;
    this.announced = true;
    return { restart: true, announce };
  }

  /** After a manual restart the user gets a fresh budget. */
  reset(): void {
    this.crashes = [];
  }
}
