import { describe, expect, it } from "vitest";
import { formatDateTime, formatPriceRange, formatWhen } from "./format";

const now = Date.parse("2026-12-01T12:00:00Z");

describe("formatWhen", () => {
  it("is relative within the last day", () => {
    expect(formatWhen("2026-12-01T11:59:30Z", now)).toBe("just now");
    expect(formatWhen("2026-12-01T11:55:00Z", now)).toBe("5 min ago");
    expect(formatWhen("2026-12-01T09:00:00Z", now)).toBe("3 h ago");
  });

  it("gives older times in the viewer's time zone", () => {
    const tokyo = formatWhen("2026-11-20T23:30:00Z", now, "Asia/Tokyo");
    const utc = formatWhen("2026-11-20T23:30:00Z", now, "UTC");
    expect(tokyo).toContain("21");
    expect(utc).toContain("20");
    expect(tokyo).not.toBe(utc);
  });

  it("gives back what it cannot read", () => {
    expect(formatWhen("yesterday", now)).toBe("yesterday");
  });
});

describe("formatDateTime", () => {
  it("writes one moment in the zone asked for, and says so for UTC", () => {
    expect(formatDateTime("2026-11-20T23:30:00Z", "UTC")).toMatch(/20.*UTC$/);
    expect(formatDateTime("2026-11-20T23:30:00Z", "Asia/Tokyo")).toContain("21");
  });
});

describe("formatPriceRange", () => {
  it("writes one price once, and a range from the lower to the higher, joined as asked", () => {
    expect(formatPriceRange({ from: 0.04, to: 0.04 })).toBe("$0.04");
    expect(formatPriceRange({ from: 0.02, to: 0.025 })).toBe("$0.02–$0.025");
    expect(formatPriceRange({ from: 0.02, to: 0.025 }, " to ")).toBe("$0.02 to $0.025");
  });
});
