"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import { type Density, densityChoice } from "@/lib/browser/stored-choice";

/** The density the playground's run list was asked for, remembered in this browser. */
export function useStoredDensity(): [Density, (density: Density) => void] {
  const density = useSyncExternalStore(densityChoice.subscribe, densityChoice.get, densityChoice.getServer);
  return [density, densityChoice.set];
}

/** The density cards are drawn at, from the list around them. */
export const DensityContext = createContext<Density>("comfortable");
export const useDensity = () => useContext(DensityContext);
