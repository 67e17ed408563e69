/**
 * One operational notice (circuit opened, endpoint disabled, delivery failed), id `notice/{id}`:
 * the signed webhook to the project's operational URL and the email, each retried on its own
 * for a few hours. A workflow of its own so that whoever raised it never waits on it.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Notice, NoticeActivities } from '../activities/notices';

const { sendNoticeWebhook, sendNoticeEmail } = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 12 },
});

export async function noticeWorkflow(notice: Notice): Promise<{ webhook: string; email: string }> {
  const outcome = (sending: Promise<string>) => sending.catch((error: unknown) => `failed: ${(error as Error).cause ?? error}`);
  const [webhook, email] = await Promise.all([outcome(sendNoticeWebhook(notice)), outcome(sendNoticeEmail(notice))]);
  return { webhook, email };
}
