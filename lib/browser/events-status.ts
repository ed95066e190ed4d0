/**
 * Whether the server-sent event stream is open, as a tiny external store:
 * polling reads it to slow down while pushes arrive, and speed up when not.
 */
let connected = false;
const listeners = new Set<() => void>();

export const eventsStatus = {
  get: () => connected,
  getServer: () => false,
  set(value: boolean) {
    if (value === connected) return;
    connected = value;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
