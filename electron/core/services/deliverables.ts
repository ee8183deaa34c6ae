/**
 * Deliverables: the engagement's data gathered into a ReportInput from the real services, the
 * documents its catalog names (those a builder exists for marked available), and a document built
 * with the engagement's secret redaction applied, validated before anything renders it.
 */
import type { MethodOutput } from '@shared/contract';
import { checklistProgress } from '@shared/domain/checklist';
import { metricLabel, metricValueText, observedVsPredicted } from '@shared/domain/checkpoints';
import type { Engagement } from '@shared/domain/engagement';
import { mttaMinutes, mttrMinutes, severitySummaries } from '@shared/domain/incidents';
import { escalationContacts, roleLabel, servedHours, staffedShifts } from '@shared/domain/roster';
import { logListQuerySchema } from '@shared/domain/war-room-log';
import { BUILDERS } from '@shared/report/builders';
import type {
  CapacityInput,
  ChecklistSummary,
  OnDutyInput,
  PlanView,
  ReportInput,
  StressInput,
} from '@shared/report/input';
import type { Document } from '@shared/report/model';
import type { CoreContext } from '../context';
import { failure } from '../errors';
import { buildDocument, type DocumentSource } from '../export/build';
import { checklistView } from './answers';
import { documentIssue, firmBranding, type Numbering } from './branding';
import { capacityFormulas, listCapacity } from './capacity';
import { engagementChecklists } from './checklists';
import { listCheckpoints } from './checkpoints';
import { getEngagement } from './engagements';
import { listEvidence } from './evidence';
import { listFindings } from './findings';
import { listIncidents } from './incidents';
import { listItems } from './optimization';
import { getPlan } from './plans';
import { redactionRules } from './redaction';
import { rosterView } from './roster';
import { getSettings } from './settings';
import { draftVersionAfter, earlierVersions, otherSignedDeliverables, signedRows } from './signed-versions';
import { getRun, stressView } from './stress-tests';
import { warRoomState } from './war-room';
import { listLog } from './war-room-log';

export type DeliverableSummary = MethodOutput<'deliverable.list'>[number];

/** The catalog's deliverables, in catalog order, each marked whether a builder exists for it. */
export function availableDeliverables(catalog: Pick<PlanView['catalog'], 'deliverables'>): {
  id: string;
  title: { en: string; 'zh-CN': string };
  available: boolean;
}[] {
  return catalog.deliverables.map((d) => ({
    id: d.id,
    title: { en: d.name.en, 'zh-CN': d.name['zh-CN'] },
    available: Object.hasOwn(BUILDERS, d.id),
  }));
}

/** One checklist's summary: progress over its visible items. */
function checklistSummary(ctx: CoreContext, engagementId: string, templateId: string): ChecklistSummary {
  const view = checklistView(ctx, { engagementId, templateId });
  const answers = new Map(view.answers.flatMap((a) => (a.value === null ? [] : [[a.itemId, a.value] as const])));
  const progress = checklistProgress(view.template, answers, new Set(view.resourceTypesInScope));
  return {
    templateId,
    kind: view.template.kind,
    title: { en: view.template.title.en, 'zh-CN': view.template.title['zh-CN'] },
    ...progress,
  };
}

/** The capacity items with the formulas they use and the findings they raised; undefined with none. */
function capacityInput(ctx: CoreContext, engagementId: string): CapacityInput | undefined {
  const list = listCapacity(ctx, engagementId);
  if (list.items.length === 0) return undefined;
  return {
    items: list.items.map((i) => ({ id: i.id, name: i.name, formulaId: i.formulaId, inputs: i.inputs })),
    formulas: capacityFormulas(ctx),
    findingIds: Object.fromEntries(list.items.flatMap((i) => (i.finding ? [[i.id, i.finding.id]] : []))),
  };
}

/**
 * The stress-test plan, scenarios, verdicts and runs. Only the runs a document prints in full carry
 * their analysis (series included): those that judge a scenario, or the newest when none does.
 */
function stressInput(ctx: CoreContext, engagementId: string): StressInput | undefined {
  const view = stressView(ctx, engagementId);
  const planned = Object.values(view.plan).some((v) => v.trim() !== '');
  if (!planned && view.scenarios.length === 0 && view.runs.length === 0) return undefined;
  const judging = new Set(view.results.flatMap((r) => (r.runId ? [r.runId] : [])));
  const newest = view.runs[0]?.id;
  const printed = (id: string) => judging.has(id) || (judging.size === 0 && id === newest);
  return {
    plan: view.plan,
    scenarios: view.scenarios,
    results: view.results,
    runs: view.runs.map((run) => ({
      ...run,
      analysis: printed(run.id) ? getRun(ctx, { engagementId, id: run.id }).analysis : null,
    })),
  };
}

