"use client";

import dynamic from "next/dynamic";

/** The before/after, fetched where a run shows one: a page of text-to-image runs never loads it. */
export const BeforeAfterOnDemand = dynamic(() => import("./before-after").then((module) => module.BeforeAfter));
