import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startTracing, stopTracing } from '@/lib/observability/tracing';

describe('OpenTelemetry traces', () => {
  const exporter = new InMemorySpanExporter();
  afterAll(() => stopTracing());

  it('records the spans made through the OpenTelemetry API, as Next.js makes them, with the service’s name', async () => {
    await startTracing(exporter);
    const tracer = trace.getTracer('next.js');
    tracer.startActiveSpan('GET /[locale]/login', (span) => {
      tracer.startSpan('render route (app) /[locale]/login').end();
      span.end();
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['render route (app) /[locale]/login', 'GET /[locale]/login']);
    expect(spans[0]!.parentSpanContext?.spanId).toBe(spans[1]!.spanContext().spanId);
    expect(spans[1]!.resource.attributes['service.name']).toBe('sesame');
  });
});
