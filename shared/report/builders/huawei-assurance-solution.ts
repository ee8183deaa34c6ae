/**
 * H1 Key Event Assurance Solution / 关键事件保障方案 (DELIVERABLES.md §4). The on-duty roster
 * prints its missing-data statement until the issue that records it plugs in here.
 */
import type { Finding } from '../../domain/finding';
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, list, text } from '../model';
import { onDutyText } from '../onduty-text';
import { DOCUMENT_TITLES } from '../text';
import { checklistProgressBlocks, executiveSummaryBlocks, inspectionBlocks, splitFindings } from './assessment';
import {
  appendicesSection,
  assemble,
  billingBlocks,
  type Ctx,
  contactsTable,
  context,
  deviationsSection,
  engagementKeyValues,
  findingsBlock,
  itemInScope,
  missing,
  missingForItem,
  objectivesBlocks,
  part,
  peakBlocks,
  raciTable,
  rectificationTable,
  scheduleBlocks,
  scopeItemsTable,
  section,
  signOffSection,
} from './common';
import { capacityBlocks, performanceTestBlocks, stressOutside, stressRawDataBlocks } from './evaluation-sections';
import { checkpointBlocks, escalationBlock, rosterBlocks } from './onduty-sections';
import { emergencyPlanBlocks, recommendationBlocks } from './optimization-sections';

export const HUAWEI_SOLUTION_ID = 'assurance-solution';

function securityBlocks(ctx: Ctx, findings: Finding[]): Block[] {
  if (!itemInScope(ctx, 'security-evaluation')) return [missingForItem(ctx, 'security-evaluation')];
  const note = text(ctx.t.huaweiSecurityNote, 'note');
  if (findings.length > 0) return [note, findingsBlock(ctx, findings)];
  const started = checklistProgressBlocks(ctx, 'security');
  return started.length > 0 ? [note, ...started] : [note, missing(ctx, 'noData')];
}

/** §11: the planned roster with its coverage, the escalation contacts and the checkpoint schedule. */
function onDutyArrangement(ctx: Ctx): Block[] {
  if (!ctx.input.onDuty?.shifts.length) return [missingForItem(ctx, 'on-duty-team', true)];
  const t = onDutyText(ctx.lang);
  const escalation = escalationBlock(ctx);
  const checkpoints = checkpointBlocks(ctx);
  return [
    ...rosterBlocks(ctx, true),
    ...(escalation ? [part(t.parts.escalation), escalation] : []),
    ...(checkpoints.length > 0 ? [part(t.parts.checkpoints), ...checkpoints] : []),
  ];
}

/** §10: findings to rectify, then the optimization recommendations (R-nnn); ND with neither. */
function recommendationsAndRectification(ctx: Ctx): Block[] {
  const rectification = ctx.input.findings.length > 0 ? rectificationTable(ctx, ctx.input.findings) : [];
  const recommendations = recommendationBlocks(ctx);
  const blocks = [...rectification, ...recommendations];
  return blocks.length > 0 ? blocks : [missing(ctx, 'noData')];
}

export function buildHuaweiAssuranceSolution(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const { plan } = input;
  const { inspection, security } = splitFindings(ctx);
  const k = ctx.t.keys;
  const objectives = objectivesBlocks(ctx);
  const peak = peakBlocks(ctx);
  const contacts = contactsTable(ctx);
  const raci = raciTable(ctx);
  const body = [
    section(ctx, 'executiveSummary', executiveSummaryBlocks(ctx, { capacity: true, stress: true })),
    section(ctx, 'backgroundObjectives', [
      engagementKeyValues(ctx),
      ...(objectives.length > 0 ? objectives : [missing(ctx, 'blocking')]),
      ...(peak.length > 0 ? peak : [missing(ctx, 'blocking')]),
    ]),
    section(ctx, 'scopeServiceItems', [
      scopeItemsTable(ctx),
      {
        kind: 'keyValue',
        rows: [
          { key: k.includedRemoteDays, value: String(plan.catalog.includedRemoteDays ?? ctx.t.none) },
          { key: k.remoteDays, value: String(plan.settings.remoteDays) },
        ],
      },
      ...billingBlocks(ctx),
      text(ctx.t.notCovered, 'note'),
      list(ctx.t.notCoveredHuawei),
    ]),
    section(
      ctx,
      'organisation',
      [],
      [
        section(ctx, 'contacts', [contacts ?? missing(ctx, 'blocking')]),
        section(ctx, 'raci', [raci ?? missing(ctx, 'blocking')]),
      ],
    ),
    section(ctx, 'scheduleMilestones', scheduleBlocks(ctx)),
    section(ctx, 'riskInspection', inspectionBlocks(ctx, inspection)),
    section(ctx, 'securityEvaluation', securityBlocks(ctx, security)),
    section(ctx, 'capacityEvaluation', capacityBlocks(ctx)),
    section(ctx, 'performanceTest', performanceTestBlocks(ctx)),
    section(ctx, 'recommendations', recommendationsAndRectification(ctx)),
    section(ctx, 'onDutyArrangement', onDutyArrangement(ctx)),
    section(ctx, 'emergencyPlans', emergencyPlanBlocks(ctx, false)),
    appendicesSection(
      ctx,
      ctx.input.stress?.runs.length && !stressOutside(ctx)
        ? [section(ctx, 'stressRawData', stressRawDataBlocks(ctx))]
        : [],
    ),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsH1),
  ];
  return assemble(ctx, HUAWEI_SOLUTION_ID, DOCUMENT_TITLES[HUAWEI_SOLUTION_ID][ctx.lang], body);
}
