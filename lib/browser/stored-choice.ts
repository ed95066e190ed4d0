/**
 * A choice remembered in this browser (localStorage), as a tiny external store for
 * useSyncExternalStore. The server and the first paint see `fallback`.
 */
export function storedChoice<T extends string>(key: string, choices: readonly T[], fallback: T) {
  const listeners = new Set<() => void>();
  const read = (): T => {
    try {
      const value = window.localStorage.getItem(key);
      return choices.includes(value as T) ? (value as T) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get: read,
    getServer: () => fallback,
    set(value: T) {
      try {
        window.localStorage.setItem(key, value);
      } catch {
        // Storage refused (private mode, quota): the choice lasts for this page only.
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const DENSITIES = ["comfortable", "compact"] as const;
export type Density = (typeof DENSITIES)[number];
/** How densely the playground lists its runs. */
export const densityChoice = storedChoice<Density>("kontext.density", DENSITIES, "comfortable");
