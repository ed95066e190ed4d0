import { describe, expect, it } from "vitest";
import type { HistoryPage, PredictionView } from "@/lib/playground-api";
import { makeView } from "@/testing/views";
import { containsView, dropView, type LoadedPages, missesSweepOf, placeView } from "./history-pages";
import { sweepEntryOf } from "./history-sweeps";

const view = (
  id: string,
  createdAt: string,
  prompt = "harbour",
  status: PredictionView["status"] = "completed",
): PredictionView => makeView({ id, status, createdAt: `2025-01-01T00:00:${createdAt}.000Z`, input: { prompt } });

const totals: HistoryPage["totals"] = { images: { local: 0, wavespeed: 0 }, costUsd: 0 };
const page = (items: PredictionView[], nextCursor: string | null): HistoryPage => ({
  items,
  nextCursor,
  totals,
  threadSizes: {},
  sweeps: {},
});
const loaded = (...pages: HistoryPage[]): LoadedPages => ({
  pages,
  pageParams: pages.map((_, index) => (index ? `c${index}` : undefined)),
});
const ids = (data: LoadedPages) => data.pages.map((p) => p.items.map((item) => item.id));

describe("placeView", () => {
  it("replaces a listed prediction in place, even once it no longer matches the filters", () => {
    const data = loaded(page([view("b", "20", "harbour", "processing"), view("a", "10")], null));
    const next = placeView(data, view("b", "20", "harbour", "completed"), { q: "", status: "processing" });
    expect(ids(next)).toEqual([["b", "a"]]);
    expect(next.pages[0]?.items[0]?.status).toBe("completed");
  });

  it("inserts a new prediction where the server would list it", () => {
    const data = loaded(page([view("d", "40"), view("b", "20")], "c1"), page([view("a", "10")], null));
    expect(ids(placeView(data, view("e", "50"), { q: "" }))).toEqual([["e", "d", "b"], ["a"]]);
    expect(ids(placeView(data, view("c", "30"), { q: "" }))).toEqual([["d", "c", "b"], ["a"]]);
    // Same second: the larger id comes first.
    expect(ids(placeView(data, view("bb", "20"), { q: "" }))).toEqual([["d", "bb", "b"], ["a"]]);
  });

  it("appends an older one only when every page is loaded", () => {
    const more = loaded(page([view("b", "20")], "c1"));
    expect(placeView(more, view("a", "10"), { q: "" })).toBe(more);
    const all = loaded(page([view("b", "20")], null));
    expect(ids(placeView(all, view("a", "10"), { q: "" }))).toEqual([["b", "a"]]);
    const empty = loaded(page([], null));
    expect(ids(placeView(empty, view("a", "10"), { q: "" }))).toEqual([["a"]]);
  });

  it("leaves out a new prediction the filters exclude", () => {
    const data = loaded(page([view("a", "10")], null));
    expect(placeView(data, view("b", "20", "a tram"), { q: "harbour" })).toBe(data);
    expect(placeView(data, view("b", "20", "harbour", "processing"), { q: "", status: "failed" })).toBe(data);
  });
});

describe("dropView", () => {
  it("removes a deleted prediction from whichever page holds it", () => {
    const data = loaded(page([view("b", "20")], "c1"), page([view("a", "10")], null));
    const next = dropView(data, "a");
    expect(ids(next)).toEqual([["b"], []]);
    expect(containsView(next, "a")).toBe(false);
  });

  it("returns the same data when the prediction was not listed", () => {
    const data = loaded(page([view("b", "20")], null));
    expect(dropView(data, "zzz")).toBe(data);
  });
});

describe("a sweep's cells in a list that folds sweeps", () => {
  const cellView = (id: string, x: number, status: PredictionView["status"] = "processing") =>
    makeView({ id, status, sweep: { id: "s", x, y: 0 }, createdAt: "2025-01-01T00:00:05.000Z" });
  const folded = () => {
    const first = cellView("c0", 0);
    return loaded({
      ...page([view("b", "20"), first, view("a", "01")], null),
      sweeps: { s: sweepEntryOf("s", "u", [first, cellView("c1", 1)]) },
    });
  };

  it("lists a pushed cell under its sweep's entry, not on its own, and says when the entry is missing", () => {
    const data = folded();
    expect(placeView(data, cellView("c1", 1, "completed"), { q: "" })).toBe(data);
    const standing = placeView(data, cellView("c0", 0, "completed"), { q: "" });
    expect(ids(standing)).toEqual([["b", "c0", "a"]]);
    expect(standing.pages[0]?.items[1]?.status).toBe("completed");
    expect(missesSweepOf(data, cellView("c1", 1), { q: "" })).toBe(false);
    const other = makeView({ id: "z", sweep: { id: "t", x: 0, y: 0 } });
    expect(placeView(data, other, { q: "" })).toBe(data);
    expect(missesSweepOf(data, other, { q: "" })).toBe(true);
  });

  it("lists cells on their own in a narrowed list", () => {
    const data = loaded(page([view("b", "20")], null));
    expect(ids(placeView(data, cellView("c1", 1), { q: "", status: "processing" }))).toEqual([["b", "c1"]]);
    expect(missesSweepOf(data, cellView("c1", 1), { q: "", status: "processing" })).toBe(false);
  });
});
