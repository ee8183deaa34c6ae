/**
 * H1 Key Event Assurance Solution / 关键事件保障方案 (DELIVERABLES.md §4), from the data that
 * exists today; capacity, performance test, roster and emergency plans print their missing-data
 * statement until the issues that record them plug in here.
 */
import type { Finding } from '../../domain/finding';
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, list, text } from '../model';
import { DOCUMENT_TITLES, fill } from '../text';
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
  peakBlocks,
  raciTable,
  rectificationTable,
  scheduleBlocks,
  scopeItemsTable,
  section,
  signOffSection,
  sortedFindings,
} from './common';

export const HUAWEI_SOLUTION_ID = 'assurance-solution';

/** Findings raised from a security-kind checklist belong to the security evaluation. */
export function splitFindings(ctx: Ctx): { inspection: Finding[]; security: Finding[] } {
  const securityTemplates = new Set(ctx.input.checklists.filter((c) => c.kind === 'security').map((c) => c.templateId));
  const security = ctx.input.findings.filter((f) => f.templateId !== null && securityTemplates.has(f.templateId));
  return { inspection: ctx.input.findings.filter((f) => !security.includes(f)), security };
}

export function executiveSummaryBlocks(ctx: Ctx): Block[] {
  const { findings, engagement } = ctx.input;
  const blocks: Block[] = [{ ...missing(ctx, 'noData'), text: ctx.t.missing.verdict }];
  if (findings.length === 0) {
    blocks.push(missing(ctx, 'noData'));
    return blocks;
  }
  const summary = findingsBlock(ctx, findings);
  blocks.push({ ...summary, items: [] });
  const top = sortedFindings(findings.filter((f) => f.status === 'open' || f.status === 'inProgress')).slice(0, 5);
  if (top.length > 0) {
    blocks.push(text(ctx.t.topRisks, 'note'));
    blocks.push(list(top.map((f) => `${ctx.refs.get(f.id)} [${ctx.t.severity[f.severity]}] ${ctx.r(f.title)}`)));
  }
  const windowStart = engagement.eventStartLocal.slice(0, 10);
  const actions = sortedFindings(
    findings.filter(
      (f) => (f.status === 'open' || f.status === 'inProgress') && f.dueDate !== null && f.dueDate <= windowStart,
    ),
  );
  blocks.push(text(ctx.t.customerActions, 'note'));
  blocks.push(
    actions.length === 0
      ? text(ctx.t.noCustomerActions)
      : list(actions.map((f) => `${ctx.refs.get(f.id)} ${ctx.r(f.recommendation) || ctx.r(f.title)} (${f.dueDate})`)),
  );
  return blocks;
}

function inspectionBlocks(ctx: Ctx, findings: Finding[]): Block[] {
  if (findings.length > 0) return [text(ctx.t.findingsSourcedNote, 'note'), findingsBlock(ctx, findings)];
  const inspection = ctx.input.checklists.filter((c) => c.kind === 'inspection' && c.answered > 0);
  if (inspection.length > 0) {
    const answered = inspection.reduce((n, c) => n + c.answered, 0);
    const total = inspection.reduce((n, c) => n + c.total, 0);
    return [text(fill(ctx.t.noRisksFound, { answered, total }))];
  }
  return [missing(ctx, 'blocking')];
}

function securityBlocks(ctx: Ctx, findings: Finding[]): Block[] {
  if (!itemInScope(ctx, 'security-evaluation')) return [missingForItem(ctx, 'security-evaluation')];
  const note = text(ctx.t.huaweiSecurityNote, 'note');
  if (findings.length > 0) return [note, findingsBlock(ctx, findings)];
  const started = ctx.input.checklists.filter((c) => c.kind === 'security' && c.answered > 0);
  if (started.length > 0) {
    return [
      note,
      ...started.map((c) =>
        text(
          fill(ctx.t.checklistProgress, {
            title: c.title[ctx.lang],
            answered: c.answered,
            total: c.total,
            failed: c.failed,
          }),
        ),
      ),
    ];
  }
  return [note, missing(ctx, 'noData')];
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
    section(ctx, 'executiveSummary', executiveSummaryBlocks(ctx)),
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
    section(ctx, 'capacityEvaluation', [missingForItem(ctx, 'capacity-evaluation')]),
    section(ctx, 'performanceTest', [missingForItem(ctx, 'performance-test')]),
    section(
      ctx,
      'recommendations',
      input.findings.length > 0 ? rectificationTable(ctx, input.findings) : [missing(ctx, 'noData')],
    ),
    section(ctx, 'onDutyArrangement', [missingForItem(ctx, 'on-duty-team', true)]),
    section(ctx, 'emergencyPlans', [missing(ctx, 'noData')]),
    appendicesSection(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsH1),
  ];
  return assemble(ctx, HUAWEI_SOLUTION_ID, DOCUMENT_TITLES[HUAWEI_SOLUTION_ID][ctx.lang], body);
}
