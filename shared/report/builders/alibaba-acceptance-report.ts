/**
 * A5 Acceptance Report / 护航服务验收报告 (DELIVERABLES.md §5): closes the Alibaba service at expiry
 * with the contents [AL] §4.1.3 requires. Findings and the plan print fully; milestone status,
 * deliverable sign-offs, stress-test and capacity results, incidents and the roster print their
 * missing-data statement until the issues that record them plug in here.
 */
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, type SectionDraft, table, text } from '../model';
import { onDutyText } from '../onduty-text';
import { DOCUMENT_TITLES } from '../text';
import {
  ACCEPTANCE_REPORT_ID,
  acceptanceConclusion,
  deliverablesSection,
  outstandingItems,
  projectFacts,
  signerAuthority,
} from './acceptance-sections';
import {
  assemble,
  type Ctx,
  context,
  deviationsSection,
  itemName,
  keyValueWindow,
  missing,
  missingForItem,
  part,
  rectificationTable,
  section,
  signatureBlocks,
  sortedFindings,
} from './common';
import { capacitySummaryBlocks, stressSummaryBlocks } from './evaluation-sections';
import { checkpointBlocks, incidentBlocks, peakText, rosterBlocks, securityEventBlocks } from './onduty-sections';
import { recommendationBlocks } from './optimization-sections';

/** 1 Order, parties, edition, period; both §7.3 milestones, their dates and status from the sign-offs. */
function projectInformationMilestones(ctx: Ctx): SectionDraft {
  const c = ctx.t.columns;
  return section(ctx, 'projectInformationMilestones', [
    ...projectFacts(ctx),
    text(ctx.t.alibabaCompletionCriteria),
    table(
      [
        [c.milestone, 3],
        [c.deliverables, 4],
        [c.completion, 3],
      ],
      ctx.t.alibabaMilestones.map((m) => [m.name, m.deliverables, m.completion]),
      ctx.t.alibabaMilestonesSource,
    ),
    part(ctx.t.parts.milestoneStatus),
    missing(ctx, 'blocking'),
  ]);
}

/** 3 Suggestions from resource analysis, stress testing and architecture optimization ([AL] §4.1.3). */
function suggestionsSolutions(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const suggestions = [...(findings.length > 0 ? rectificationTable(ctx, findings) : []), ...recommendationBlocks(ctx)];
  const blocks: Block[] = suggestions.length > 0 ? suggestions : [missing(ctx, 'blocking')];
  blocks.push(part(itemName(ctx, 'capacity-assessment', 'capacityAssessment')));
  blocks.push(...capacitySummaryBlocks(ctx, 'capacity-assessment'));
  blocks.push(part(itemName(ctx, 'on-demand-stress-testing', 'stressTestingReport')));
  blocks.push(...stressSummaryBlocks(ctx, 'on-demand-stress-testing'));
  return section(ctx, 'suggestionsSolutions', blocks);
}

/** 4 Issues found during the service and their fixes: findings today, incidents when recorded. */
function issuesSolutions(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const c = ctx.t.columns;
  const blocks: Block[] = [];
  if (findings.length > 0) {
    blocks.push(
      table(
        [
          [c.ref, 1],
          [c.severity, 1],
          [c.issue, 4],
          [c.solution, 4],
          [c.status, 1.5],
        ],
        sortedFindings(findings).map((f) => [
          ctx.refs.get(f.id) ?? '',
          ctx.t.severity[f.severity],
          ctx.r(f.title),
          ctx.r(f.recommendation) || ctx.t.none,
          ctx.t.findingStatus[f.status],
        ]),
      ),
    );
  }
  blocks.push(part(ctx.t.parts.incidents), ...incidentBlocks(ctx));
  return section(ctx, 'issuesSolutions', blocks);
}

/** 5 Security-event reports and solutions, if any. */
function securityEvents(ctx: Ctx): SectionDraft {
  return section(ctx, 'securityEvents', securityEventBlocks(ctx));
}

/** 6 Evidence the service ran at the key phases: the roster against the peaks. */
function keyPhaseCoverage(ctx: Ctx): SectionDraft {
  if (!ctx.input.onDuty?.shifts.length) {
    return section(ctx, 'keyPhaseCoverage', [
      keyValueWindow(ctx),
      missingForItem(ctx, 'dedicated-service-manager', true),
    ]);
  }
  const t = onDutyText(ctx.lang);
  const checkpoints = checkpointBlocks(ctx);
  const peak = peakText(ctx);
  return section(ctx, 'keyPhaseCoverage', [
    keyValueWindow(ctx),
    ...rosterBlocks(ctx, true),
    ...(checkpoints.length > 0 ? [part(t.parts.checkpoints), ...checkpoints] : []),
    ...(peak ? [part(t.parts.peak), text(peak)] : []),
  ]);
}

/** 7 Outstanding items, the conclusion, and the signatures (seal optional, email accepted). */
function outstandingConclusionSignatures(ctx: Ctx): SectionDraft {
  return section(
    ctx,
    'outstandingConclusionSignatures',
    [],
    [
      outstandingItems(ctx),
      acceptanceConclusion(ctx),
      section(ctx, 'signOff', [
        text(ctx.t.sealAlibaba, 'note'),
        ...signerAuthority(ctx),
        ...signatureBlocks(ctx, ctx.t.signOff.attestsA5, ctx.t.signOff.attestsProviderAcceptance),
      ]),
    ],
  );
}

export function buildAlibabaAcceptanceReport(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  // The outline's sections keep their numbers (the signature cites 7.1); deviations follow.
  const body = [
    projectInformationMilestones(ctx),
    deliverablesSection(ctx, ACCEPTANCE_REPORT_ID),
    suggestionsSolutions(ctx),
    issuesSolutions(ctx),
    securityEvents(ctx),
    keyPhaseCoverage(ctx),
    outstandingConclusionSignatures(ctx),
    deviationsSection(ctx),
  ];
  return assemble(ctx, ACCEPTANCE_REPORT_ID, DOCUMENT_TITLES[ACCEPTANCE_REPORT_ID][ctx.lang], body, {
    dependsOn: ctx.input.plan.catalog.deliverables.map((d) => d.id).filter((id) => id !== ACCEPTANCE_REPORT_ID),
  });
}
