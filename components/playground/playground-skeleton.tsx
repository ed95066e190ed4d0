import { Skeleton } from "@/components/ui/skeleton";

/** The two columns of the playground, drawn while the form reads the URL. */
export function PlaygroundSkeleton() {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(340px,400px)_1fr] lg:gap-8">
      <Skeleton className="h-[640px] rounded-2xl" />
      <Skeleton className="h-72 rounded-2xl" />
    </div>
  );
}
