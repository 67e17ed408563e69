/** POST /in/{sourceId}: where third parties post their webhooks, verified by signature rather than an API key. */
import { z } from 'zod';
import { TRACEPARENT, type Operation } from '../operation';

const accepted = z
  .object({
    ok: z.literal(true),
    eventId: z.string().meta({ description: 'The event the webhook became; for a redelivery within the dedupe window, the one it became the first time.' }),
  })
  .strict()
  .meta({ id: 'InboundAccepted' });

export const inboundOperations: Operation[] = [
  {
    method: 'post',
    path: '/in/{sourceId}',
    id: 'receiveInbound',
    summary: 'Receive a webhook',
    description:
      "Where a third party posts its webhooks: the body is read as raw bytes (any media type) and verified by the source's provider preset, from the provider's own signature headers (Stripe-Signature, X-Hub-Signature-256, X-Shopify-Hmac-Sha256, webhook-signature and the like: README, Inbound webhooks). " +
      "The answer is a 2xx only once the webhook is durably recorded and routed; a redelivery within the source's dedupe window gets the same answer without a second event. A request that does not verify learns only 401; the reason goes to the source's failures.",
    tag: 'Inbound',
    auth: 'none',
    pathParams: { sourceId: "The source's id." },
    headers: TRACEPARENT,
    rawBody: {
      'application/json': { schema: {} },
      'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
      '*/*': { schema: {} },
    },
    bodyOptional: true,
    answers: {
      202: { description: 'Accepted (when the source configures no answer of its own).', schema: accepted },
      default: {
        description: "Accepted, answered as the source's `response` configures: its status (a 2xx), content type (text/plain unless set) and body (empty unless set).",
        // Any JSON when the configured content type is JSON; otherwise text.
        content: { 'application/json': { schema: {} }, '*/*': { schema: { type: 'string' } } },
      },
    },
    errors: [
      'source_not_found',
      'rate_limited',
      'ip_not_allowed',
      'unauthorized',
      'payload_too_large',
      'request_aborted',
      'unreadable_body',
      'unsupported_encoding',
      'invalid_path',
      'invalid_text',
      'over_capacity',
    ],
  },
];
