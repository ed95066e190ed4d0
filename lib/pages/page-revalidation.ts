import type { EventBus, PredictionEvent } from "../events/event-bus";
import { log } from "../log";
import type { PageStore } from "./page-store";

/** The runs whose share pages show what an event changed: the run itself, and its parent, which lists it. */
export function runsShowing(event: PredictionEvent): string[] {
  if (event.type === "resync") return [];
  const [id, parentId] =
    event.type === "deleted" ? [event.id, event.parentId] : [event.record.id, event.record.lineage?.parentId];
  return parentId ? [id, parentId] : [id];
}

/** Every run of a thread: each page of a chain of edits draws the whole thread's tree. */
export type ThreadRuns = (threadId: string) => Promise<string[]>;

/** What a change of a run made from another shows beyond its own and its parent's page: its whole thread's pages. */
async function pagesShowing(event: PredictionEvent, threadRuns?: ThreadRuns): Promise<string[]> {
  const runs = runsShowing(event);
  if (!threadRuns || event.type !== "updated" || !event.record.lineage?.parentId) return runs;
  return [...new Set([...runs, ...(await threadRuns(event.record.threadId))])];
}

/**
 * The event bus, with the cached share pages a change shows forgotten as the change is published,
 * before anyone hears of it. So the view that follows a note, a star, a new run made from another or
 * a delete, on any instance, renders the page afresh: the store is shared, and forgetting is done
 * by the instance that made the change, before its answer (a subscriber on PostgreSQL would hear
 * its own instance's changes only after a round trip). Pages of runs changed in the background
 * (a run of the family finishing) are forgotten the same way.
 */
export function forgettingChangedPages(bus: EventBus, pages: PageStore, threadRuns?: ThreadRuns): EventBus {
  return {
    async publish(event) {
      await pagesShowing(event, threadRuns)
        .then((runs) => pages.forget(runs))
        .catch((error: unknown) => log.warn("cached share pages could not be forgotten", { error: String(error) }));
      await bus.publish(event);
    },
    subscribe: (listener) => bus.subscribe(listener),
    get subscriberCount() {
      return bus.subscriberCount;
    },
    close: () => bus.close(),
  };
}
