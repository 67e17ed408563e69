/* Generated from the OpenAPI document (GET /openapi.json) by `npm run client`. Do not edit. */

export interface paths {
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The API reference page
         * @description This document, rendered as an HTML page for people.
         */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the process answers
         * @description Liveness: answers as long as the process serves requests; it checks no dependency.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/in/{sourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a webhook
         * @description Where a third party posts its webhooks: the body is read as raw bytes (any media type) and verified by the source's provider preset, from the provider's own signature headers (Stripe-Signature, X-Hub-Signature-256, X-Shopify-Hmac-Sha256, webhook-signature and the like: README, Inbound webhooks). The answer is a 2xx only once the webhook is durably recorded and routed; a redelivery within the source's dedupe window gets the same answer without a second event. A request that does not verify learns only 401; the reason goes to the source's failures.
         */
        post: operations["receiveInbound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The scrape target, in the Prometheus text exposition format. Only callers from SWITCHYARD_METRICS_ALLOW are answered; others, and every caller when metrics are off, get the 404 of an unknown route.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the dependencies answer
         * @description Readiness: each dependency is checked with a 2-second deadline. Without PostgreSQL the answer is a 503, so a load balancer stops sending; without Temporal it is a 200 that says degraded, since events are still accepted.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The unrevoked keys.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description `full`: every route; `read`: GET routes only; `ingest`: publishing events only.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The project's last key with the full scope cannot be revoked.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/broker-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List broker sources */
        get: operations["listBrokerSources"];
        put?: never;
        /**
         * Create a broker source
         * @description A Kafka topic, a Redis stream, a NATS JetStream stream, an SQS queue, a RabbitMQ queue or a Pub/Sub subscription consumed as events of this project. What it reads and its dead-letter destination must start with one of the project's allowed prefixes for its broker.
         */
        post: operations["createBrokerSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/broker-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a broker source and its consumption
         * @description Adds how consumption goes: the backlog as the broker sees it, and per consumer process its state and throughput. The broker not answering still shows the rest.
         */
        get: operations["getBrokerSource"];
        put?: never;
        post?: never;
        /**
         * Delete a broker source
         * @description Its consumers stop (a Kafka group member leaves its group); the events it brought in stay, and so does its consumer group in the broker.
         */
        delete: operations["deleteBrokerSource"];
        options?: never;
        head?: never;
        /**
         * Change a broker source
         * @description Only the fields sent change. What it reads and its group stay: for another stream, make another source.
         */
        patch: operations["updateBrokerSource"];
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers */
        get: operations["listCustomers"];
        put?: never;
        /** Create a customer */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a customer */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        /**
         * Delete a customer
         * @description Its endpoints are deleted with it; their deliveries stay readable.
         */
        delete: operations["deleteCustomer"];
        options?: never;
        head?: never;
        /**
         * Change a customer
         * @description Only the fields sent change; a null uid removes it.
         */
        patch: operations["updateCustomer"];
        trace?: never;
    };
    "/v1/customers/{id}/portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a customer portal link
         * @description A link that opens the customer portal for this customer, once, until it expires (in an hour unless given).
         */
        post: operations["createPortalSession"];
        /**
         * Revoke a customer's portal sessions
         * @description Ends every live portal session of the customer, and its unused links.
         */
        delete: operations["revokePortalSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deliveries */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a delivery */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend a delivery
         * @description A new delivery of the same event to the same endpoint, with its own workflow and attempts; the original stays as it was.
         */
        post: operations["resendDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List endpoints */
        get: operations["listEndpoints"];
        put?: never;
        /**
         * Create an endpoint
         * @description A URL that receives the events it subscribes to, signed with its secret (generated unless given).
         */
        post: operations["createEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an endpoint */
        get: operations["getEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete an endpoint
         * @description Its pending deliveries are cancelled; its past deliveries stay readable.
         */
        delete: operations["deleteEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change an endpoint
         * @description Only the fields sent change. Its entity workflow takes the new settings at once.
         */
        patch: operations["updateEndpoint"];
        trace?: never;
    };
    "/v1/endpoints/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable an endpoint (its pending deliveries are cancelled) */
        post: operations["disableEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled endpoint */
        post: operations["enableEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's health
         * @description Circuit state, rate, recent outcomes and replays, as its entity workflow holds them.
         */
        get: operations["getEndpointHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause deliveries (they wait, nothing is dropped) */
        post: operations["pauseEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay past deliveries
         * @description Re-delivers the deliveries of events accepted in the range as new deliveries, in the background, at the endpoint's pace.
         */
        post: operations["replayEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/reset-circuit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an endpoint's circuit breaker */
        post: operations["resetEndpointCircuit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused endpoint */
        post: operations["resumeEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description The old secret keeps signing too (a second signature) for the grace period, 24 hours unless given.
         */
        post: operations["rotateEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{id}/rotate-signing-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's v1a signing key
         * @description A new ed25519 key signs the v1a signatures; the old one keeps signing too for the grace period, 24 hours unless given. The private key never leaves Switchyard: the answer is the public keys receivers verify with.
         */
        post: operations["rotateEndpointSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List event types
         * @description Archived ones only with `includeArchived=true`.
         */
        get: operations["listEventTypes"];
        put?: never;
        /**
         * Create an event type
         * @description An example, when given, must pass the schema (a 400 `invalid_request` names where it does not).
         */
        post: operations["createEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event type */
        get: operations["getEventType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an event type
         * @description Only the fields sent change; null clears the schema or the example. The example must pass the schema, each as it will be after the change.
         */
        patch: operations["updateEventType"];
        trace?: never;
    };
    "/v1/event-types/{name}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive an event type
         * @description Out of the list, and its schema no longer checked; the name stays taken. Unarchiving undoes it.
         */
        post: operations["archiveEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types/{name}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unarchive an event type
         * @description Back in the list, its schema checked again.
         */
        post: operations["unarchiveEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description `customerId` (a customer's id or uid) selects that customer's events.
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Publish an event
         * @description Answered once the event and its deliveries are committed, before their workflows start. Goes to the customer's endpoints (`customerId`) or the provider's own, those named (`endpointIds`) or those subscribed to its type. A repeated `idempotencyKey` with the same body answers the first event again and creates nothing.
         */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish events in a batch
         * @description All or none: one event refused refuses the batch, and `details` paths name it (`events.3.payload`). Each event counts against the ingest rate.
         */
        post: operations["publishEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/project": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the key's project
         * @description Its settings, without the operational webhook secret.
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the key's project
         * @description Only the fields sent change. An operational webhook URL set for the first time gets a new secret unless one is given; clearing the URL clears the secret.
         */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project
         * @description The project comes with its first API key, of the full scope.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: operations["adminGetProject"];
        put?: never;
        post?: never;
        /**
         * Delete a project
         * @description At once, its API keys are revoked, its endpoints and sources deleted and its portal sessions ended: nothing more comes in or goes out. Its waiting deliveries are then cancelled and its events, deliveries and attempts removed in small batches in the background; once that is done the project itself is gone (404). Sending the DELETE again is harmless.
         */
        delete: operations["adminDeleteProject"];
        options?: never;
        head?: never;
        /**
         * Set a project's limits
         * @description Its ingest rate and Kafka topic prefixes; only the fields sent change.
         */
        patch: operations["adminUpdateProject"];
        trace?: never;
    };
    "/v1/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sources */
        get: operations["listSources"];
        put?: never;
        /**
         * Create a source
         * @description A URL third parties post webhooks to, verified with the secrets by the provider preset and routed to endpoints of this project.
         */
        post: operations["createSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a source */
        get: operations["getSource"];
        put?: never;
        post?: never;
        /**
         * Delete a source
         * @description Its URL stops taking requests; the events it brought in stay.
         */
        delete: operations["deleteSource"];
        options?: never;
        head?: never;
        /**
         * Change a source
         * @description Only the fields sent change; `secrets`, when sent, replaces all of them.
         */
        patch: operations["updateSource"];
        trace?: never;
    };
    "/v1/sources/{id}/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A source's refused requests
         * @description Why recent requests were refused (a signature that did not verify, an address outside the allow-list), newest first; the provider only hears a 401 or 403. The latest hundred are kept.
         */
        get: operations["listSourceFailures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptedEvent: {
            /** @description One per endpoint the event goes to; a disabled endpoint's is recorded as cancelled. */
            deliveries: {
                endpointId: string;
                id: string;
            }[];
            eventType: string;
            id: string;
        };
        AdminProject: {
            /** @description Per broker, the name prefixes its broker sources may read and dead-letter to; a broker absent: no sources on it; [""]: every name. */
            brokerPrefixes: {
                [key: string]: string[];
            };
            /** Format: date-time */
            createdAt: string;
            /** @description When the project was deleted: its data is being removed, and it is gone once that is done. null: not deleted. */
            deletedAt: string | null;
            /** @description The forward proxy this project's deliveries leave through, over the workers' SWITCHYARD_EGRESS_PROXY, shown without its credentials; null: the workers' own. */
            egressProxy: string | null;
            id: string;
            /** @description Events a second through POST /v1/events; null: the gateway's default. */
            ingestRateLimit: components["schemas"]["RateLimit"] | null;
            name: string;
        };
        ApiKey: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @description Recorded at most once a minute; null: never used. */
            lastUsedAt: string | null;
            name: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            /** @enum {string} */
            scope: "full" | "read" | "ingest";
        };
        Attempt: {
            durationMs: number;
            error: string | null;
            /** @description Why no answer came, or why the answer that began (statusCode) did not count: timeout, connect_refused, dns, tls, connection_reset, invalid_response, egress_blocked, proxy, auth, other. */
            errorClass: string | null;
            /** @description The attempt number, from 1. */
            n: number;
            /** @description The headers sent; the endpoint's custom header values are redacted. */
            requestHeaders: {
                [key: string]: string;
            };
            responseBody: string | null;
            responseHeaders: {
                [key: string]: string;
            } | null;
            /** Format: date-time */
            startedAt: string;
            /** @description The endpoint's HTTP status; null: no answer came (see errorClass). A status with an errorClass: the answer broke off, and the attempt failed. */
            statusCode: number | null;
        };
        BrokerSource: components["schemas"]["KafkaSource"] | components["schemas"]["RedisSource"] | components["schemas"]["NatsSource"] | components["schemas"]["SqsSource"] | components["schemas"]["RabbitmqSource"] | components["schemas"]["PubsubSource"];
        Customer: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            metadata: {
                [key: string]: string;
            };
            name: string;
            /** @description The provider's own id for the customer; null: none given. */
            uid: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        Delivery: {
            attemptCount: number;
            /** Format: date-time */
            createdAt: string;
            endpointId: string;
            eventId: string;
            eventType: string;
            id: string;
            /** @description When the next attempt is due; null: none is scheduled. */
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "pending" | "retrying" | "held" | "succeeded" | "failed" | "cancelled";
            statusReason: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description The delivery's Temporal workflow. */
            workflowId: string;
        };
        Endpoint: {
            /** @description The endpoint's authentication, without its password, token or client secret; null: none. */
            auth: ({
                /** @constant */
                type: "basic";
                username: string;
            } | {
                /** @constant */
                type: "bearer";
            } | {
                audience: string | null;
                clientId: string;
                scope: string | null;
                tokenUrl: string;
                /** @constant */
                type: "oauth2";
            }) | null;
            autoDisableAfter: string | null;
            /** @description Overrides of the circuit breaker's defaults. */
            circuitBreaker: {
                [key: string]: number | string;
            };
            /** Format: date-time */
            createdAt: string;
            /** @description The customer's id; null: one of the provider's own endpoints. */
            customerId: string | null;
            description: string;
            eventTypes: string[];
            filter: {
                [key: string]: unknown;
            } | null;
            /** @description Header names; values are masked. */
            headers: {
                [key: string]: string;
            };
            id: string;
            /** @description Rotated-out keys that still sign, until their grace period ends. */
            previousPublicKeys: {
                /** Format: date-time */
                expiresAt: string;
                publicKey: string;
            }[];
            projectId: string;
            /** @description The whpk_ key that verifies v1a signatures; null on an endpoint made before v1a until its scheme asks for it. */
            publicKey: string | null;
            rateLimit: components["schemas"]["RateLimit"] | null;
            /** @description Where its deliveries leave from: workers started with SWITCHYARD_REGION set to it; null: the default workers. */
            region: string | null;
            retrySchedule: string[] | null;
            /**
             * @description v1: HMAC-SHA256 with the whsec_ secret; v1a: ed25519, verified with publicKey; both: a signature of each.
             * @enum {string}
             */
            signatureScheme: "v1" | "v1a" | "both";
            /** @enum {string} */
            status: "active" | "paused" | "disabled";
            statusReason: string | null;
            timeoutMs: number;
            /** @description Mutual TLS: the client certificate presented (its key is never shown); null: none. */
            tls: {
                certificate: {
                    fingerprint256: string;
                    issuer: string;
                    subject: string;
                    /** Format: date-time */
                    validTo: string;
                } | null;
                /** @description Whether the endpoint's server certificate is checked against CAs of its own rather than the system's. */
                customCa: boolean;
            } | null;
            /** Format: date-time */
            updatedAt: string;
            url: string;
            version: number;
        };
        EndpointHealth: {
            circuit: {
                consecutiveFailures: number;
                halfOpensAt: string | null;
                openedAt: string | null;
                /** @enum {string} */
                state: "closed" | "open" | "half_open";
                trips: number;
            };
            endpointId: string;
            rate: {
                burst: number | null;
                effectivePerSecond: number | null;
                perSecond: number | null;
                retryAfterUntil: string | null;
                slowDowns: {
                    count: number;
                    lastAt: string | null;
                    lowestPerSecond: number | null;
                };
            };
            recent: {
                attempts: number;
                failingSince: string | null;
                failureRatio: number;
                failures: number;
                lastFailureAt: string | null;
                lastSuccessAt: string | null;
                successes: number;
                throttled: number;
                windowSeconds: number;
            };
            replays: components["schemas"]["Replay"][];
            runs: number;
            /** @enum {string} */
            status: "active" | "paused" | "disabled";
            statusReason: string | null;
            totals: {
                exchanges: number;
                failures: number;
                successes: number;
                throttled: number;
            };
            workers: number;
        };
        Error: {
            error: {
                /** @description Stable and machine-readable: each operation lists the codes it can answer. */
                code: string;
                /** @description What was wrong, for the codes that say more (each bad field of a 400). */
                details?: unknown;
                /** @description For people; may change. */
                message: string;
            };
        };
        Event: {
            /** Format: date-time */
            createdAt: string;
            /** @description The customer whose endpoints it went to; null: the provider's own. */
            customerId: string | null;
            eventType: string;
            id: string;
            idempotencyKey: string | null;
            /** @description Inbound webhooks only: where and how it came in. */
            inbound?: {
                contentType: string;
                /** @description The headers it came with; secrets redacted. */
                headers: {
                    [key: string]: string;
                };
                /** @description The provider's delivery id, when it sends one. */
                providerEventId: string | null;
                /** @description The source it came in at; null: that source was deleted. */
                sourceId: string | null;
                verification: {
                    dedupeKey: string;
                    provider: string;
                    verified: boolean;
                };
            };
            /** @description JSON as JSON; an inbound body in another format (a form post) as its text. */
            payload: unknown;
        };
        EventType: {
            archived: boolean;
            /** Format: date-time */
            createdAt: string;
            deprecated: boolean;
            description: string;
            /** @description A payload of this type (it passes the schema); null: none. */
            example: unknown;
            id: string;
            name: string;
            /** @description A JSON Schema (2020-12) the type's payloads must pass when the project validates payloads; null: none. */
            schema: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            updatedAt: string;
        };
        InboundAccepted: {
            /** @description The event the webhook became; for a redelivery within the dedupe window, the one it became the first time. */
            eventId: string;
            /** @constant */
            ok: true;
        };
        KafkaSource: {
            /** @constant */
            broker: "kafka";
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            /** @description The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`. */
            group: string;
            id: string;
            projectId: string;
            topic: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        NatsSource: {
            /** @constant */
            broker: "nats";
            /** @description The durable consumer, inside the project's namespace: `switchyard_<projectId>_<name>`. */
            consumer: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            id: string;
            projectId: string;
            stream: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        PortalSession: {
            /** Format: date-time */
            expiresAt: string;
            /** @enum {string} */
            permissions: "read" | "manage";
            /** @description Opens the portal once; its token is in the URL fragment. */
            url: string;
        };
        Project: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
            noticeEmails: string[];
            /** @description When the oldest event still kept came in; null: there is none. Older than the retention only while a delivery of it has not ended, or an inbound source could still take a retry of it for a duplicate. */
            oldestEventAt: string | null;
            /** @description Where operational notices are posted; null: nowhere. */
            operationalWebhookUrl: string | null;
            portalFrameAncestors: string[];
            /** @description How long events, with their deliveries and attempts, are kept: from 10m to 3650d. */
            retention: string;
            validatePayloads: boolean;
        };
        PubsubSource: {
            /** @constant */
            broker: "pubsub";
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            id: string;
            projectId: string;
            subscription: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        RabbitmqSource: {
            /** @constant */
            broker: "rabbitmq";
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            id: string;
            projectId: string;
            queue: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        RateLimit: {
            burst: number;
            perSecond: number;
        };
        Readiness: {
            /** @description Each dependency by name (postgres, temporal): whether it answered within 2 seconds, and if not, why. */
            checks: {
                [key: string]: {
                    /** @constant */
                    ok: true;
                } | {
                    error: string;
                    /** @constant */
                    ok: false;
                };
            };
            /**
             * @description ready: every dependency answered; degraded: Temporal did not, and events are still accepted (their deliveries start once it is back); unavailable: PostgreSQL did not, and nothing can be accepted.
             * @enum {string}
             */
            status: "ready" | "degraded" | "unavailable";
        };
        RedisSource: {
            /** @constant */
            broker: "redis";
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            /** @description The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`. */
            group: string;
            id: string;
            projectId: string;
            stream: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Replay: {
            error?: string;
            id: string;
            matched?: number;
            /** @description Milliseconds since the epoch. */
            requestedAt: number;
            since: string;
            /** @enum {string} */
            state: "running" | "done" | "failed";
            statuses: ("failed" | "cancelled" | "succeeded")[];
            until: string | null;
        };
        Source: {
            /** @description CIDRs requests must come from; null: anywhere. */
            allowedIps: string[] | null;
            apiKey: {
                header: string;
            } | null;
            /** Format: date-time */
            createdAt: string;
            dedupeWindow: string;
            hmac: {
                /** @enum {string} */
                algorithm: "sha256" | "sha512";
                /** @enum {string} */
                encoding: "hex" | "base64";
                header: string;
                prefix?: string;
                timestampHeader?: string;
            } | null;
            id: string;
            /** @description Where the provider posts: POST /in/{sourceId}. */
            ingestUrl: string;
            name: string;
            projectId: string;
            /** @enum {string} */
            provider: "stripe" | "github" | "shopify" | "slack" | "twilio" | "paddle" | "square" | "gitlab" | "standard-webhooks" | "svix" | "hmac" | "basic-auth" | "api-key";
            /** @description The URL as the provider has it, for providers that sign the URL (Twilio, Square). */
            publicUrl: string | null;
            /** @description Requests a second this source takes, verified or not; null: no limit of its own. */
            rateLimit: components["schemas"]["RateLimit"] | null;
            /** @description What an accepted request is answered; null: 202 {"ok": true, "eventId"}. */
            response: {
                body?: string;
                contentType?: string;
                status: number;
            } | null;
            routes: {
                endpointIds: string[];
                match?: {
                    body?: {
                        [key: string]: unknown;
                    };
                    headers?: {
                        [key: string]: unknown;
                    };
                };
            }[];
            /** @description How many secrets verify requests; the secrets themselves are never shown. */
            secretCount: number;
            /** @description Allowed timestamp age in seconds; null: the provider preset's default. */
            toleranceSeconds: number | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        SourceFailure: {
            /** Format: date-time */
            at: string;
            bodyBytes: number;
            /** @description The request's header names; values are not kept. */
            headerNames: string[];
            reason: string;
        };
        SqsSource: {
            /** @constant */
            broker: "sqs";
            /** Format: date-time */
            createdAt: string;
            /** @description Where messages that cannot be events go, with the reason. */
            deadLetter: string;
            /** @description raw only: the attribute naming the event type; null: `event-type`. */
            eventTypeAttribute: string | null;
            /** @enum {string} */
            format: "envelope" | "raw";
            id: string;
            projectId: string;
            queue: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveInbound: {
        parameters: {
            query?: never;
            header?: {
                /** @description A W3C trace context: with tracing on, the event's trace continues the caller's. */
                traceparent?: string;
            };
            path: {
                /** @description The source's id. */
                sourceId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "*/*": unknown;
                "application/json": unknown;
                "application/x-www-form-urlencoded": {
                    [key: string]: string;
                };
            };
        };
        responses: {
            /** @description Accepted (when the source configures no answer of its own). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundAccepted"];
                };
            };
            /**
             * @description `request_aborted`: The client aborted the request while sending it.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `ip_not_allowed`: The caller's address is outside the source's allow-list. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `source_not_found`: No such inbound source. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unsupported_encoding`: The body has a content-encoding the API does not read. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `rate_limited`: Over the rate limit; Retry-After says when to try again. */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `over_capacity`: The start queue is full; Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Accepted, answered as the source's `response` configures: its status (a 2xx), content type (text/plain unless set) and body (empty unless set). */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                    "application/json": unknown;
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description `not_found`: No such route. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready, or degraded: `checks` says which dependency did not answer, and why. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL did not answer; `checks` says why. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    scope: "full" | "read" | "ingest";
                };
            };
        };
        responses: {
            /** @description The key, with the key itself. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        /** @description The key (sk_…); shown only here. */
                        key: string;
                        /** @description Recorded at most once a minute; null: never used. */
                        lastUsedAt: string | null;
                        name: string;
                        /** @description The first characters of the key, to tell keys apart. */
                        prefix: string;
                        /** @enum {string} */
                        scope: "full" | "read" | "ingest";
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `api_key_not_found`: No such API key in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `last_full_key`: The key is the project's last one with the full scope.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBrokerSources: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of broker sources, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BrokerSource"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createBrokerSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    broker: "kafka";
                    /** @description The topic messages that cannot be events are produced to, with the reason in a header (default: the topic's name with .dlq appended; made when missing). */
                    deadLetter?: string;
                    /** @description raw only: the header naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The consumer group it reads with, inside the project's namespace (default: the source's id); one source per group. */
                    group?: string;
                    /** @description The Kafka topic the source reads. */
                    topic: string;
                } | {
                    /** @constant */
                    broker: "redis";
                    /** @description Where messages that cannot be events go, with the reason (default: the address with .dlq appended). */
                    deadLetter?: string;
                    /** @description raw only: the attribute naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The consumer group it reads with, inside the project's namespace (default: the source's id). */
                    group?: string;
                    /** @description The Redis stream the source reads. */
                    stream: string;
                } | {
                    /** @constant */
                    broker: "nats";
                    /** @description The durable consumer it reads with, inside the project's namespace (default: the source's id). */
                    consumer?: string;
                    /** @description The subject messages that cannot be events are published to, with the reason (default: the stream's name with .dlq appended). */
                    deadLetter?: string;
                    /** @description raw only: the attribute naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The JetStream stream the source reads. */
                    stream: string;
                } | {
                    /** @constant */
                    broker: "sqs";
                    /** @description The queue messages that cannot be events are sent to, with the reason as a message attribute (default: the queue's name with -dlq appended). */
                    deadLetter?: string;
                    /** @description raw only: the attribute naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The SQS queue the source reads (its name, on the operator's SQS endpoint). */
                    queue: string;
                } | {
                    /** @constant */
                    broker: "rabbitmq";
                    /** @description The exchange messages that cannot be events are published to, with the reason in a header (default: the queue's name with .dlq appended; made, with a queue of the same name bound to it, when missing). */
                    deadLetter?: string;
                    /** @description raw only: the attribute naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The RabbitMQ queue the source reads. */
                    queue: string;
                } | {
                    /** @constant */
                    broker: "pubsub";
                    /** @description The topic messages that cannot be events are published to, with the reason as an attribute (default: the subscription's id with -dlq appended; made, with a subscription of the same name, when missing). */
                    deadLetter?: string;
                    /** @description raw only: the attribute naming the event type (null: event-type). */
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format: "envelope" | "raw";
                    /** @description The Pub/Sub subscription the source reads (its id, in the operator's project); it must exist. */
                    subscription: string;
                };
            };
        };
        responses: {
            /** @description The broker source. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerSource"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `broker_name_not_allowed`: A stream or dead-letter name is outside the project's allowed prefixes for its broker.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `broker_group_taken`: Another broker source reads the same stream or queue with this consumer group (a Kafka group: whatever it reads).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBrokerSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The broker source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The broker source, with its consumption. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        broker: "kafka";
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        /** @description The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`. */
                        group: string;
                        id: string;
                        projectId: string;
                        topic: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    } | {
                        /** @constant */
                        broker: "redis";
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        /** @description The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`. */
                        group: string;
                        id: string;
                        projectId: string;
                        stream: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    } | {
                        /** @constant */
                        broker: "nats";
                        /** @description The durable consumer, inside the project's namespace: `switchyard_<projectId>_<name>`. */
                        consumer: string;
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        id: string;
                        projectId: string;
                        stream: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    } | {
                        /** @constant */
                        broker: "sqs";
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        id: string;
                        projectId: string;
                        queue: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    } | {
                        /** @constant */
                        broker: "rabbitmq";
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        id: string;
                        projectId: string;
                        queue: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    } | {
                        /** @constant */
                        broker: "pubsub";
                        consumption: {
                            /** @description From the broker; null when it did not answer. */
                            backlog: {
                                /** @description Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub). */
                                lag: number | null;
                                /** @description The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka. */
                                lastDelivered: string | null;
                                /** @description Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog). */
                                length: number | null;
                                /** @description Kafka only: per partition, the group's committed offset, the high watermark and the lag between them. */
                                partitions?: {
                                    /** @description The next offset the group will read; null until it commits one. */
                                    committedOffset: string | null;
                                    /** @description The offset the next produced message will get. */
                                    highWatermark: string;
                                    /** @description Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit). */
                                    lag: string;
                                    partition: number;
                                }[];
                                /** @description Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
                                pending: number | null;
                            } | null;
                            /** @description The consumer processes that reported in the last 30 seconds. */
                            consumers: {
                                /** @description Kafka only: the partitions it holds. */
                                assigned?: number[];
                                /** @description The consumer process. */
                                consumer: string;
                                deadLettered: number;
                                ingested: number;
                                messagesPerSecond: number;
                                /** @description Why it is paused (the dependency that failed), when it is. */
                                reason?: string;
                                /** Format: date-time */
                                reportedAt: string;
                                /** @enum {string} */
                                state: "running" | "paused";
                            }[];
                            /** @description Why there is no backlog: the broker did not answer. */
                            error?: string;
                            messagesPerSecond: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Where messages that cannot be events go, with the reason. */
                        deadLetter: string;
                        /** @description raw only: the attribute naming the event type; null: `event-type`. */
                        eventTypeAttribute: string | null;
                        /** @enum {string} */
                        format: "envelope" | "raw";
                        id: string;
                        projectId: string;
                        subscription: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `broker_source_not_found`: No such broker source in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteBrokerSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The broker source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `broker_source_not_found`: No such broker source in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateBrokerSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The broker source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    deadLetter?: string;
                    eventTypeAttribute?: string | null;
                    /**
                     * @description envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.
                     * @enum {string}
                     */
                    format?: "envelope" | "raw";
                };
            };
        };
        responses: {
            /** @description The broker source as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerSource"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `broker_name_not_allowed`: A stream or dead-letter name is outside the project's allowed prefixes for its broker.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `broker_source_not_found`: No such broker source in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of customers, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Customer"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metadata?: {
                        [key: string]: string;
                    };
                    name: string;
                    uid?: string;
                };
            };
        };
        responses: {
            /** @description The customer. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `customer_uid_taken`: Another customer of this project has this uid.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's id or uid. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's id or uid. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's id or uid. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    metadata?: {
                        [key: string]: string;
                    };
                    name?: string;
                    uid?: string | null;
                };
            };
        };
        responses: {
            /** @description The customer as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `customer_uid_taken`: Another customer of this project has this uid.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPortalSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's id or uid. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default 1h */
                    expiresIn?: string;
                    /**
                     * @default manage
                     * @enum {string}
                     */
                    permissions?: "read" | "manage";
                    /** Format: uri */
                    returnUrl?: string;
                };
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalSession"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokePortalSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's id or uid. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many sessions were revoked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: number;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description A customer's deliveries (to its endpoints, deleted ones included), by its id or uid. */
                customerId?: string;
                endpointId?: string;
                eventId?: string;
                eventType?: string;
                limit?: number;
                /** @description Deliveries of events whose payload contains this text (case-sensitive). */
                payloadContains?: string;
                /** @description Deliveries made at or after this time (ISO 8601). */
                since?: string;
                status?: "pending" | "retrying" | "held" | "succeeded" | "failed" | "cancelled";
                /** @description Deliveries made before this time (ISO 8601). */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Delivery"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             *
             *     `invalid_date`: A date in the request is outside the range the API stores.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, with its attempts in order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attemptCount: number;
                        attempts: components["schemas"]["Attempt"][];
                        /** Format: date-time */
                        createdAt: string;
                        endpointId: string;
                        eventId: string;
                        eventType: string;
                        id: string;
                        /** @description When the next attempt is due; null: none is scheduled. */
                        nextAttemptAt: string | null;
                        /** @enum {string} */
                        status: "pending" | "retrying" | "held" | "succeeded" | "failed" | "cancelled";
                        statusReason: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description The delivery's Temporal workflow. */
                        workflowId: string;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `delivery_not_found`: No such delivery in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resendDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The new delivery, started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `delivery_not_found`: No such delivery in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_gone`: The delivery's endpoint was deleted.
             *
             *     `endpoint_disabled`: The delivery's endpoint is disabled; enable it first.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEndpoints: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of endpoints, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Endpoint"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    auth?: ({
                        password: string;
                        /** @constant */
                        type: "basic";
                        username: string;
                    } | {
                        token: string;
                        /** @constant */
                        type: "bearer";
                    } | {
                        audience?: string;
                        clientId: string;
                        clientSecret: string;
                        scope?: string;
                        /** Format: uri */
                        tokenUrl: string;
                        /** @constant */
                        type: "oauth2";
                    }) | null;
                    autoDisableAfter?: string | null;
                    circuitBreaker?: {
                        consecutiveFailures?: number;
                        coolDown?: string;
                        failureRatio?: number;
                        maxCoolDown?: string;
                        minAttempts?: number;
                        probes?: number;
                        window?: string;
                    } | null;
                    customerId?: string | null;
                    description?: string;
                    eventTypes?: string[];
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    headers?: {
                        [key: string]: string;
                    };
                    rateLimit?: unknown | null;
                    region?: string | null;
                    retrySchedule?: string[] | null;
                    secret?: string;
                    /** @enum {string} */
                    signatureScheme?: "v1" | "v1a" | "both";
                    timeoutMs?: number;
                    tls?: {
                        ca?: string;
                        certificate?: string;
                        key?: string;
                    } | null;
                    /** Format: uri */
                    url: string;
                };
            };
        };
        responses: {
            /** @description The endpoint, with its signing secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The endpoint's authentication, without its password, token or client secret; null: none. */
                        auth: ({
                            /** @constant */
                            type: "basic";
                            username: string;
                        } | {
                            /** @constant */
                            type: "bearer";
                        } | {
                            audience: string | null;
                            clientId: string;
                            scope: string | null;
                            tokenUrl: string;
                            /** @constant */
                            type: "oauth2";
                        }) | null;
                        autoDisableAfter: string | null;
                        /** @description Overrides of the circuit breaker's defaults. */
                        circuitBreaker: {
                            [key: string]: number | string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The customer's id; null: one of the provider's own endpoints. */
                        customerId: string | null;
                        description: string;
                        eventTypes: string[];
                        filter: {
                            [key: string]: unknown;
                        } | null;
                        /** @description Header names; values are masked. */
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        /** @description Rotated-out keys that still sign, until their grace period ends. */
                        previousPublicKeys: {
                            /** Format: date-time */
                            expiresAt: string;
                            publicKey: string;
                        }[];
                        projectId: string;
                        /** @description The whpk_ key that verifies v1a signatures; null on an endpoint made before v1a until its scheme asks for it. */
                        publicKey: string | null;
                        rateLimit: components["schemas"]["RateLimit"] | null;
                        /** @description Where its deliveries leave from: workers started with SWITCHYARD_REGION set to it; null: the default workers. */
                        region: string | null;
                        retrySchedule: string[] | null;
                        /** @description The signing secret (whsec_…); shown only here and at rotation. */
                        secret: string;
                        /**
                         * @description v1: HMAC-SHA256 with the whsec_ secret; v1a: ed25519, verified with publicKey; both: a signature of each.
                         * @enum {string}
                         */
                        signatureScheme: "v1" | "v1a" | "both";
                        /** @enum {string} */
                        status: "active" | "paused" | "disabled";
                        statusReason: string | null;
                        timeoutMs: number;
                        /** @description Mutual TLS: the client certificate presented (its key is never shown); null: none. */
                        tls: {
                            certificate: {
                                fingerprint256: string;
                                issuer: string;
                                subject: string;
                                /** Format: date-time */
                                validTo: string;
                            } | null;
                            /** @description Whether the endpoint's server certificate is checked against CAs of its own rather than the system's. */
                            customCa: boolean;
                        } | null;
                        /** Format: date-time */
                        updatedAt: string;
                        url: string;
                        version: number;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `address_not_allowed`: A URL names an address the egress policy blocks (a private, loopback or link-local one).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `customer_not_found`: No such customer in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    auth?: ({
                        password: string;
                        /** @constant */
                        type: "basic";
                        username: string;
                    } | {
                        token: string;
                        /** @constant */
                        type: "bearer";
                    } | {
                        audience?: string;
                        clientId: string;
                        clientSecret: string;
                        scope?: string;
                        /** Format: uri */
                        tokenUrl: string;
                        /** @constant */
                        type: "oauth2";
                    }) | null;
                    autoDisableAfter?: string | null;
                    circuitBreaker?: {
                        consecutiveFailures?: number;
                        coolDown?: string;
                        failureRatio?: number;
                        maxCoolDown?: string;
                        minAttempts?: number;
                        probes?: number;
                        window?: string;
                    } | null;
                    description?: string;
                    eventTypes?: string[];
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    headers?: {
                        [key: string]: string;
                    };
                    rateLimit?: unknown | null;
                    region?: string | null;
                    retrySchedule?: string[] | null;
                    /** @enum {string} */
                    signatureScheme?: "v1" | "v1a" | "both";
                    timeoutMs?: number;
                    tls?: {
                        ca?: string;
                        certificate?: string;
                        key?: string;
                    } | null;
                    /** Format: uri */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description The endpoint as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `address_not_allowed`: A URL names an address the egress policy blocks (a private, loopback or link-local one).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The endpoint's health after the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enableEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The endpoint's health after the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEndpointHealth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The health. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        circuit: {
                            consecutiveFailures: number;
                            halfOpensAt: string | null;
                            openedAt: string | null;
                            /** @enum {string} */
                            state: "closed" | "open" | "half_open";
                            trips: number;
                        };
                        endpointId: string;
                        rate: {
                            burst: number | null;
                            effectivePerSecond: number | null;
                            perSecond: number | null;
                            retryAfterUntil: string | null;
                            slowDowns: {
                                count: number;
                                lastAt: string | null;
                                lowestPerSecond: number | null;
                            };
                        };
                        recent: {
                            attempts: number;
                            failingSince: string | null;
                            failureRatio: number;
                            failures: number;
                            lastFailureAt: string | null;
                            lastSuccessAt: string | null;
                            successes: number;
                            throttled: number;
                            windowSeconds: number;
                        };
                        /** @description The endpoint's region; null: the default workers deliver to it. */
                        region: {
                            name: string;
                            /** @description Workers polling the region's queue now; 0: its deliveries wait until one starts. */
                            workers: number;
                        } | null;
                        replays: components["schemas"]["Replay"][];
                        runs: number;
                        /** @enum {string} */
                        status: "active" | "paused" | "disabled";
                        statusReason: string | null;
                        totals: {
                            exchanges: number;
                            failures: number;
                            successes: number;
                            throttled: number;
                        };
                        workers: number;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pauseEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The endpoint's health after the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Replays are idempotent by range and statuses; a new key runs the same range again. */
                    key?: string;
                    /**
                     * Format: date-time
                     * @description Replays deliveries of events accepted from this time on.
                     */
                    since: string;
                    /** @description Which deliveries to replay; failed and cancelled ones by default. */
                    statuses?: ("failed" | "cancelled" | "succeeded")[];
                    /** Format: date-time */
                    until?: string;
                };
            };
        };
        responses: {
            /** @description The replay, started (or the one already run for this request), and the health. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        health: components["schemas"]["EndpointHealth"];
                        replay: components["schemas"]["Replay"] | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetEndpointCircuit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The endpoint's health after the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resumeEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The endpoint's health after the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `endpoint_command_refused`: The endpoint's state does not allow the command (say, enabling an endpoint that is not disabled).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    gracePeriod?: string;
                };
            };
        };
        responses: {
            /** @description The new secret, and when each old one stops signing. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        previousSecretsExpireAt: string[];
                        secret: string;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateEndpointSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    gracePeriod?: string;
                };
            };
        };
        responses: {
            /** @description The new public key, and the old ones still signing. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        previousPublicKeys: {
                            /** Format: date-time */
                            expiresAt: string;
                            publicKey: string;
                        }[];
                        publicKey: string;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: {
                cursor?: string;
                includeArchived?: "true" | "false";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of event types, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["EventType"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createEventType: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deprecated?: boolean;
                    description?: string;
                    example?: unknown | null;
                    name: string;
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                };
            };
        };
        responses: {
            /** @description The event type. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `event_type_exists`: The project already has an event type of this name.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event type's name (or its id). */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `event_type_not_found`: No such event type in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event type's name (or its id). */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    deprecated?: boolean;
                    description?: string;
                    example?: unknown | null;
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                };
            };
        };
        responses: {
            /** @description The event type as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `event_type_not_found`: No such event type in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    archiveEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event type's name (or its id). */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The event type as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `event_type_not_found`: No such event type in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unarchiveEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event type's name (or its id). */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The event type as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `event_type_not_found`: No such event type in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                eventType?: string;
                limit?: number;
                /** @description Events accepted at or after this time (ISO 8601). */
                since?: string;
                /** @description Events accepted before this time (ISO 8601). */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Event"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             *
             *     `invalid_date`: A date in the request is outside the range the API stores.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description A W3C trace context: with tracing on, the event's trace continues the caller's. */
                traceparent?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId?: string;
                    endpointIds?: string[];
                    eventType: string;
                    idempotencyKey?: string;
                    payload: unknown;
                };
            };
        };
        responses: {
            /** @description The event, accepted, with its deliveries. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedEvent"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `invalid_payload`: A payload does not pass its event type's JSON Schema (with the project's validatePayloads on).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `endpoint_not_found`: No such endpoint in this project.
             *
             *     `customer_not_found`: No such customer in this project.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `idempotency_conflict`: An event with this idempotency key was accepted before with a different body.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `rate_limited`: Over the rate limit; Retry-After says when to try again. */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `over_capacity`: The start queue is full; Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event, with its deliveries (up to 1000, newest first). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The customer whose endpoints it went to; null: the provider's own. */
                        customerId: string | null;
                        deliveries: components["schemas"]["Delivery"][];
                        eventType: string;
                        id: string;
                        idempotencyKey: string | null;
                        /** @description Inbound webhooks only: where and how it came in. */
                        inbound?: {
                            contentType: string;
                            /** @description The headers it came with; secrets redacted. */
                            headers: {
                                [key: string]: string;
                            };
                            /** @description The provider's delivery id, when it sends one. */
                            providerEventId: string | null;
                            /** @description The source it came in at; null: that source was deleted. */
                            sourceId: string | null;
                            verification: {
                                dedupeKey: string;
                                provider: string;
                                verified: boolean;
                            };
                        };
                        /** @description JSON as JSON; an inbound body in another format (a form post) as its text. */
                        payload: unknown;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `event_not_found`: No such event in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    publishEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description A W3C trace context: with tracing on, the event's trace continues the caller's. */
                traceparent?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        customerId?: string;
                        endpointIds?: string[];
                        eventType: string;
                        idempotencyKey?: string;
                        payload: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description The events, accepted, in the order sent. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AcceptedEvent"][];
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `invalid_payload`: A payload does not pass its event type's JSON Schema (with the project's validatePayloads on).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `endpoint_not_found`: No such endpoint in this project.
             *
             *     `customer_not_found`: No such customer in this project.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded.
             *
             *     `idempotency_conflict`: An event with this idempotency key was accepted before with a different body.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `rate_limited`: Over the rate limit; Retry-After says when to try again. */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `over_capacity`: The start queue is full; Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `project_not_found`: No such project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    noticeEmails?: string[];
                    operationalWebhookSecret?: string;
                    operationalWebhookUrl?: string | null;
                    portalFrameAncestors?: string[];
                    /** @description How long events, with their deliveries and attempts, are kept: from 10m to 3650d. */
                    retention?: string;
                    validatePayloads?: boolean;
                };
            };
        };
        responses: {
            /** @description The project as changed, with the operational webhook secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                        noticeEmails: string[];
                        /** @description When the oldest event still kept came in; null: there is none. Older than the retention only while a delivery of it has not ended, or an inbound source could still take a retry of it for a duplicate. */
                        oldestEventAt: string | null;
                        /** @description Signs the operational webhook (whsec_…); null when no URL is set. */
                        operationalWebhookSecret: string | null;
                        /** @description Where operational notices are posted; null: nowhere. */
                        operationalWebhookUrl: string | null;
                        portalFrameAncestors: string[];
                        /** @description How long events, with their deliveries and attempts, are kept: from 10m to 3650d. */
                        retention: string;
                        validatePayloads: boolean;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             *
             *     `address_not_allowed`: A URL names an address the egress policy blocks (a private, loopback or link-local one).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `project_not_found`: No such project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of projects, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AdminProject"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `admin_disabled`: The admin routes are off: the operator has not set SWITCHYARD_ADMIN_KEY. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description The project, with its first API key. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The first API key (sk_…); shown only here. */
                        apiKey: string;
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `admin_disabled`: The admin routes are off: the operator has not set SWITCHYARD_ADMIN_KEY. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project, with what the operator set for it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProject"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `admin_disabled`: The admin routes are off: the operator has not set SWITCHYARD_ADMIN_KEY. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `project_not_found`: No such project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminDeleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project, now with `deletedAt`; its data is being removed. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProject"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `admin_disabled`: The admin routes are off: the operator has not set SWITCHYARD_ADMIN_KEY. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `project_not_found`: No such project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             *
             *     `temporal_unavailable`: A workflow the request needs (the endpoint's, or a project deletion's) could not be reached or started; try again shortly.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminUpdateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    brokerPrefixes?: {
                        [key: string]: string[];
                    };
                    egressProxy?: string | null;
                    ingestRateLimit?: {
                        burst?: number;
                        perSecond: number;
                    } | null;
                };
            };
        };
        responses: {
            /** @description The project as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProject"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `admin_disabled`: The admin routes are off: the operator has not set SWITCHYARD_ADMIN_KEY. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `project_not_found`: No such project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSources: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sources, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Source"][];
                        /** @description The cursor of the next page; null on the last one. */
                        nextCursor: string | null;
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowedIps?: string[] | null;
                    apiKey?: {
                        header: string;
                    } | null;
                    dedupeWindow?: string;
                    hmac?: {
                        /** @enum {string} */
                        algorithm: "sha256" | "sha512";
                        /** @enum {string} */
                        encoding: "hex" | "base64";
                        header: string;
                        prefix?: string;
                        timestampHeader?: string;
                    } | null;
                    name: string;
                    /** @enum {string} */
                    provider: "stripe" | "github" | "shopify" | "slack" | "twilio" | "paddle" | "square" | "gitlab" | "standard-webhooks" | "svix" | "hmac" | "basic-auth" | "api-key";
                    publicUrl?: string | null;
                    rateLimit?: {
                        burst?: number;
                        perSecond: number;
                    } | null;
                    response?: {
                        body?: string;
                        contentType?: string;
                        status: number;
                    } | null;
                    routes?: {
                        endpointIds: string[];
                        match?: {
                            body?: {
                                [key: string]: unknown;
                            };
                            headers?: {
                                [key: string]: unknown;
                            };
                        };
                    }[];
                    secrets: string[];
                    toleranceSeconds?: number | null;
                };
            };
        };
        responses: {
            /** @description The source, with the URL to give the provider. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `endpoint_not_found`: No such endpoint in this project. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The source. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `source_not_found`: No such inbound source. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `source_not_found`: No such inbound source. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    allowedIps?: string[] | null;
                    apiKey?: {
                        header: string;
                    } | null;
                    dedupeWindow?: string;
                    hmac?: {
                        /** @enum {string} */
                        algorithm: "sha256" | "sha512";
                        /** @enum {string} */
                        encoding: "hex" | "base64";
                        header: string;
                        prefix?: string;
                        timestampHeader?: string;
                    } | null;
                    name?: string;
                    /** @enum {string} */
                    provider?: "stripe" | "github" | "shopify" | "slack" | "twilio" | "paddle" | "square" | "gitlab" | "standard-webhooks" | "svix" | "hmac" | "basic-auth" | "api-key";
                    publicUrl?: string | null;
                    rateLimit?: {
                        burst?: number;
                        perSecond: number;
                    } | null;
                    response?: {
                        body?: string;
                        contentType?: string;
                        status: number;
                    } | null;
                    routes?: {
                        endpointIds: string[];
                        match?: {
                            body?: {
                                [key: string]: unknown;
                            };
                            headers?: {
                                [key: string]: unknown;
                            };
                        };
                    }[];
                    secrets?: string[];
                    toleranceSeconds?: number | null;
                };
            };
        };
        responses: {
            /** @description The source as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_request`: The request body does not match the schema; `details` names each bad field.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `source_not_found`: No such inbound source.
             *
             *     `endpoint_not_found`: No such endpoint in this project.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `removed_meanwhile`: Something the request refers to (an event, an endpoint, the project) was deleted while the request was being handled; nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again.
             *
             *     `storage_full`: The gateway's database is out of disk space; nothing was recorded. Retry-After says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSourceFailures: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The source's id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The most recent refusals, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SourceFailure"][];
                    };
                };
            };
            /**
             * @description `invalid_json`: The request body is not valid JSON.
             *
             *     `unreadable_body`: The request body could not be read: its length differs from Content-Length, or it does not decompress as its Content-Encoding says.
             *
             *     `request_aborted`: The client aborted the request while sending it.
             *
             *     `invalid_text`: Text in the request contains the NUL character.
             *
             *     `invalid_path`: The request path is not validly percent-encoded.
             *
             *     `invalid_query`: A query parameter is not valid; `details` names each one.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `unauthorized`: No valid credentials: a missing or unknown key, or a signature that does not verify. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `insufficient_scope`: The API key's scope does not allow this request. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `source_not_found`: No such inbound source. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `payload_too_large`: The request body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `unsupported_media_type`: The body is not sent as application/json.
             *
             *     `unsupported_encoding`: The body has a content-encoding the API does not read.
             *
             *     `unsupported_charset`: The body is not UTF-8.
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `internal_error`: A fault on the server side; it has been logged. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `database_unavailable`: The gateway cannot reach its database; nothing was recorded. Retry-After says when to try again. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
