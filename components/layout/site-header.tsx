import Link from "next/link";
import { SparkIcon } from "@/components/ui/icons";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/85 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <span className="grid size-7 place-items-center rounded-lg bg-accent text-accent-fg">
            <SparkIcon />
          </span>
          <span>Kontext Playground</span>
          <span className="hidden rounded-full border border-border px-2 py-0.5 text-xs font-normal text-fg-muted sm:inline">
            FLUX.1 Kontext [pro]
          </span>
        </Link>
        <ThemeToggle />
      </div>
    </header>
  );
}
