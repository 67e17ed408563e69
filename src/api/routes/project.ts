/** /v1/project: the key's own project, where its operational notices go, and how long it keeps its events. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import type { EgressPolicy } from '../../egress/address-policy';
import { updateNoticeSettingsSchema, type NoticeSettings } from '../../projects/notice-settings';
import { frameAncestorsSchema } from '../../portal/session-schema';
import { noticeSettingsOf, updateNoticeSettings, type Project, type ProjectOptionsChange } from '../../projects/repository';
import { retentionSchema } from '../../retention/policy';
import { retentionOf, type ProjectRetention } from '../../retention/repository';
import { projectOf } from '../auth';
import { ApiError } from '../errors';
import { parseBody, refuseBlockedUrl } from '../validation';

/** The project as the API shows it: the webhook secret is left out (PATCH adds it). */
function publicProject(project: Project, settings: NoticeSettings, own: Required<Omit<ProjectOptionsChange, 'retention'>>, kept: ProjectRetention) {
  return {
    id: project.id,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
    operationalWebhookUrl: settings.operationalWebhookUrl,
    noticeEmails: settings.noticeEmails,
    validatePayloads: own.validatePayloads,
    portalFrameAncestors: own.portalFrameAncestors,
    retention: kept.retention,
    oldestEventAt: kept.oldestEventAt?.toISOString() ?? null,
  };
}

/**
 * What the project sets itself: where notices go, whether payloads are checked against their
 * event types' schemas, which sites may frame its customer portal, and how long its events are kept.
 */
export const updateProjectSchema = updateNoticeSettingsSchema.extend({
  validatePayloads: z.boolean().optional(),
  portalFrameAncestors: frameAncestorsSchema.optional(),
  retention: retentionSchema.optional(),
});

/** The project authenticated a moment ago cannot be missing unless it was removed since. */
const projectGone = (req: Request) => new ApiError(404, 'project_not_found', `Project ${projectOf(req).id} no longer exists.`);

export function projectSettingsRoutes(db: Db, egress: EgressPolicy): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const project = projectOf(req);
    const settings = await noticeSettingsOf(db, project.id);
    const kept = await retentionOf(db, project.id);
    if (!settings || !kept) throw projectGone(req);
    res.json(publicProject(project, settings, project, kept));
  });

  // The answer carries the webhook secret: like an endpoint's at creation, this is where it is shown.
  router.patch('/', async (req, res) => {
    const project = projectOf(req);
    const { validatePayloads, portalFrameAncestors, retention, ...change } = parseBody(updateProjectSchema, req.body ?? {});
    refuseBlockedUrl(egress, 'operationalWebhookUrl', change.operationalWebhookUrl);
    const applied = await updateNoticeSettings(db, project.id, change, { validatePayloads, portalFrameAncestors, retention });
    if (!applied) throw projectGone(req);
    if (!applied.ok) {
      throw new ApiError(400, 'invalid_request', 'The request body does not match the schema; see details.', [
        { path: applied.path, message: applied.message },
      ]);
    }
    const kept = await retentionOf(db, project.id);
    if (!kept) throw projectGone(req);
    const own = { validatePayloads: validatePayloads ?? project.validatePayloads, portalFrameAncestors: portalFrameAncestors ?? project.portalFrameAncestors };
    res.json({ ...publicProject(project, applied.settings, own, kept), operationalWebhookSecret: applied.settings.operationalWebhookSecret });
  });

  return router;
}
