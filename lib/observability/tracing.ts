import 'server-only';
import { trace, type TracerProvider } from '@opentelemetry/api';
import type { NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';

// Traces, when OTEL_EXPORTER_OTLP_ENDPOINT names a collector: instrumentation.ts starts this
// before the first request, and Next.js then records a span for every request, render and route
// handler through the OpenTelemetry API. The exporter reads the standard OTEL_* variables
// (endpoint, headers, timeout); OTEL_SERVICE_NAME names the service (default "sesame"). The SDK
// is loaded only then.

let provider: NodeTracerProvider | undefined;

/** Registers the process's tracer provider; `exporter` is for tests (an in-memory one). */
export async function startTracing(exporter?: SpanExporter): Promise<TracerProvider> {
  if (provider) return provider;
  const { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || 'sesame' }),
    // Exported in batches in production; a test's exporter sees each span as it ends.
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}

/**
 * Sends the spans not yet exported and stops, at shutdown. The provider is found through the
 * OpenTelemetry API, which holds it for the whole process: the server calling this and the
 * instrumentation hook that started it are bundled apart.
 */
export async function stopTracing(): Promise<void> {
  const registered = trace.getTracerProvider() as TracerProvider & { getDelegate?: () => TracerProvider };
  const delegate = registered.getDelegate?.() as Partial<NodeTracerProvider> | undefined;
  await delegate?.shutdown?.();
}
