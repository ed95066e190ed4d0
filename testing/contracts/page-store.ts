import { afterEach, describe, expect, it } from "vitest";
import { PAGE_MAX_AGE_MS, type PageStore } from "@/lib/pages/page-store";

/**
 * What every PageStore must do, run against each implementation. `open` gives two stores on the
 * same place: two instances (or the two parts of one process) that must see each other's pages.
 */
export function describePageStoreContract(name: string, open: () => Promise<[PageStore, PageStore]>) {
  describe(`PageStore contract: ${name}`, () => {
    const opened: PageStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    const pair = async () => {
      const stores = await open();
      opened.push(...stores);
      return stores;
    };
    const page = (body: string, storedAt = Date.now()) => ({ body, storedAt, cacheControl: { revalidate: 60, expire: 86_460 } });

    it("gives back a page as it was kept, to the other store too, and the latest under a key with a new version", async () => {
      const [a, b] = await pair();
      expect(await b.get("/p/one")).toBeUndefined();
      expect(await b.version("/p/one")).toBeUndefined();
      const first = await a.put("/p/one", "one", page("<html>first</html>", 1_000_000));
      expect(await b.get("/p/one")).toEqual({ ...page("<html>first</html>", 1_000_000), version: first });
      expect(await b.version("/p/one")).toBe(first);
      const second = await b.put("/p/one", "one", page("<html>second</html>", 1_000_000));
      expect(second).not.toBe(first);
      expect(await a.get("/p/one")).toMatchObject({ body: "<html>second</html>", version: second });
      expect(await a.version("/p/one")).toBe(second);
      const bare = await a.put("/p/bare", "bare", { body: "x", storedAt: 3_000_000 });
      expect(await b.get("/p/bare")).toEqual({ body: "x", storedAt: 3_000_000, cacheControl: undefined, version: bare });
    });

    it("forgets every page of the runs named, and only those", async () => {
      const [a, b] = await pair();
      await a.put("/p/one", "one", page("1"));
      await a.put("/rsc/p/one", "one", page("1 again"));
      await a.put("/p/two", "two", page("2"));
      await a.put("/p/three", "three", page("3"));
      await b.forget(["one", "three", "absent"]);
      await b.forget([]);
      expect(await a.get("/p/one")).toBeUndefined();
      expect(await a.version("/p/one")).toBeUndefined();
      expect(await a.get("/rsc/p/one")).toBeUndefined();
      expect(await a.get("/p/three")).toBeUndefined();
      expect((await a.get("/p/two"))?.body).toBe("2");
    });

    it("lets pages past their lifetime go when another is kept", async () => {
      const [a] = await pair();
      const now = Date.now();
      await a.put("/p/old", "old", page("old", now - PAGE_MAX_AGE_MS - 1_000));
      await a.put("/p/recent", "recent", page("recent", now - 1_000));
      await a.put("/p/new", "new", page("new", now));
      expect(await a.get("/p/old")).toBeUndefined();
      expect((await a.get("/p/recent"))?.body).toBe("recent");
    });
  });
}
