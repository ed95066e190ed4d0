import type { SessionView } from "@/lib/playground-api";

/** Two booleans, checked by hand so no page loads the schemas for them. */
export const sessionView = (body: unknown): SessionView | undefined => {
  const { owner, signInRequired } = (body ?? {}) as Partial<SessionView>;
  return typeof owner === "boolean" && typeof signInRequired === "boolean" ? { owner, signInRequired } : undefined;
};

/** Every page asks who is looking, with plain fetch: the fetcher and its error mapping load only with sign-in and sign-out. */
async function askSession(): Promise<SessionView> {
  const response = await fetch("/api/session", { headers: { accept: "application/json" } });
  const view = response.ok ? sessionView(await response.json()) : undefined;
  if (!view) throw new Error(`The session check answered ${response.status}`);
  return view;
}

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
    asking ??= askSession().then(
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
