import { DENSITY_COOKIE, type Density, densityOf } from "../playground-names";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

const readCookie = (name: string) =>
  document.cookie
    .split("; ")
    .find((entry) => entry.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/**
 * A choice remembered in this browser in a cookie, as a tiny external store for
 * useSyncExternalStore. The server reads the same cookie, so the first paint already shows it.
 */
function cookieChoice<T extends string>(name: string, parse: (value: string | undefined) => T) {
  const listeners = new Set<() => void>();
  return {
    get: () => parse(readCookie(name)),
    set(value: T) {
      // biome-ignore lint/suspicious/noDocumentCookie: one fixed name and a value from a closed list; every browser has it, where the Cookie Store API is newer.
      document.cookie = `${name}=${value}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** How densely the playground lists its runs. */
export const densityChoice = cookieChoice<Density>(DENSITY_COOKIE, densityOf);
