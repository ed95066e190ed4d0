"use client";

import { lazyPart } from "@/components/ui/lazy-part";

/** The before/after, fetched where a run shows one: a page of text-to-image runs never loads it. */
export const BeforeAfterOnDemand = lazyPart(() => import("./before-after").then((module) => module.BeforeAfter));
