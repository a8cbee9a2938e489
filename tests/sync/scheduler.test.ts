import { describe, expect, it } from 'vitest';
import { SyncScheduler } from '../../src/sync/scheduler';

function fakeTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      timers.set(next, { fn, ms });
      return next++;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    fire() {
      const all = [...timers.entries()];
      timers.clear();
      all.forEach(([, t]) => t.fn());
      return all.map(([, t]) => t.ms);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sync scheduler', () => {
  it('never overlaps runs; a trigger during a run queues exactly one more', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const scheduler = new SyncScheduler(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      runs += 1;
      await new Promise<void>((r) => (release = r));
      active -= 1;
    }, fakeTimers());
    scheduler.trigger();
    scheduler.trigger();
    scheduler.trigger();
    await tick();
    release();
    await tick();
    release();
    await tick();
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('debounces writes into one run', async () => {
    const timers = fakeTimers();
    let runs = 0;
    const scheduler = new SyncScheduler(() => Promise.resolve(void (runs += 1)), { ...timers, debounceMs: 800 });
    scheduler.soon();
    scheduler.soon();
    scheduler.soon();
    expect(timers.timers.size).toBe(1);
    expect(timers.fire()).toEqual([800]);
    await tick();
    expect(runs).toBe(1);
  });

  it('backs off exponentially after failures, up to a cap, and resets after a success', async () => {
    const timers = fakeTimers();
    let fail = true;
    const scheduler = new SyncScheduler(() => (fail ? Promise.reject(new Error('offline')) : Promise.resolve()), {
      ...timers,
      minBackoffMs: 1000,
      maxBackoffMs: 5000,
    });
    const delays: number[] = [];
    scheduler.trigger();
    for (let i = 0; i < 5; i += 1) {
      await tick();
      delays.push(...timers.fire());
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000]);
    await tick();
    fail = false;
    expect(timers.fire()).toEqual([5000]);
    await tick();
    expect(scheduler.failures).toBe(0);
    expect(timers.timers.size).toBe(0); // no retry pending after a success
  });

  it('syncs when the browser comes back online or the app becomes visible', async () => {
    let runs = 0;
    const scheduler = new SyncScheduler(() => Promise.resolve(void (runs += 1)), fakeTimers());
    const stop = scheduler.listen(window);
    window.dispatchEvent(new Event('online'));
    await tick();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await tick();
    expect(runs).toBe(2);
    stop();
    window.dispatchEvent(new Event('online'));
    await tick();
    expect(runs).toBe(2);
  });
});
