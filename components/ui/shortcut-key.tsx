"use client";

import { useEffect, useState } from "react";
import { lazyPart } from "@/components/ui/lazy-part";

// The list itself loads the first time someone asks for it.
const ShortcutSheet = lazyPart(() => import("./shortcut-sheet").then((module) => module.ShortcutSheet));

// Typing a question mark in a field is text, not a request for help.
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** `?` anywhere (outside a field and any open dialog) opens the list of keyboard shortcuts. */
export function ShortcutKey() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return open ? <ShortcutSheet onClose={() => setOpen(false)} /> : null;
}
