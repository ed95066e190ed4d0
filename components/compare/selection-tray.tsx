"use client";

import { lazyPart } from "@/components/ui/lazy-part";
import { useSelection } from "@/hooks/use-selection";

// Most visits never pick an image to compare: the tray loads with the first one picked.
const SelectionTrayPanel = lazyPart(() => import("./selection-tray-panel").then((module) => module.SelectionTrayPanel));

/** What is picked for a compare, on every page, and the way to the compare. */
export function SelectionTray() {
  const items = useSelection();
  return items.length === 0 ? null : <SelectionTrayPanel items={items} />;
}
