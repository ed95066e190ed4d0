/**
 * Whether this viewer is the owner (`GET /api/session`), read by hand rather than through the
 * shared schemas: every page's shell asks it, so the schema library stays out of pages that need
 * nothing else of it (a guest's share page). Anything but `owner: true` is a guest.
 */
export async function readOwner(signal?: AbortSignal): Promise<{ owner: boolean }> {
  const response = await fetch("/api/session", { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`The session check answered ${response.status}.`);
  const body: unknown = await response.json();
  return { owner: typeof body === "object" && body !== null && (body as { owner?: unknown }).owner === true };
}