/**
 * The on-duty period as the documents print it: people and roles by name (in the engagement's
 * language), the latest text of each log entry, observed values at the checkpoints, incidents
 * with MTTA and MTTR, and the closing; undefined when nothing of it is recorded.
 */
function onDutyInput(ctx: CoreContext, engagement: Engagement, plan: PlanView): OnDutyInput | undefined {
  const engagementId = engagement.id;
  const language = engagement.language;
  const roster = rosterView(ctx, engagementId);
  const log = listLog(ctx, logListQuerySchema.parse({ engagementId, limit: 20_000 })).entries;
  const checkpoints = listCheckpoints(ctx, engagementId);
  const incidents = listIncidents(ctx, engagementId);
  const warRoom = warRoomState(ctx, engagementId);
  const recorded = roster.shifts.length + log.length + checkpoints.length + incidents.length > 0 || warRoom.closedAt;
  if (!recorded) return undefined;
  // A shift of someone no longer on the plan is nobody's duty: the documents leave it out.
  const shifts = staffedShifts(roster.shifts, roster.contacts);
  const contactOf = new Map(roster.contacts.map((c) => [c.id, c]));
  const roles = roster.settings.roles;
  const roleName = (roleId: string) => {
    const role = roles.find((r) => r.id === roleId);
    return role ? roleLabel(role, language) : roleId;
  };
  const peak = observedVsPredicted(checkpoints, plan.details.peak);
  const qps = peak.find((p) => p.metric === 'qps');
  const tps = peak.find((p) => p.metric === 'tps');
  return {
    shifts: [...shifts]
      .sort((a, b) => a.startUtc.localeCompare(b.startUtc))
      .map((s) => ({
        person: contactOf.get(s.contactId)?.name ?? '',
        party: contactOf.get(s.contactId)?.party ?? 'provider',
        role: roleName(s.roleId),
        startUtc: s.startUtc,
        endUtc: s.endUtc,
      })),
    escalation: escalationContacts(shifts, roster.contacts, roles, language).map((e) => ({
      role: e.role,
      person: e.person,
      party: e.party === 'customer' ? 'customer' : 'provider',
      phone: e.phone,
    })),
    gaps: roster.gaps.map((g) => ({ role: roleName(g.roleId), startUtc: g.startUtc, endUtc: g.endUtc })),
    log: log.map((e) => ({ occurredAt: e.occurredAt, kind: e.kind, text: e.text, author: e.author, late: e.late })),
    checkpoints: checkpoints.map((cp) => ({
      name: cp.name,
      plannedAt: cp.plannedAt,
      observedAt: cp.recordedAt,
      observations: cp.metrics
        .filter((m) => m.value !== null)
        .map((m) => ({ metric: metricLabel(m, language), value: metricValueText(m) })),
      notes: cp.notes,
    })),
    served: servedHours(roster.window, shifts, roster.contacts, warRoom.closedAt ?? undefined).map((p) => ({
      person: p.person,
      party: p.party === 'customer' ? 'customer' : 'provider',
      roles: [...new Set(shifts.filter((s) => s.contactId === p.contactId).map((s) => roleName(s.roleId)))],
      hours: p.hours,
    })),
    peak: {
      qps: qps?.observed ?? null,
      qpsAt: qps?.observedAt ?? null,
      tps: tps?.observed ?? null,
      tpsAt: tps?.observedAt ?? null,
    },
    incidents: incidents.map((i) => ({
      ref: i.ref,
      severity: i.severity,
      title: i.title,
      startedAt: i.startedAt,
      detectedAt: i.detectedAt,
      acknowledgedAt: i.acknowledgedAt,
      mitigatedAt: i.mitigatedAt,
      resolvedAt: i.resolvedAt,
      impact: i.impact,
      affectedServices: i.affectedServices,
      rootCause: i.rootCause,
      security: i.security,
      actions: i.actions.map((a) => ({ action: a.action, owner: a.owner, due: a.due, status: a.status })),
      mttaMinutes: mttaMinutes(i),
      mttrMinutes: mttrMinutes(i),
    })),
    bySeverity: severitySummaries(incidents).filter((s) => s.count > 0),
    closure:
      warRoom.closedAt && warRoom.closure
        ? {
            closedAt: warRoom.closedAt,
            outcome: warRoom.closure.outcome,
            summary: warRoom.closure.summary,
            lessons: warRoom.closure.lessons,
            followUps: warRoom.closure.followUps,
            closedBeforeWindowEnd: warRoom.closure.closedBeforeWindowEnd,
            openIncidentsAtClose: warRoom.closure.openIncidentsAtClose,
          }
        : null,
  };
}

