/**
 * OpenTelemetry traces, off unless an OTLP endpoint is configured (the standard OTEL_* variables,
 * read by src/config.ts). One trace per event and endpoint: the ingest (HTTP, inbound, Kafka),
 * the workflow's start and its attempts (Temporal's interceptors, which carry the context in
 * Temporal headers), the workflow (workflows/tracing.ts), and the outbound request, which sends
 * `traceparent` on.
 *
 * Temporal's interceptors come in two packages: `@temporalio/interceptors-opentelemetry` on
 * OpenTelemetry JS 1.x, and `-v2` on 2.x, which is experimental, lags the SDK (its peers are an
 * older SDK than ours) and warns that its histories do not replay under the other. This is the
 * 1.x one, with the OpenTelemetry packages pinned to their 1.x line; changing later means a
 * patch for every history already written.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingSettings {
  /** Where spans go: an OTLP/HTTP traces URL (…/v1/traces). */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
}

export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

let installed: Tracing | undefined;

/** Called once per process, before anything traced runs; the first call decides. */
export function installTracing(settings: TracingSettings | undefined): Tracing | undefined {
  if (installed || !settings) return installed;
  const resource = new Resource({ 'service.name': settings.serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.url, headers: settings.headers }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The W3C trace context propagator and an AsyncLocalStorage context: `traceparent` in and out.
  provider.register();
  installed = { resource, spanProcessor, shutdown: () => provider.shutdown() };
  return installed;
}

export function tracingInstalled(): Tracing | undefined {
  return installed;
}

const tracer = () => trace.getTracer('switchyard');

/**
 * Runs `work` inside a span: the current one while it runs (so what it starts is its child), ended
 * when it settles. Without tracing, the API's no-op span costs next to nothing.
 */
export async function traced<T>(name: string, kind: SpanKind, attributes: Record<string, string | number>, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs `work` in the context of the trace a request's `traceparent` names (a producer's), if any. */
export function withIncomingTrace<T>(headers: Record<string, string | string[] | undefined>, work: () => T): T {
  return context.with(propagation.extract(context.active(), headers), work);
}

/** The current trace's `traceparent` (and `tracestate`), to send on with a request; {} without tracing. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

export { SpanKind, SpanStatusCode };
