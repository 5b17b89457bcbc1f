import type { EventBus } from './bus.ts';
import type { GatewayEvent } from './outbox.ts';

const MAX_QUEUED = 10_000;

/**
 * An async iterator over bus events matching `filter`, optionally preceded by `first` (a snapshot).
 * Subscribes before the caller reads the snapshot, so nothing falls between the two; events at or
 * below `after()` (the snapshot's sequence) are skipped. Unsubscribes when the consumer stops.
 */
export function eventStream<T extends { sequence: number }>(
  bus: EventBus,
  filter: (e: GatewayEvent) => boolean,
  snapshot?: () => Promise<T | null>,
): AsyncIterableIterator<T | GatewayEvent> {
  const queue: (T | GatewayEvent)[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let after = -1;
  let ready = !snapshot;
  const unsubscribe = bus.subscribe(filter, (e) => {
    if (queue.length >= MAX_QUEUED) queue.shift();
    queue.push(e);
    wake?.();
  });
  const start = snapshot
    ? snapshot().then((s) => {
        if (s) {
          after = s.sequence;
          queue.unshift(s);
        }
        ready = true;
      })
    : Promise.resolve();
  const finish = () => {
    done = true;
    unsubscribe();
    wake?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      await start;
      while (!done) {
        while (ready && queue.length) {
          const e = queue.shift()!;
          if ((e as { type?: string }).type !== 'INTENT_STATE' && e.sequence <= after) continue;
          return { value: e, done: false };
        }
        await new Promise<void>((r) => (wake = r));
        wake = null;
      }
      return { value: undefined, done: true };
    },
    async return() {
      finish();
      return { value: undefined, done: true };
    },
    async throw(err) {
      finish();
      throw err;
    },
  };
}
