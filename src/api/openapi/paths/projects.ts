/** /v1/project: the calling project's settings; /v1/projects: the operator's routes (admin key). */
import { z } from 'zod';
import { brokerPrefixesSchema } from '../../../brokers/source-schema';
import { updateOperatorSettingsSchema } from '../../../projects/operator-settings';
import { updateProjectSchema } from '../../routes/project';
import { retentionSchema } from '../../../retention/policy';
import { createProjectSchema, listProjectsQuery } from '../../routes/projects';
import type { Operation } from '../operation';
import { pageOf, rateLimit, timestamp } from '../shapes';

export const project = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: timestamp,
    operationalWebhookUrl: z.string().nullable().meta({ description: 'Where operational notices are posted; null: nowhere.' }),
    noticeEmails: z.array(z.string()),
    validatePayloads: z.boolean(),
    portalFrameAncestors: z.array(z.string()),
    retention: retentionSchema,
    oldestEventAt: timestamp.nullable().meta({ description: 'When the oldest event still kept came in; null: there is none. Older than the retention only while a delivery of it has not ended, or an inbound source could still take a retry of it for a duplicate.' }),
  })
  .strict()
  .meta({ id: 'Project' });

const adminProject = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: timestamp,
    ingestRateLimit: rateLimit.nullable().meta({ description: "Events a second through POST /v1/events; null: the gateway's default." }),
    brokerPrefixes: brokerPrefixesSchema.meta({ description: 'Per broker, the name prefixes its broker sources may read and dead-letter to; a broker absent: no sources on it; [""]: every name.' }),
    egressProxy: z
      .string()
      .nullable()
      .meta({ description: "The forward proxy this project's deliveries leave through, over the workers' SWITCHYARD_EGRESS_PROXY, shown without its credentials; null: the workers' own." }),
    deletedAt: timestamp.nullable().meta({ description: 'When the project was deleted: its data is being removed, and it is gone once that is done. null: not deleted.' }),
  })
  .strict()
  .meta({ id: 'AdminProject' });

const adminTag = 'Projects (admin)';
const adminId = { id: "The project's id." };

export const projectOperations: Operation[] = [
  {
    method: 'get',
    path: '/v1/project',
    id: 'getProject',
    summary: "Get the key's project",
    description: 'Its settings, without the operational webhook secret.',
    tag: 'Project',
    auth: 'apiKey',
    answers: { 200: { description: 'The project.', schema: project } },
    errors: ['project_not_found'],
  },
  {
    method: 'patch',
    path: '/v1/project',
    id: 'updateProject',
    summary: "Change the key's project",
    description:
      'Only the fields sent change. An operational webhook URL set for the first time gets a new secret unless one is given; clearing the URL clears the secret.',
    tag: 'Project',
    auth: 'apiKey',
    body: updateProjectSchema,
    bodyOptional: true,
    answers: {
      200: {
        description: 'The project as changed, with the operational webhook secret.',
        schema: project
          .extend({ operationalWebhookSecret: z.string().nullable().meta({ description: 'Signs the operational webhook (whsec_…); null when no URL is set.' }) })
          .strict(),
      },
    },
    errors: ['address_not_allowed', 'project_not_found'],
  },
  {
    method: 'post',
    path: '/v1/projects',
    id: 'createProject',
    summary: 'Create a project',
    description: 'The project comes with its first API key, of the full scope.',
    tag: adminTag,
    auth: 'adminKey',
    body: createProjectSchema,
    answers: {
      201: {
        description: 'The project, with its first API key.',
        schema: z.object({ id: z.string(), name: z.string(), apiKey: z.string().meta({ description: 'The first API key (sk_…); shown only here.' }), createdAt: timestamp }).strict(),
      },
    },
  },
  {
    method: 'get',
    path: '/v1/projects',
    id: 'listProjects',
    summary: 'List projects',
    tag: adminTag,
    auth: 'adminKey',
    query: listProjectsQuery,
    answers: { 200: { description: 'A page of projects, newest first.', schema: pageOf(adminProject) } },
  },
  {
    method: 'get',
    path: '/v1/projects/{id}',
    id: 'adminGetProject',
    summary: 'Get a project',
    tag: adminTag,
    auth: 'adminKey',
    pathParams: adminId,
    answers: { 200: { description: 'The project, with what the operator set for it.', schema: adminProject } },
    errors: ['project_not_found'],
  },
  {
    method: 'patch',
    path: '/v1/projects/{id}',
    id: 'adminUpdateProject',
    summary: "Set a project's limits",
    description: 'Its ingest rate and Kafka topic prefixes; only the fields sent change.',
    tag: adminTag,
    auth: 'adminKey',
    pathParams: adminId,
    body: updateOperatorSettingsSchema,
    answers: { 200: { description: 'The project as changed.', schema: adminProject } },
    errors: ['project_not_found'],
  },
  {
    method: 'delete',
    path: '/v1/projects/{id}',
    id: 'adminDeleteProject',
    summary: 'Delete a project',
    description:
      'At once, its API keys are revoked, its endpoints and sources deleted and its portal sessions ended: nothing more comes in or goes out. Its waiting deliveries are then cancelled and its events, deliveries and attempts removed in small batches in the background; once that is done the project itself is gone (404). Sending the DELETE again is harmless.',
    tag: adminTag,
    auth: 'adminKey',
    pathParams: adminId,
    answers: { 202: { description: 'The project, now with `deletedAt`; its data is being removed.', schema: adminProject } },
    errors: ['project_not_found', 'temporal_unavailable'],
  },
];
