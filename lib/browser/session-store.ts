import type { SessionView } from "@/lib/playground-api";
import { sessionApi } from "./session-api";

/**
 * Who this browser is, as the server said: asked once per page load (again after a failed ask), and
 * written by sign-in and sign-out. A tiny external store for useSyncExternalStore, so every page (a
 * guest's share page too) knows it without a query cache.
 */
let current: SessionView | undefined;
let asking: Promise<void> | undefined;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

export const sessionStore = {
  get: () => current,
  getServer: (): SessionView | undefined => undefined,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  load(): Promise<void> {
    asking ??= sessionApi.get().then(
      (view) => sessionStore.set(view),
      () => {
        asking = undefined;
      },
    );
    return asking;
  },
  set(view: SessionView) {
    current = view;
    emit();
  },
};
