/**
 * Workflow tracing without OpenTelemetry in the sandbox. The workflow's span ("RunWorkflow:<type>")
 * continues the trace its start carried in the `_tracer-data` header (what Temporal's OTel client
 * interceptor writes); its id is drawn from the workflow's seeded random, so a replay names it the
 * same; each activity it schedules carries it on, so the attempt's span (Temporal's OTel activity
 * interceptor, outside the sandbox) hangs off it. The span leaves through the worker's `exporter`
 * sink (makeWorkflowExporter). Temporal's own workflow interceptors would load the OTel SDK into
 * every workflow and put the sandbox under async hooks, which made tracing cost more than the
 * deliveries themselves.
 */
import {
  defaultPayloadConverter,
  ContinueAsNew,
  proxySinks,
  uuid4,
  workflowInfo,
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type Sinks,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

const TRACE_HEADER = '_tracer-data';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** OTel's SpanKind.INTERNAL, SpanStatusCode.OK and ERROR. */
const INTERNAL = 0;
const OK = 1;
const ERROR = 2;

/** The span as makeWorkflowExporter's sink takes it (SerializableSpan of @temporalio/interceptors-opentelemetry). */
interface ExportedSpan {
  name: string;
  kind: number;
  spanContext: { traceId: string; spanId: string; traceFlags: number };
  parentSpanId: string;
  startTime: [number, number];
  endTime: [number, number];
  status: { code: number; message?: string };
  attributes: Record<string, string>;
  links: [];
  events: [];
  duration: [number, number];
  ended: true;
  droppedAttributesCount: 0;
  droppedLinksCount: 0;
  droppedEventsCount: 0;
  instrumentationLibrary: { name: string };
}

interface TracingSinks extends Sinks {
  exporter: { export(spans: ExportedSpan[]): void };
}

interface SpanContext {
  traceId: string;
  spanId: string;
  flags: string;
}

/** The trace a start carried, or undefined when it carried none. */
export function startedTrace(headers: WorkflowExecuteInput['headers']): { traceId: string; parentSpanId: string; flags: string } | undefined {
  const payload = headers[TRACE_HEADER];
  if (!payload) return undefined;
  const carrier = defaultPayloadConverter.fromPayload<{ traceparent?: string }>(payload);
  const match = TRACEPARENT.exec(carrier?.traceparent ?? '');
  return match ? { traceId: match[1]!, parentSpanId: match[2]!, flags: match[3]! } : undefined;
}

const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];

export const interceptors = (): WorkflowInterceptors => {
  let span: SpanContext | undefined;

  const withTrace = <T extends { headers: ActivityInput['headers'] }>(input: T): T =>
    span ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: defaultPayloadConverter.toPayload({ traceparent: `00-${span.traceId}-${span.spanId}-${span.flags}` }) } } : input;

  const inbound: WorkflowInboundCallsInterceptor = {
    async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
      const trace = startedTrace(input.headers);
      if (!trace) return next(input);
      span = { traceId: trace.traceId, spanId: uuid4().replaceAll('-', '').slice(0, 16), flags: trace.flags };
      const startedAt = Date.now();
      let status: ExportedSpan['status'] = { code: OK };
      try {
        return await next(input);
      } catch (error) {
        if (!(error instanceof ContinueAsNew)) status = { code: ERROR, message: error instanceof Error ? error.message : String(error) };
        throw error;
      } finally {
        const endedAt = Date.now();
        proxySinks<TracingSinks>().exporter.export([
          {
            name: `RunWorkflow:${workflowInfo().workflowType}`,
            kind: INTERNAL,
            spanContext: { traceId: span.traceId, spanId: span.spanId, traceFlags: parseInt(span.flags, 16) },
            parentSpanId: trace.parentSpanId,
            startTime: hrTime(startedAt),
            endTime: hrTime(endedAt),
            status,
            attributes: {},
            links: [],
            events: [],
            duration: hrTime(endedAt - startedAt),
            ended: true,
            droppedAttributesCount: 0,
            droppedLinksCount: 0,
            droppedEventsCount: 0,
            instrumentationLibrary: { name: 'switchyard-workflows' },
          },
        ]);
      }
    },
  };

  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input: ActivityInput, next) => next(withTrace(input)),
    scheduleLocalActivity: (input: LocalActivityInput, next) => next(withTrace(input)),
  };

  return { inbound: [inbound], outbound: [outbound] };
};
