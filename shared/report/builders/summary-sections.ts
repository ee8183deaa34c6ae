/**
 * Sections 1–7 of the post-event summary, shared by H2 On-Duty Service Summary and A4 Service
 * Summary (DELIVERABLES.md §4 H2, §5 A4 "sections as H2 1–7"). One function per section; a part
 * whose data is not recorded (roster, log, incidents, checkpoints, closing, sign-offs) prints the
 * outline's missing-data statement.
 */
import { type Block, keyValue, list, type SectionDraft, text } from '../model';
import { onDutyText } from '../onduty-text';
import { checklistProgressBlocks } from './assessment';
import {
  type Ctx,
  contactsTable,
  deliverableNames,
  findingsByStatusBlock,
  itemName,
  keyValueWindow,
  missing,
  missingForItem,
  openFindings,
  openItemsTable,
  part,
  rectificationTable,
  section,
  windowText,
} from './common';
import { capacitySummaryBlocks, stressSummaryBlocks } from './evaluation-sections';
import {
  checkpointBlocks,
  incidentBlocks,
  lessonsBlocks,
  logDigestBlocks,
  outcomeBlocks,
  peakText,
  periodFigures,
  rosterBlocks,
  servedBlocks,
} from './onduty-sections';

/** The catalog items whose data each summary section reports; the two offerings name them apart. */
export type SummaryItems = {
  /** Capacity evaluation (Huawei) or assessment (Alibaba). */
  capacity: string;
  /** Performance test (Huawei) or on-demand stress testing (Alibaba). */
  test: string;
  /** The on-duty team or service manager whose roster records the days and shifts worked. */
  onDuty: string;
  /** Catalog ids of the pre-event deliverables whose sign-off the summary reports. */
  earlier: readonly string[];
};

export const HUAWEI_SUMMARY_ITEMS: SummaryItems = {
  capacity: 'capacity-evaluation',
  test: 'performance-test',
  onDuty: 'on-duty-team',
  earlier: ['assurance-solution'],
};

export const ALIBABA_SUMMARY_ITEMS: SummaryItems = {
  capacity: 'capacity-assessment',
  test: 'on-demand-stress-testing',
  onDuty: 'dedicated-service-manager',
  earlier: ['pre-event-assessment-report', 'work-plan', 'service-design'],
};

/** 1 Objectives met (needs checkpoints and incidents), the findings by status and the open items. */
export function summaryExecutiveSummary(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const figures = periodFigures(ctx);
  const blocks: Block[] = [
    ...(outcomeBlocks(ctx) ?? [{ ...missing(ctx, 'noData'), text: ctx.t.missing.summaryVerdict }]),
    ...(figures ? [figures] : []),
  ];
  if (findings.length === 0) {
    blocks.push(missing(ctx, 'noData'));
  } else {
    blocks.push(findingsByStatusBlock(ctx, findings));
    const open = openFindings(findings);
    if (open.length > 0) {
      blocks.push(
        part(ctx.t.parts.unrectified),
        list(open.map((f) => `${ctx.refs.get(f.id)} [${ctx.t.severity[f.severity]}] ${ctx.r(f.title)}`)),
      );
    }
  }
  return section(ctx, 'executiveSummary', blocks);
}

/** 2 Edition, period, team, and days: included and ordered from the plan, worked from the roster. */
export function serviceOverview(ctx: Ctx, items: SummaryItems): SectionDraft {
  const { plan } = ctx.input;
  const k = ctx.t.keys;
  const rows: [string, string][] = [
    [k.catalog, `${plan.catalog.name[ctx.lang]} ${plan.catalog.version}`],
    [k.edition, plan.catalog.editionName[ctx.lang]],
    [k.window, windowText(ctx)],
  ];
  if (plan.catalog.includedRemoteDays !== null) {
    rows.push(
      [k.includedRemoteDays, String(plan.catalog.includedRemoteDays)],
      [k.remoteDays, String(plan.settings.remoteDays)],
    );
  }
  rows.push([k.plannedOnSitePersonDays, String(plan.billing.totalPersonDays)]);
  const team = contactsTable(ctx);
  return section(ctx, 'serviceOverview', [
    keyValue(rows),
    part(ctx.t.parts.team),
    team ?? missing(ctx, 'blocking'),
    part(ctx.t.parts.daysWorked),
    ...(ctx.input.onDuty?.shifts.length ? servedBlocks(ctx, true) : [missingForItem(ctx, items.onDuty, true)]),
  ]);
}

