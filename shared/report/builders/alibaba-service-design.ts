/**
 * A2 Hypercare Service Design / 护航服务方案 (DELIVERABLES.md §5) for catalog items 2–11, with the
 * stress testing report (annex S) and the monitoring optimization plan (annex M). The roster prints
 * its missing-data statement until the issue that records it plugs in here.
 */

import { evaluationText } from '../evaluation-text';
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, type SectionDraft, table } from '../model';
import { DOCUMENT_TITLES } from '../text';
import { monitoringAnnex, stressTestingAnnex } from './alibaba-annexes';
import { checklistProgressBlocks, executiveSummaryBlocks, inspectionBlocks, splitFindings } from './assessment';
import {
  appendicesSection,
  assemble,
  type Ctx,
  contactsTable,
  context,
  deviationsSection,
  findingsBlock,
  missing,
  missingForItem,
  missingForItems,
  objectivesBlocks,
  outsideEdition,
  part,
  rectificationTable,
  scopeItemsTable,
  section,
  signOffSection,
  unconfirmedNone,
} from './common';
import { capacityBlocks } from './evaluation-sections';
import {
  antiDdosIpsBlock,
  databaseBottleneckBlocks,
  disasterRecoveryBlocks,
  emergencyPlanBlocks,
  processBlocks,
  recommendationBlocks,
  trafficProtectionBlocks,
} from './optimization-sections';

export const ALIBABA_DESIGN_ID = 'service-design';

/** 1 Verdict (needs capacity and stress test), heat map, blocking items and customer actions. */
function executiveSummary(ctx: Ctx): SectionDraft {
  return section(ctx, 'executiveSummary', executiveSummaryBlocks(ctx, { capacity: true, stress: true }));
}

/** 2 The edition's items and the objectives; their confirmation in A1 comes with the sign-offs. */
function objectivesScope(ctx: Ctx): SectionDraft {
  const objectives = objectivesBlocks(ctx);
  return section(ctx, 'objectivesScope', [
    ...(objectives.length > 0 ? objectives : [missing(ctx, 'blocking')]),
    scopeItemsTable(ctx),
    part(ctx.t.parts.objectivesConfirmed),
    missing(ctx, 'noData'),
  ]);
}

/** 3 Findings by resource and severity (security-checklist findings go to section 7). */
function riskInspection(ctx: Ctx): SectionDraft {
  return section(ctx, 'riskInspection', inspectionBlocks(ctx, splitFindings(ctx).inspection));
}

/** 4 The inventory in scope; its assessment against needs, quotas and expiries is capacity data. */
function cloudResourceAssessment(ctx: Ctx): SectionDraft {
  const { resources } = ctx.input.plan;
  const c = ctx.t.columns;
  return section(ctx, 'cloudResourceAssessment', [
    resources.length === 0
      ? missing(ctx, 'blocking')
      : table(
          [
            [c.resourceType, 2],
            [c.spec, 3],
            [c.count, 1, 'right'],
            [c.region, 2],
            [c.notes, 3],
          ],
          resources.map((r) => [r.resourceType, ctx.r(r.spec), String(r.count), ctx.r(r.region), ctx.r(r.notes)]),
        ),
    part(ctx.t.parts.resourceNeeds),
    ...(ctx.input.capacity && ctx.input.capacity.items.length > 0
      ? capacityBlocks(ctx, true)
      : [missingForItem(ctx, 'cloud-resource-assessment', true)]),
  ]);
}

/** 5 Specifications and elasticity against the objectives, headroom per resource. */
function capacityAssessment(ctx: Ctx): SectionDraft {
  return section(ctx, 'capacityAssessment', capacityBlocks(ctx));
}

/** 6 Burst handling (rate limits, Anti-DDoS, WAF, bandwidth) and the Anti-DDoS instance IPs, if any. */
function trafficProtection(ctx: Ctx): SectionDraft {
  const item = 'traffic-protection-planning';
  return section(
    ctx,
    'trafficProtection',
    outsideEdition(ctx, item) ? [missingForItem(ctx, item)] : trafficProtectionBlocks(ctx),
    [section(ctx, 'antiDdosIps', [antiDdosIpsBlock(ctx) ?? unconfirmedNone(ctx)])],
  );
}

