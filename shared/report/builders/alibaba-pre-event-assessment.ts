/**
 * A1 Pre-event Assessment Report / 活动前评估报告 (DELIVERABLES.md §5): the readiness assessment's
 * output, the business and event objectives ([AL] §7.1 no. 1), from the engagement, plan, checklists
 * and findings that exist today; the specification and performance assessment prints its NB
 * statement until the capacity issue plugs in.
 */
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, keyValue, type SectionDraft, table, text } from '../model';
import { DOCUMENT_TITLES } from '../text';
import { checklistProgressBlocks, executiveSummaryBlocks } from './assessment';
import {
  appendicesSection,
  assemble,
  type Ctx,
  context,
  deviationsSection,
  engagementKeyValues,
  findingsBlock,
  missing,
  missingForItem,
  objectivesBlocks,
  part,
  peakBlocks,
  scopeItemsTable,
  section,
  signOffSection,
} from './common';
import { capacityBlocks } from './evaluation-sections';

export const ALIBABA_ASSESSMENT_ID = 'pre-event-assessment-report';

/** 1 Verdict (needs the capacity assessment), severity counts and the key gaps. */
function executiveSummary(ctx: Ctx): SectionDraft {
  return section(ctx, 'executiveSummary', executiveSummaryBlocks(ctx, { capacity: true, stress: false }));
}

/** 2 Event kind, window and the objectives as metrics (peak traffic, concurrency: the customer's duty). */
function businessEventProfile(ctx: Ctx): SectionDraft {
  const objectives = objectivesBlocks(ctx);
  const peak = peakBlocks(ctx);
  return section(ctx, 'businessEventProfile', [
    engagementKeyValues(ctx),
    ...(objectives.length > 0 ? objectives : [missing(ctx, 'blocking')]),
    ...(peak.length > 0 ? peak : [missing(ctx, 'blocking')]),
  ]);
}

/** 3 Resources in scope and the inspection answers; the diagram and dependencies are not recorded yet. */
function architectureOverview(ctx: Ctx): SectionDraft {
  const { resources } = ctx.input.plan;
  const c = ctx.t.columns;
  const blocks: Block[] = [part(ctx.t.parts.resourcesInScope)];
  blocks.push(
    resources.length === 0
      ? missing(ctx, 'blocking')
      : table(
          [
            [c.resourceType, 2],
            [c.spec, 3],
            [c.count, 1, 'right'],
            [c.region, 2],
          ],
          resources.map((r) => [r.resourceType, ctx.r(r.spec), String(r.count), ctx.r(r.region)]),
        ),
  );
  blocks.push(...checklistProgressBlocks(ctx, 'inspection'));
  blocks.push(part(ctx.t.parts.architecture), missing(ctx, 'noData'));
  return section(ctx, 'architectureOverview', blocks);
}

/** 4 Current specifications and performance against the objectives ([AL] §7.2 item 1): capacity data. */
function specPerformanceAssessment(ctx: Ctx): SectionDraft {
  const evaluated = ctx.input.capacity && ctx.input.capacity.items.length > 0;
  return section(
    ctx,
    'specPerformanceAssessment',
    evaluated ? capacityBlocks(ctx, true) : [missingForItem(ctx, 'readiness-assessment', true)],
  );
}

/** 5 The first findings from inspection, ranked. */
function preliminaryRisks(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  return section(
    ctx,
    'preliminaryRisks',
    findings.length > 0
      ? [text(ctx.t.findingsSourcedNote, 'note'), findingsBlock(ctx, findings)]
      : [missing(ctx, 'noData')],
  );
}

/** 6 SLOs, the reservation lead time, and the catalog items that close the gaps. */
function successCriteria(ctx: Ctx): SectionDraft {
  const { plan } = ctx.input;
  const c = ctx.t.columns;
  const slos = plan.details.slos;
  return section(ctx, 'successCriteria', [
    part(ctx.t.parts.slos),
    slos.length > 0
      ? table(
          [
            [c.metric, 3],
            [c.target, 2],
          ],
          slos.map((s) => [ctx.r(s.metric), ctx.r(s.target)]),
        )
      : missing(ctx, 'blocking'),
    keyValue([[ctx.t.keys.largeResources, plan.settings.largeResources ? ctx.t.yes : ctx.t.no]]),
    ...(plan.settings.largeResources ? [text(ctx.t.prerequisitesReservation, 'note')] : []),
    scopeItemsTable(ctx),
  ]);
}

export function buildAlibabaPreEventAssessment(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    executiveSummary(ctx),
    businessEventProfile(ctx),
    architectureOverview(ctx),
    specPerformanceAssessment(ctx),
    preliminaryRisks(ctx),
    successCriteria(ctx),
    appendicesSection(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsA1, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, ALIBABA_ASSESSMENT_ID, DOCUMENT_TITLES[ALIBABA_ASSESSMENT_ID][ctx.lang], body);
}
