/**
 * The five items [AL] §7.2 requires in the "Work Plan and Report": in A3 as known when the plan is
 * confirmed, in A4 in final form (DELIVERABLES.md §5). Items 1–3 block signing until recorded;
 * 4–5 are "if any" items the consultant must affirm before they read "none".
 */
import type { Block, SectionDraft } from '../model';
import { type Ctx, missing, missingForItem, rectificationTable, section, unconfirmedNone } from './common';
import { capacityBlocks, stressSummaryBlocks } from './evaluation-sections';
import { securityEventBlocks } from './onduty-sections';
import { antiDdosIpsBlock, disasterRecoveryBlocks, recommendationBlocks } from './optimization-sections';

/** 1 Specifications and performance against the objectives: the capacity evaluation and stress results. */
export function preEventAssessment(ctx: Ctx): SectionDraft {
  if (!ctx.input.capacity || ctx.input.capacity.items.length === 0) {
    return section(ctx, 'preEventAssessment', [missingForItem(ctx, 'readiness-assessment', true)]);
  }
  const stress = stressSummaryBlocks(ctx, 'on-demand-stress-testing').filter((b) => b.kind !== 'notAssessed');
  return section(ctx, 'preEventAssessment', [...capacityBlocks(ctx, true), ...stress]);
}

/** 2 Analysis and optimization suggestions: the ranked findings and the optimization recommendations. */
export function analysisOptimization(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const blocks: Block[] = [
    ...(findings.length > 0 ? rectificationTable(ctx, findings) : []),
    ...recommendationBlocks(ctx),
  ];
  return section(ctx, 'analysisOptimization', blocks.length > 0 ? blocks : [missing(ctx, 'blocking')]);
}

/** 3 The disaster recovery solutions. */
export function disasterRecovery(ctx: Ctx): SectionDraft {
  return section(ctx, 'disasterRecovery', disasterRecoveryBlocks(ctx, true));
}

/** 4 Anti-DDoS instance IPs, if any. */
export function antiDdosIps(ctx: Ctx): SectionDraft {
  return section(ctx, 'antiDdosIps', [antiDdosIpsBlock(ctx) ?? unconfirmedNone(ctx)]);
}

/** 5 Security-event reports and solutions, if any. */
export function securityEventReports(ctx: Ctx): SectionDraft {
  return section(ctx, 'securityEventReports', securityEventBlocks(ctx));
}

export function requiredContentSections(ctx: Ctx): SectionDraft[] {
  return [
    preEventAssessment(ctx),
    analysisOptimization(ctx),
    disasterRecovery(ctx),
    antiDdosIps(ctx),
    securityEventReports(ctx),
  ];
}
