"use client";

import dynamic from "next/dynamic";
import { useSelection } from "@/hooks/use-selection";

// Most visits never pick an image to compare: the tray loads with the first one picked.
const SelectionTrayPanel = dynamic(() => import("./selection-tray-panel").then((module) => module.SelectionTrayPanel), {
  ssr: false,
});

/** What is picked for a compare, on every page, and the way to the compare. */
export function SelectionTray() {
  const items = useSelection();
  return items.length === 0 ? null : <SelectionTrayPanel items={items} />;
}
