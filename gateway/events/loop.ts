import { log } from '../log.ts';

/**
 * A background loop of one gateway process: runs `work()` (which returns how long to wait before
 * the next run), one run at a time, until stopped; `stop()` waits for the run in progress.
 */
export abstract class BackgroundLoop {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  protected abstract readonly name: string;
  /** One run; returns the delay (ms) before the next, or the fallback on failure. */
  protected abstract work(): Promise<number>;
  protected abstract readonly retryMs: number;

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#run().finally(() => (this.#running = null));
    }, ms);
  }

  async #run(): Promise<void> {
    let next = this.retryMs;
    try {
      next = await this.work();
    } catch (e) {
      if (!this.#stopped) log('error', `${this.name} failed`, { err: String((e as Error)?.stack ?? e) });
    }
    this.#schedule(next);
  }
}
