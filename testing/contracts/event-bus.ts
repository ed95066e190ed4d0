import { afterEach, describe, expect, it } from "vitest";
import type { EventBus, PredictionEvent } from "@/lib/events/event-bus";

/**
 * What every EventBus must do, run against each implementation. `open` gives
 * two buses on one channel: for an in-process bus, the same one twice; for a
 * networked bus, two instances that must hear each other.
 */
export function describeEventBusContract(name: string, open: () => Promise<[EventBus, EventBus]>) {
  describe(`EventBus contract: ${name}`, () => {
    const opened: EventBus[] = [];
    afterEach(async () => {
      for (const bus of new Set(opened.splice(0))) await bus.close();
    });
    const pair = async () => {
      const buses = await open();
      opened.push(...buses);
      return buses;
    };
    const deleted = (id: string): PredictionEvent => ({ type: "deleted", id });
    const heard = (bus: EventBus) => {
      const events: PredictionEvent[] = [];
      const unsubscribe = bus.subscribe((event) => events.push(event));
      return { events, unsubscribe };
    };

    it("delivers each event to every subscriber, in order, on both ends", async () => {
      const [a, b] = await pair();
      const first = heard(a);
      const second = heard(b);
      for (const id of ["1", "2", "3"]) await a.publish(deleted(id));
      await expect.poll(() => second.events).toEqual(["1", "2", "3"].map(deleted));
      expect(first.events).toEqual(["1", "2", "3"].map(deleted));
    });

    it("stops delivering to a subscriber once it unsubscribes, and counts subscribers", async () => {
      const [a] = await pair();
      const before = a.subscriberCount;
      const one = heard(a);
      const two = heard(a);
      expect(a.subscriberCount).toBe(before + 2);
      one.unsubscribe();
      expect(a.subscriberCount).toBe(before + 1);
      await a.publish(deleted("x"));
      await expect.poll(() => two.events).toEqual([deleted("x")]);
      expect(one.events).toEqual([]);
      two.unsubscribe();
    });

    it("keeps delivering to the others when one subscriber throws", async () => {
      const [a] = await pair();
      a.subscribe(() => {
        throw new Error("a broken listener");
      });
      const good = heard(a);
      await a.publish(deleted("y"));
      await expect.poll(() => good.events).toEqual([deleted("y")]);
    });
  });
}
