/**
 * An imported engagement read back through the same service functions the router calls, each
 * answer checked against the contract's output schema. The rows of a bundle are checked for their
 * types column by column, but only the app's own readers know what a status, a time or a JSON field
 * must be: run inside the import transaction, a failure here rolls the import back, so a bundle
 * cannot leave an engagement (or a list of them) that no screen can open.
 */
import { contract, type Method } from '@shared/contract';
import type { CoreContext } from '../context';
import { isFailure } from '../errors';
import { checklistView } from './answers';
import { refused } from './bundle-data';
import { listCapacity } from './capacity';
import { listCheckpoints } from './checkpoints';
import { listDeliverables } from './deliverables';
import { getEngagement, listEngagements } from './engagements';
import { listEvidence } from './evidence';
import { listFindings } from './findings';
import { listIncidents } from './incidents';
import { listItems } from './optimization';
import { getPlan } from './plans';
import { rosterView } from './roster';
import { stressView } from './stress-tests';
import { warRoomState } from './war-room';
import { listLog } from './war-room-log';

type ReadBack = { method: Method; read: () => unknown };

function readersOf(ctx: CoreContext, engagementId: string): ReadBack[] {
  const byEngagement = { engagementId };
  const templateIds = ctx.store.sqlite
    .prepare<[string], string>(
      'SELECT template_id FROM engagement_checklists WHERE engagement_id = ? AND deleted_at IS NULL',
    )
    .pluck()
    .all(engagementId);
  return [
    { method: 'engagement.get', read: () => getEngagement(ctx, engagementId) },
    { method: 'engagement.list', read: () => listEngagements(ctx, contract['engagement.list'].input.parse({})) },
    { method: 'plan.get', read: () => getPlan(ctx, engagementId) },
    ...templateIds.map(
      (templateId): ReadBack => ({
        method: 'checklist.view',
        read: () => checklistView(ctx, { engagementId, templateId }),
      }),
    ),
    { method: 'finding.list', read: () => listFindings(ctx, contract['finding.list'].input.parse(byEngagement)) },
    { method: 'evidence.list', read: () => listEvidence(ctx, contract['evidence.list'].input.parse(byEngagement)) },
    { method: 'roster.get', read: () => rosterView(ctx, engagementId) },
    { method: 'stress.view', read: () => stressView(ctx, engagementId) },
    { method: 'capacity.list', read: () => listCapacity(ctx, engagementId) },
    { method: 'optimization.list', read: () => listItems(ctx, engagementId) },
    { method: 'checkpoint.list', read: () => listCheckpoints(ctx, engagementId) },
    { method: 'incident.list', read: () => listIncidents(ctx, engagementId) },
    { method: 'log.list', read: () => listLog(ctx, contract['log.list'].input.parse(byEngagement)) },
    { method: 'warroom.state', read: () => warRoomState(ctx, engagementId) },
    { method: 'deliverable.list', read: () => listDeliverables(ctx, engagementId) },
  ];
}

/**
 * Reads the engagement back as the window would and refuses the bundle (throws, so the caller's
 * transaction rolls back) at the first reader that fails or answers outside its contract.
 */
export function readBackImported(ctx: CoreContext, engagementId: string): void {
  for (const { method, read } of readersOf(ctx, engagementId)) {
    let problem: string | null;
    try {
      const parsed = contract[method].output.safeParse(read());
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      problem = issue ? `${issue.path.join('.') || '(value)'}: ${issue.message}` : null;
    } catch (error) {
      problem = isFailure(error) ? error.appError.message : error instanceof Error ? error.message : String(error);
    }
    if (problem !== null) {
      throw refused(
        'unreadableEngagement',
        `The engagement in the bundle cannot be opened: ${method} fails on its records (${problem}).`,
        [method, problem],
      );
    }
  }
}
