import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/** Spans go out in batches this often: soon enough to follow a run, few enough requests to the collector. */
const EXPORT_EVERY_MS = 2_000;

export type TracingConfig = {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; traces go to `/v1/traces` under it. */
  endpoint: string;
  /** OTEL_EXPORTER_OTLP_HEADERS, as `name=value,name=value`. */
  headers?: string;
  serviceName: string;
};

/**
 * Registers OpenTelemetry's tracer provider for this process, exporting over OTLP/HTTP (JSON). Next's
 * own spans (every request, each route handler) and the playground's (each upstream call, each
 * store write, the mirror) then go to the collector. Loaded only when tracing is on, so a server
 * without OTEL_EXPORTER_OTLP_ENDPOINT never loads the SDK. Returns what flushes and ends it at a stop.
 */
export function startTracing(config: TracingConfig): () => Promise<void> {
  const exporter = new OTLPTraceExporter({ url: `${config.endpoint}/v1/traces`, headers: parseHeaders(config.headers) });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: EXPORT_EVERY_MS })],
  });
  provider.register();
  return () => provider.shutdown();
}

function parseHeaders(text: string | undefined): Record<string, string> {
  if (!text) return {};
  return Object.fromEntries(
    text.split(",").map((pair) => {
      const at = pair.indexOf("=");
      return [decodeURIComponent(pair.slice(0, at).trim()), decodeURIComponent(pair.slice(at + 1).trim())];
    }),
  );
}
