"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import { densityChoice } from "@/lib/browser/stored-choice";
import type { Density } from "@/lib/playground-names";

/** The density the playground's run list was asked for, remembered in this browser; `initial` is what the server read. */
export function useStoredDensity(initial: Density): [Density, (density: Density) => void] {
  const density = useSyncExternalStore(densityChoice.subscribe, densityChoice.get, () => initial);
  return [density, densityChoice.set];
}

/** The density cards are drawn at, from the list around them. */
export const DensityContext = createContext<Density>("comfortable");
export const useDensity = () => useContext(DensityContext);
