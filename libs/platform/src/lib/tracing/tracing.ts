import { appendFileSync } from 'node:fs';
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry traces (issue 14 item 3) that follow one request across processes: the API opens a span per HTTP
 * request (named after its GraphQL operation), the outbox row written in that request keeps the span's W3C
 * `traceparent`, the relay puts it into the BullMQ job, and the worker that runs the job opens its span as a child
 * of it — one trace from `acceptSubmission` in the API to the fact refresh in a worker.
 *
 * Off unless an exporter is configured (no cost on the hot path otherwise): `OTEL_SPANS_FILE` writes every ended span
 * as a JSON line (diagnosis, tests); an OTLP collector needs `@opentelemetry/exporter-trace-otlp-http` added to the
 * same provider (docs/operations.md, "Traces").
 */
let provider: NodeTracerProvider | null = null;

/** One span as the file exporter writes it. */
export interface SpanLine {
  service: string;
  pid: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  status: string;
  startMs: number;
  durationMs: number;
  attributes: Record<string, unknown>;
}

class JsonLinesExporter implements SpanExporter {
  constructor(private readonly file: string, private readonly service: string) {}

  export(spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    const lines = spans.map((s) => {
      const line: SpanLine = {
        service: this.service, pid: process.pid, traceId: s.spanContext().traceId, spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId ?? null, name: s.name, kind: SpanKind[s.kind], status: SpanStatusCode[s.status.code],
        startMs: s.startTime[0] * 1000 + s.startTime[1] / 1e6, durationMs: s.duration[0] * 1000 + s.duration[1] / 1e6, attributes: { ...s.attributes },
      };
      return JSON.stringify(line);
    });
    try {
      appendFileSync(this.file, lines.join('\n') + '\n');
      done({ code: 0 });
    } catch {
      done({ code: 1 });
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Starts tracing for this process (idempotent); a no-op without an exporter. */
export function initTracing(service: string): boolean {
  if (provider) return true;
  const file = process.env['OTEL_SPANS_FILE'];
  if (!file) return false;
  provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new JsonLinesExporter(file, service))] });
  // The W3C trace-context propagator and an AsyncLocalStorage context manager (spans follow async work).
  provider.register();
  return true;
}

export const tracer = () => trace.getTracer('gdtx-monitor');

/** The W3C traceparent of a span, or undefined when tracing is off (a no-op span). */
export function traceparentOf(span: Span | undefined): string | undefined {
  const c = span?.spanContext();
  if (!c || !isSpanContextValid(c)) return undefined;
  return `00-${c.traceId}-${c.spanId}-0${c.traceFlags & 1}`;
}

/** The traceparent of the span active in this async context (a job's, while it runs). */
export function activeTraceparent(): string | undefined {
  return traceparentOf(trace.getActiveSpan());
}

/** The context whose parent is a W3C traceparent (from a job, an HTTP header), or the root context. */
export function contextFromTraceparent(traceparent: string | undefined | null): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** Runs `work` inside a new span (child of `parent`), ended when it settles, failures recorded on it. */
export async function inSpan<T>(name: string, kind: SpanKind, parent: Context, attributes: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
    throw e;
  } finally {
    span.end();
  }
}

interface TracedRequest {
  method: string;
  path?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  traceSpan?: Span;
  traceparent?: string;
}

/**
 * Express middleware of the API: one SERVER span per request, child of an incoming `traceparent` header, ended when
 * the response is sent. The guard names it after the GraphQL operation and copies its traceparent into the
 * request's tenant context (so the outbox row written by the request carries it).
 */
export function tracingMiddleware(req: TracedRequest, res: { statusCode: number; on(event: 'finish' | 'close', cb: () => void): void }, next: () => void): void {
  if (!provider) return next();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer().startSpan(`HTTP ${req.method} ${req.path ?? req.url ?? ''}`, { kind: SpanKind.SERVER, attributes: { 'http.method': req.method } }, parent);
  req.traceSpan = span;
  req.traceparent = traceparentOf(span);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.status_code', res.statusCode);
    span.end();
  };
  res.on('finish', end);
  res.on('close', end);
  context.with(trace.setSpan(parent, span), next);
}

export { SpanKind };
