import { describe, expect, it } from "vitest";
import { formatLocalTime } from "./relative-time";

const now = Date.parse("2026-12-01T12:00:00Z");

describe("formatLocalTime", () => {
  it("is relative within the last day", () => {
    expect(formatLocalTime("2026-12-01T11:59:30Z", now)).toBe("just now");
    expect(formatLocalTime("2026-12-01T11:55:00Z", now)).toBe("5 min ago");
    expect(formatLocalTime("2026-12-01T09:00:00Z", now)).toBe("3 h ago");
  });

  it("gives older times in the viewer's time zone", () => {
    const tokyo = formatLocalTime("2026-11-20T23:30:00Z", now, "Asia/Tokyo");
    const utc = formatLocalTime("2026-11-20T23:30:00Z", now, "UTC");
    expect(tokyo).toContain("21");
    expect(utc).toContain("20");
    expect(tokyo).not.toBe(utc);
  });

  it("gives back what it cannot read", () => {
    expect(formatLocalTime("yesterday", now)).toBe("yesterday");
  });
});
