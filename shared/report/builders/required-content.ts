/**
 * The five items [AL] §7.2 requires in the "Work Plan and Report": in A3 as known when the plan is
 * confirmed, in A4 in final form (DELIVERABLES.md §5). Items 1–3 block signing until recorded;
 * 4–5 are "if any" items the consultant must affirm before they read "none".
 */
import type { SectionDraft } from '../model';
import { type Ctx, missing, missingForItem, rectificationTable, section, unconfirmedNone } from './common';

/** 1 Specifications and performance against the objectives: the readiness assessment's capacity data. */
export function preEventAssessment(ctx: Ctx): SectionDraft {
  return section(ctx, 'preEventAssessment', [missingForItem(ctx, 'readiness-assessment', true)]);
}

/** 2 Analysis and optimization suggestions: the ranked findings until optimization plans exist. */
export function analysisOptimization(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  return section(
    ctx,
    'analysisOptimization',
    findings.length > 0 ? rectificationTable(ctx, findings) : [missing(ctx, 'blocking')],
  );
}

/** 3 The disaster recovery solutions. */
export function disasterRecovery(ctx: Ctx): SectionDraft {
  return section(ctx, 'disasterRecovery', [missing(ctx, 'blocking')]);
}

/** 4 Anti-DDoS instance IPs, if any. */
export function antiDdosIps(ctx: Ctx): SectionDraft {
  return section(ctx, 'antiDdosIps', [unconfirmedNone(ctx)]);
}

/** 5 Security-event reports and solutions, if any. */
export function securityEventReports(ctx: Ctx): SectionDraft {
  return section(ctx, 'securityEventReports', [unconfirmedNone(ctx)]);
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
