/**
 * The images picked for a compare: at most four, kept for the life of the tab
 * (sessionStorage), so a person can pick from the playground, the lightbox and
 * history in turn. A tiny external store for useSyncExternalStore.
 */
export type SelectedImage = { id: string; index: number; thumbUrl: string; prompt: string };

export const MAX_COMPARE = 4;
const KEY = "kontext-compare-selection";
const EMPTY: SelectedImage[] = [];

let current: SelectedImage[] | undefined;
const listeners = new Set<() => void>();

function load(): SelectedImage[] {
  if (current) return current;
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "[]") as SelectedImage[];
    current = Array.isArray(saved) ? saved.slice(0, MAX_COMPARE) : [];
  } catch {
    current = [];
  }
  return current;
}

function save(next: SelectedImage[]) {
  current = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private mode or a full quota: the selection still works for this page.
  }
  for (const listener of listeners) listener();
}

const same = (a: Pick<SelectedImage, "id" | "index">, b: Pick<SelectedImage, "id" | "index">) =>
  a.id === b.id && a.index === b.index;

export const selection = {
  get: () => load(),
  getServer: () => EMPTY,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  has: (image: Pick<SelectedImage, "id" | "index">) => load().some((item) => same(item, image)),
  /** Adds or removes an image; a fifth is not added. Returns whether it is selected now. */
  toggle(image: SelectedImage): boolean {
    const items = load();
    if (items.some((item) => same(item, image))) {
      save(items.filter((item) => !same(item, image)));
      return false;
    }
    if (items.length >= MAX_COMPARE) return false;
    save([...items, image]);
    return true;
  },
  /** Forgets every image of a run (it was deleted). */
  forget(id: string) {
    const items = load();
    if (items.some((item) => item.id === id)) save(items.filter((item) => item.id !== id));
  },
  clear: () => save([]),
};

/** `/compare?i=<id>.<index>&i=…`: the page that lines the images up. */
export const compareHref = (items: Pick<SelectedImage, "id" | "index">[]) =>
  `/compare?${items.map((item) => `i=${encodeURIComponent(`${item.id}.${item.index}`)}`).join("&")}`;
