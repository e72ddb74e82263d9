/**
 * Runs a full garbage collection once the server has been idle for a while after linting.
 * V8 grows its heap while the server lints a burst of files (opening a folder, a workspace
 * scan) and keeps the headroom resident; one collection when nobody is typing hands part of it
 * back (benchmark, 200 large files: 274 -> 253 MB with the heap limit of serverFlags.ts,
 * 981 -> 497 MB without it).
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleMs: number,
    private readonly collect: (() => void) | undefined,
  ) {}

  /** Call after each piece of work: the collection waits for `idleMs` without any. */
  touch(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, this.idleMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** `gc` when Node runs with `--expose-gc` (the VS Code client starts the server so). */
export function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? () => gc() : undefined;
}
