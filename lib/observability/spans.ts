import { type Attributes, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";

/**
 * Runs `work` inside a span when tracing is on (a tracer is given), else just runs it. `work` is
 * called synchronously either way: the SQLite repo runs its statement before its promise settles,
 * which keeps a transaction around it usable.
 */
export function traced<T>(
  tracer: Tracer | undefined,
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!tracer) return work();
  return tracer.startActiveSpan(name, { attributes, kind }, (span) =>
    work().then(
      (result) => {
        span.end();
        return result;
      },
      (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        span.end();
        throw error;
      },
    ),
  );
}
