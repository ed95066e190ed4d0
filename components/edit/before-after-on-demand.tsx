"use client";

import { onDemand } from "@/components/ui/on-demand";

/** The before/after, fetched where a run shows one: a page of text-to-image runs never loads it. */
export const BeforeAfterOnDemand = onDemand(() => import("./before-after").then((module) => module.BeforeAfter));
