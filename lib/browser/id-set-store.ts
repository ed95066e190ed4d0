/**
 * A set of ids as a tiny external store for useSyncExternalStore: each change makes a new set,
 * so components re-render when, and only when, it changed.
 */
export function idSetStore() {
  let current: ReadonlySet<string> = new Set();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of listeners) listener();
  };
  const empty: ReadonlySet<string> = new Set();
  return {
    get: () => current,
    getServer: () => empty,
    has: (id: string) => current.has(id),
    add(id: string) {
      if (current.has(id)) return;
      current = new Set(current).add(id);
      emit();
    },
    remove(id: string) {
      if (!current.has(id)) return;
      const next = new Set(current);
      next.delete(id);
      current = next;
      emit();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Flagged images a person chose to see (`<run id>.<image index>`), everywhere on the page: cards, lightbox, grids. */
export const revealedImages = idSetStore();
export const imageKey = (id: string, index: number) => `${id}.${index}`;

/** Runs deleted a moment ago whose delete can still be undone: hidden everywhere, files still there. */
export const pendingDeletes = idSetStore();

/** Failed runs put out of sight in this tab. */
export const dismissedRuns = idSetStore();
