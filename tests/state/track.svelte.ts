import { flushSync } from 'svelte';

/** Reads `read` inside an effect, as a mounted component would, so live queries subscribe. Returns the cleanup. */
export function track(read: () => unknown): () => void {
  const stop = $effect.root(() => {
    $effect(() => {
      read();
    });
  });
  flushSync();
  return stop;
}
