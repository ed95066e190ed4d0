import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/playground-api";
import { makeView } from "@/testing/views";
import {
  filtersFromQuery,
  filtersFromRecord,
  filtersToQuery,
  historyHref,
  isFiltered,
  matchesFilters,
  sameFilters,
} from "./history-filters";

const query = (text: string) => new URLSearchParams(text);

const view = (prompt: string, status: PredictionView["status"] = "completed"): PredictionView =>
  makeView({ status, input: { prompt } });

describe("history filters and the URL", () => {
  it("reads the search text and a known status", () => {
    expect(filtersFromQuery(query("q=+harbour+&status=failed"))).toEqual({ q: "harbour", status: "failed" });
    expect(filtersFromQuery(query(""))).toEqual({ q: "" });
  });

  it("treats an unknown status as all, and cuts an over-long search to what the API accepts", () => {
    expect(filtersFromQuery(query("status=broken"))).toEqual({ q: "" });
    expect(filtersFromQuery(query(`q=${"a".repeat(600)}`)).q).toHaveLength(500);
  });

  it("reads a server component's search params, taking the first of repeated values", () => {
    expect(filtersFromRecord({ q: ["tram", "bus"], status: "completed", other: "x" })).toEqual({
      q: "tram",
      status: "completed",
    });
    expect(filtersFromRecord({})).toEqual({ q: "" });
  });

  it("writes only what narrows the view, and round-trips", () => {
    expect(historyHref({ q: "  " })).toBe("/history");
    expect(historyHref({ q: "a & b", status: "failed" })).toBe("/history?q=a+%26+b&status=failed");
    const filters = { q: "harbour at dusk", status: "processing" as const };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  it("reads, writes and matches a model filter; an unknown model means all", () => {
    expect(filtersFromQuery(new URLSearchParams("model=max"))).toEqual({ q: "", model: "max" });
    expect(filtersFromQuery(new URLSearchParams("model=ultra"))).toEqual({ q: "" });
    expect(filtersToQuery({ q: "", model: "dev" }).toString()).toBe("model=dev");
    const max = makeView({ input: { model: "max" } });
    expect(matchesFilters(max, { q: "", model: "max" })).toBe(true);
    expect(matchesFilters(max, { q: "", model: "pro" })).toBe(false);
  });

  it("compares filters as the server would apply them", () => {
    expect(sameFilters({ q: "tram " }, { q: "tram" })).toBe(true);
    expect(sameFilters({ q: "tram" }, { q: "tram", status: "failed" })).toBe(false);
    expect(isFiltered({ q: " " })).toBe(false);
    expect(isFiltered({ q: "", status: "created" })).toBe(true);
  });
});

describe("matchesFilters", () => {
  it("finds the search text anywhere in the prompt, ignoring ASCII case like SQLite's LIKE", () => {
    expect(matchesFilters(view("A Harbour at dusk"), { q: "harbour" })).toBe(true);
    expect(matchesFilters(view("A harbour at dusk"), { q: "HARBOUR AT" })).toBe(true);
    expect(matchesFilters(view("A harbour"), { q: "tram" })).toBe(false);
    // Beyond ASCII the server is case-sensitive, and so is the check, or a pushed entry would show the server would not.
    expect(matchesFilters(view("Ärger"), { q: "ärger" })).toBe(false);
    expect(matchesFilters(view("Ärger"), { q: "ÄRGER" })).toBe(true);
  });

  it("takes 100% and _ literally, as the server escapes them", () => {
    expect(matchesFilters(view("100% cotton"), { q: "100%" })).toBe(true);
    expect(matchesFilters(view("1000 cotton"), { q: "100%" })).toBe(false);
    expect(matchesFilters(view("a_b"), { q: "a_b" })).toBe(true);
    expect(matchesFilters(view("axb"), { q: "a_b" })).toBe(false);
  });

  it("keeps only the chosen status", () => {
    expect(matchesFilters(view("x", "failed"), { q: "", status: "failed" })).toBe(true);
    expect(matchesFilters(view("x", "completed"), { q: "", status: "failed" })).toBe(false);
  });
});
