/**
 * The two reports annexed to the Hypercare Service Design (DELIVERABLES.md §5 A2, annexes S and M)
 * that the catalog also lists as deliverables of their own: the System Stress Testing Report and
 * the Optimization Plan for the Monitoring System. One function per section builds both the annex
 * and the standalone document. Outside the edition every section prints NS; inside it, each prints
 * the stress-test plan, scenarios and imported runs (S) or the monitoring entries of the
 * optimization plans (M), or NB while nothing is recorded.
 */
import type { BuildOptions, ReportInput } from '../input';
import type { Block, Document, SectionDraft } from '../model';
import { DOCUMENT_TITLES } from '../text';
import {
  assemble,
  type Ctx,
  context,
  deviationsSection,
  missingForItem,
  outsideEdition,
  section,
  signOffSection,
} from './common';
import {
  stressBottleneckBlocks,
  stressConclusionBlocks,
  stressEnvironmentBlocks,
  stressObjectivesBlocks,
  stressRawDataBlocks,
  stressResultBlocks,
  stressScenarioBlocks,
} from './evaluation-sections';
import {
  monitoringChangeBlocks,
  monitoringDashboardBlocks,
  monitoringGapBlocks,
  monitoringMetricBlocks,
  monitoringNotificationBlocks,
  monitoringThresholdBlocks,
} from './optimization-sections';

export const STRESS_REPORT_ID = 'stress-testing-report';
export const MONITORING_PLAN_ID = 'monitoring-optimization-plan';

const STRESS_ITEM = 'on-demand-stress-testing';
const MONITORING_ITEM = 'monitoring-optimization';

/** NS outside the edition, the data's blocks inside it. */
const stress = (ctx: Ctx, blocks: (ctx: Ctx) => Block[]): Block[] =>
  outsideEdition(ctx, STRESS_ITEM) ? [missingForItem(ctx, STRESS_ITEM)] : blocks(ctx);
const monitoring = (ctx: Ctx, blocks: (ctx: Ctx) => Block[]): Block[] =>
  outsideEdition(ctx, MONITORING_ITEM) ? [missingForItem(ctx, MONITORING_ITEM)] : blocks(ctx);

/** S1 What is tested, at what load (predicted peak plus margin), and what passes. */
export function stressObjectives(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressObjectives', stress(ctx, stressObjectivesBlocks));
}
/** S2 Test environment (PTS), tools and how far it matches production. */
export function stressEnvironment(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressEnvironment', stress(ctx, stressEnvironmentBlocks));
}
/** S3 Scenarios and the load model of each. */
export function stressScenarios(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressScenarios', stress(ctx, stressScenarioBlocks));
}
/** S4 Target against achieved TPS/QPS, P50–P99, errors, utilisation, pass or fail per scenario. */
export function stressResults(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressResults', stress(ctx, stressResultBlocks));
}
/** S5 Bottlenecks found under load. */
export function stressBottlenecks(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressBottlenecks', stress(ctx, stressBottleneckBlocks));
}
/** S6 Conclusions and recommended specifications. */
export function stressConclusions(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressConclusions', stress(ctx, stressConclusionBlocks));
}
/** S7 Raw data, cited by ID. */
export function stressRawData(ctx: Ctx): SectionDraft {
  return section(ctx, 'stressRawData', stress(ctx, stressRawDataBlocks));
}

/** S1–S7 in the outline's order. */
export function stressTestSections(ctx: Ctx): SectionDraft[] {
  return [
    stressObjectives(ctx),
    stressEnvironment(ctx),
    stressScenarios(ctx),
    stressResults(ctx),
    stressBottlenecks(ctx),
    stressConclusions(ctx),
    stressRawData(ctx),
  ];
}

/** Annex S: one NS line when the edition has no stress testing, S1–S7 otherwise. */
export function stressTestingAnnex(ctx: Ctx): SectionDraft {
  return outsideEdition(ctx, STRESS_ITEM)
    ? section(ctx, 'stressTestingReport', [missingForItem(ctx, STRESS_ITEM)])
    : section(ctx, 'stressTestingReport', [], stressTestSections(ctx));
}

/** M1 The monitoring in place and its gaps. */
export function monitoringGaps(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringGaps', monitoring(ctx, monitoringGapBlocks));
}
/** M2 Metrics by layer: business, application, resource ([AL] §4.1: at the business layer). */
export function monitoringMetrics(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringMetrics', monitoring(ctx, monitoringMetricBlocks));
}
/** M3 Thresholds (limits) and alert rules. */
export function monitoringThresholds(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringThresholds', monitoring(ctx, monitoringThresholdBlocks));
}
/** M4 Dashboards. */
export function monitoringDashboards(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringDashboards', monitoring(ctx, monitoringDashboardBlocks));
}
/** M5 Who is notified and how alerts escalate. */
export function monitoringNotification(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringNotification', monitoring(ctx, monitoringNotificationBlocks));
}
/** M6 The changes, each with owner, due date and status. */
export function monitoringChanges(ctx: Ctx): SectionDraft {
  return section(ctx, 'monitoringChanges', monitoring(ctx, monitoringChangeBlocks));
}

/** M1–M6 in the outline's order. */
export function monitoringPlanSections(ctx: Ctx): SectionDraft[] {
  return [
    monitoringGaps(ctx),
    monitoringMetrics(ctx),
    monitoringThresholds(ctx),
    monitoringDashboards(ctx),
    monitoringNotification(ctx),
    monitoringChanges(ctx),
  ];
}

/** Annex M: one NS line when a custom edition leaves monitoring optimization out, M1–M6 otherwise. */
export function monitoringAnnex(ctx: Ctx): SectionDraft {
  return outsideEdition(ctx, MONITORING_ITEM)
    ? section(ctx, 'monitoringOptimizationPlan', [missingForItem(ctx, MONITORING_ITEM)])
    : section(ctx, 'monitoringOptimizationPlan', [], monitoringPlanSections(ctx));
}

export function buildAlibabaStressTestingReport(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    ...stressTestSections(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsStress, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, STRESS_REPORT_ID, DOCUMENT_TITLES[STRESS_REPORT_ID][ctx.lang], body, {
    dependsOn: ['pre-event-assessment-report'],
  });
}

export function buildAlibabaMonitoringPlan(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    ...monitoringPlanSections(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsMonitoring, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, MONITORING_PLAN_ID, DOCUMENT_TITLES[MONITORING_PLAN_ID][ctx.lang], body, {
    dependsOn: ['pre-event-assessment-report'],
  });
}
