/** What the client does when the server process stops unexpectedly. */
export interface RestartDecision {
  restart: boolean;
  /** Tell the user (once per session for restarts, once when giving up). */
  notify: boolean;
  message: string;
}

/**
 * Restarts a crashed server, but not forever: a server that keeps crashing (a bad build, a file
 * that kills it on every start) is left stopped after `maxRestarts` within `windowMs`, and the
 * user is told once — never a notification per crash.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];
  private notifiedRestart = false;
  private notifiedGiveUp = false;

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
  ) {}

  onServerClosed(now: number): RestartDecision {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      const notify = !this.notifiedGiveUp;
      this.notifiedGiveUp = true;
      return {
        restart: false,
        notify,
        message: `Health Data Lint: the server stopped ${this.crashes.length} times in ${Math.round(
          this.windowMs / 60_000,
        )} minutes and was not restarted; see the "Health Data Lint" output, then run "Health Data Lint: Restart Server".`,
      };
    }
    const notify = !this.notifiedRestart;
    this.notifiedRestart = true;
    return {
      restart: true,
      notify,
      message: 'Health Data Lint: the server stopped unexpectedly and was restarted.',
    };
  }

  /** A manual restart or a trust change starts a fresh count. */
  reset(): void {
    this.crashes.length = 0;
    this.notifiedGiveUp = false;
  }
}