/** 7 Scan results and fixes: security-checklist findings today, scans when recorded. */
function securityHardening(ctx: Ctx): SectionDraft {
  const item = 'security-hardening-planning';
  if (outsideEdition(ctx, item)) return section(ctx, 'securityHardening', [missingForItem(ctx, item)]);
  const { security } = splitFindings(ctx);
  const checklists = checklistProgressBlocks(ctx, 'security');
  const blocks: Block[] =
    security.length > 0 ? [part(ctx.t.parts.securityFindings), findingsBlock(ctx, security)] : checklists;
  return section(ctx, 'securityHardening', [...blocks, part(ctx.t.parts.scanResults), missingForItem(ctx, item)]);
}

/** 8 Slow queries, connections, specs, read/write split and the bottlenecks found, with fixes. */
function databaseBottleneck(ctx: Ctx): SectionDraft {
  const items = ['database-optimization', 'resource-bottleneck-optimization'];
  const outside = missingForItems(ctx, items);
  if (outside.reason === 'notInEdition') return section(ctx, 'databaseBottleneck', [outside]);
  const blocks = databaseBottleneckBlocks(ctx);
  return section(ctx, 'databaseBottleneck', blocks.length > 0 ? blocks : [outside]);
}

/** 9 End-to-end process: change freeze, release windows, escalation. */
function processOptimization(ctx: Ctx): SectionDraft {
  const item = 'process-optimization';
  return section(
    ctx,
    'processOptimization',
    outsideEdition(ctx, item) ? [missingForItem(ctx, item)] : processBlocks(ctx),
  );
}

/** 10 DR design, RTO/RPO and switchover steps ([AL] §7.2): required. */
function disasterRecoverySolution(ctx: Ctx): SectionDraft {
  return section(ctx, 'disasterRecoverySolution', disasterRecoveryBlocks(ctx, true));
}

/** 11 Ranked recommendations with owner, due and status ([AL] §7.2, §4.1.3). */
function optimizationSuggestions(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const blocks = [...(findings.length > 0 ? rectificationTable(ctx, findings) : []), ...recommendationBlocks(ctx)];
  return section(ctx, 'optimizationSuggestions', blocks.length > 0 ? blocks : [missing(ctx, 'blocking')]);
}

/** 12 Who is reached how: contacts today; group chat, roster and playbooks when recorded. */
function emergencyResponseDesign(ctx: Ctx): SectionDraft {
  const contacts = contactsTable(ctx);
  const playbook = emergencyPlanBlocks(ctx, false).filter((b) => b.kind !== 'notAssessed');
  return section(ctx, 'emergencyResponseDesign', [
    ...(contacts ? [contacts] : []),
    ...(playbook.length > 0 ? [part(evaluationText(ctx.lang).optimization.playbookCaption), ...playbook] : []),
    part(ctx.t.parts.rosterPlaybook),
    missingForItem(ctx, 'emergency-response-group-chat', true),
  ]);
}

export function buildAlibabaServiceDesign(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    executiveSummary(ctx),
    objectivesScope(ctx),
    riskInspection(ctx),
    cloudResourceAssessment(ctx),
    capacityAssessment(ctx),
    trafficProtection(ctx),
    securityHardening(ctx),
    databaseBottleneck(ctx),
    processOptimization(ctx),
    disasterRecoverySolution(ctx),
    optimizationSuggestions(ctx),
    emergencyResponseDesign(ctx),
    stressTestingAnnex(ctx),
    monitoringAnnex(ctx),
    appendicesSection(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsA2, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, ALIBABA_DESIGN_ID, DOCUMENT_TITLES[ALIBABA_DESIGN_ID][ctx.lang], body, {
    dependsOn: ['pre-event-assessment-report'],
  });
}