/** 3 Survey and solution (sign-offs), inspection, findings by status, capacity and test. */
export function preAssuranceWork(ctx: Ctx, items: SummaryItems): SectionDraft {
  const { findings } = ctx.input;
  const inspection = checklistProgressBlocks(ctx, 'inspection');
  const earlier = deliverableNames(ctx, items.earlier);
  return section(ctx, 'preAssuranceWork', [
    part(ctx.t.parts.earlierConfirmed),
    ...(earlier.length > 0 ? [list(earlier)] : []),
    missing(ctx, 'blocking'),
    part(ctx.t.parts.inspection),
    ...(inspection.length > 0 ? inspection : [missing(ctx, 'blocking')]),
    part(ctx.t.parts.findingsByStatus),
    findings.length > 0 ? findingsByStatusBlock(ctx, findings) : missing(ctx, 'noData'),
    part(itemName(ctx, items.capacity, 'capacityEvaluation')),
    ...capacitySummaryBlocks(ctx, items.capacity),
    part(itemName(ctx, items.test, 'performanceTest')),
    ...stressSummaryBlocks(ctx, items.test),
  ]);
}

/** 4 Shifts worked, checkpoint timeline, metrics against thresholds and the peak: roster, checkpoints, log. */
export function duringAssuranceWork(ctx: Ctx, items: SummaryItems): SectionDraft {
  const onDuty = ctx.input.onDuty;
  if (!onDuty)
    return section(ctx, 'duringAssuranceWork', [keyValueWindow(ctx), missingForItem(ctx, items.onDuty, true)]);
  const t = onDutyText(ctx.lang);
  const checkpoints = checkpointBlocks(ctx);
  const peak = peakText(ctx);
  return section(ctx, 'duringAssuranceWork', [
    keyValueWindow(ctx),
    part(t.parts.shifts),
    ...rosterBlocks(ctx, true),
    part(t.parts.checkpoints),
    ...(checkpoints.length > 0 ? checkpoints : [missing(ctx, 'noData')]),
    part(t.parts.peak),
    peak ? text(peak) : missing(ctx, 'noData'),
  ]);
}

/** 5 Incidents with MTTA and MTTR per severity; "none" only once the consultant affirms it. */
export function incidentsHandling(ctx: Ctx): SectionDraft {
  return section(ctx, 'incidentsHandling', incidentBlocks(ctx));
}

/** 6 Decisions, changes and escalations from the war-room log. */
export function warRoomLog(ctx: Ctx): SectionDraft {
  return section(ctx, 'warRoomLog', logDigestBlocks(ctx));
}

/** 7 Final status of every finding, the customer's items left unrectified, and lessons from incidents. */
export function rectificationFollowUp(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const lessons = lessonsBlocks(ctx);
  if (findings.length === 0 && !lessons) return section(ctx, 'rectificationFollowUp', [missing(ctx, 'noData')]);
  const open = openFindings(findings);
  return section(ctx, 'rectificationFollowUp', [
    ...(findings.length > 0 ? rectificationTable(ctx, findings) : []),
    ...(open.length > 0 ? [part(ctx.t.parts.unrectified), openItemsTable(ctx, findings)] : []),
    part(ctx.t.parts.lessons),
    ...(lessons ?? [missing(ctx, 'noData')]),
  ]);
}

/** Sections 1–7 in the outline's order. */
export function summarySections(ctx: Ctx, items: SummaryItems): SectionDraft[] {
  return [
    summaryExecutiveSummary(ctx),
    serviceOverview(ctx, items),
    preAssuranceWork(ctx, items),
    duringAssuranceWork(ctx, items),
    incidentsHandling(ctx),
    warRoomLog(ctx),
    rectificationFollowUp(ctx),
  ];
}
