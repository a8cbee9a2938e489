import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie liveQuery read as a rune: `.current` re-reads when the tables it touched change. It
 * subscribes only while something reactive reads it, and unsubscribes when that goes away.
 */
export class Live<T> {
  #value = $state.raw<T>() as T;
  #error = $state.raw<unknown>(undefined);
  #loaded = $state(false);
  #subscribe: () => void;

  constructor(query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.#subscribe = createSubscriber(() => {
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          this.#value = value;
          this.#loaded = true;
          this.#error = undefined;
        },
        error: (error: unknown) => {
          this.#error = error;
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  get current(): T {
    this.#subscribe();
    return this.#value;
  }

  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