/**
 * Gathering a document's source, step by step: each `yield` is a point where an export on the main
 * thread lets the window's requests through (`gatherSource`); a preview runs the steps straight
 * through (`deliverableSource`). One body, so both gather exactly the same thing.
 */
function* sourceSteps(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
  numbering: Numbering,
): Generator<void, DocumentSource, void> {
  const plan = getPlan(ctx, engagementId);
  const listed = availableDeliverables(plan.catalog).find((d) => d.id === documentId);
  if (!listed) {
    throw failure('NOT_FOUND', `The catalog of this engagement has no deliverable "${documentId}".`, {
      field: 'documentId',
    });
  }
  if (!listed.available || !Object.hasOwn(BUILDERS, documentId)) {
    throw failure('CONFLICT', `"${listed.title.en}" cannot be generated yet.`, { field: 'documentId' });
  }
  yield;
  const engagement = getEngagement(ctx, engagementId);
  const findings = listFindings(ctx, { engagementId, sortBy: 'severity', sortDir: 'asc' });
  yield;
  const evidence = listEvidence(ctx, { engagementId }).map((link) => ({
    sha256: link.sha256,
    caption: link.caption,
    fileName: link.fileName,
    mediaType: link.mediaType,
    targetKind: link.targetKind,
    targetId: link.targetId,
  }));
  yield;
  const checklists: ChecklistSummary[] = [];
  for (const started of engagementChecklists(ctx, engagementId)) {
    checklists.push(checklistSummary(ctx, engagementId, started.templateId));
    yield;
  }
  const capacity = capacityInput(ctx, engagementId);
  yield;
  const stress = stressInput(ctx, engagementId);
  yield;
  const optimization = listItems(ctx, engagementId);
  yield;
  const onDuty = onDutyInput(ctx, engagement, plan);
  const author = getSettings(ctx).consultantName;
  const firm = firmBranding(ctx);
  // After a signing, the draft follows the signed versions: version N.1, a history naming them.
  const signed = signedRows(ctx, engagementId, documentId);
  const issue = documentIssue(ctx, engagement, documentId, numbering);
  const input: ReportInput = {
    engagement,
    plan,
    findings,
    checklists,
    evidence,
    ...(firm ? { firm } : {}),
    issue: { ...issue, version: draftVersionAfter(signed) ?? issue.version, author },
    signoff: {
      earlier: earlierVersions(signed),
      signedDeliverables: otherSignedDeliverables(ctx, engagementId, documentId),
    },
    ...(capacity ? { capacity } : {}),
    ...(stress ? { stress } : {}),
    ...(optimization.length > 0 ? { optimization } : {}),
    ...(onDuty ? { onDuty } : {}),
  };
  yield;
  return { documentId, input, rules: redactionRules(ctx, engagementId) };
}

/**
 * What a document is built from: everything a builder reads (from the services the screens use,
 * with the firm's branding and the document's number, see documentIssue; free text not yet
 * redacted) and the redaction decisions. A deliverable the catalog lacks or no builder makes is
 * refused before it is given a number.
 */
export function deliverableSource(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
  numbering: Numbering = 'assign',
): DocumentSource {
  const steps = sourceSteps(ctx, engagementId, documentId, numbering);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** As deliverableSource, letting the event loop run between the steps (an export on the main thread). */
export async function gatherSource(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
): Promise<DocumentSource> {
  const steps = sourceSteps(ctx, engagementId, documentId, 'assign');
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The document, redacted and validated, built here (previews, the preflight count). */
export function buildDeliverable(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
  numbering: Numbering = 'assign',
): Document {
  return buildDocument(deliverableSource(ctx, engagementId, documentId, numbering));
}

/** Sections that block signing until filled, counted over the whole document. */
export function blockingCount(document: Document): number {
  let count = 0;
  const walk = (sections: Document['sections']) => {
    for (const s of sections) {
      count += s.blocks.filter((b) => b.kind === 'notAssessed' && b.blocksSigning).length;
      walk(s.subsections);
    }
  };
  walk(document.frontMatter);
  walk(document.sections);
  return count;
}

/** The catalog's deliverables for the engagement, each available one with its preflight count. */
export function listDeliverables(ctx: CoreContext, engagementId: string): DeliverableSummary[] {
  const plan = getPlan(ctx, engagementId);
  return availableDeliverables(plan.catalog).map((d) => ({
    ...d,
    // Listing counts what blocks signing; only a preview or an export gives a document its number.
    blocking: d.available ? blockingCount(buildDeliverable(ctx, engagementId, d.id, 'peek')) : 0,
  }));
}
