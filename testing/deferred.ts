/**
 * A promise and what settles it, for a test that holds something back until it says so (what
 * `Promise.withResolvers` gives from Node 22; the project runs on Node 20 as well).
 */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
