import { afterEach } from "vitest";

/**
 * A suite's way to open fresh, empty stores for a test: each is closed after the test that opened
 * it. Call it inside the suite's `describe`.
 */
export function freshStores<Opened extends { close: () => Promise<void> }>(open: () => Promise<Opened>): () => Promise<Opened> {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  return async () => {
    const opened = await open();
    closers.push(opened.close);
    return opened;
  };
}
