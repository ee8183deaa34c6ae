/**
 * A3 Cloud Hypercare Service Work Plan / 护航服务工作计划 (DELIVERABLES.md §5), from the data that
 * exists today; the required technical content that needs capacity, optimization plans and
 * incidents prints its missing-data statement until those issues plug in here.
 */
import type { BuildOptions, ReportInput } from '../input';
import { type Block, type Document, keyValue, list, text } from '../model';
import { DOCUMENT_TITLES } from '../text';
import {
  assemble,
  billingBlocks,
  contactsTable,
  context,
  deviationsSection,
  engagementKeyValues,
  missing,
  objectivesBlocks,
  raciTable,
  scheduleBlocks,
  scopeItemsTable,
  section,
  signOffSection,
  sortedFindings,
} from './common';
import { requiredContentSections } from './required-content';

export const ALIBABA_WORK_PLAN_ID = 'work-plan';

export function buildAlibabaWorkPlan(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const { plan, findings } = input;
  const k = ctx.t.keys;
  const objectives = objectivesBlocks(ctx);
  const contacts = contactsTable(ctx);
  const raci = raciTable(ctx);
  const openFindings = sortedFindings(findings.filter((f) => f.status === 'open' || f.status === 'inProgress'));
  const risks: Block[] =
    openFindings.length > 0
      ? [list(openFindings.map((f) => `${ctx.refs.get(f.id)} [${ctx.t.severity[f.severity]}] ${ctx.r(f.title)}`))]
      : [missing(ctx, 'noData')];
  const body = [
    section(ctx, 'projectOverview', [
      engagementKeyValues(ctx),
      ...(objectives.length > 0 ? objectives : [missing(ctx, 'blocking')]),
      scopeItemsTable(ctx),
    ]),
    section(ctx, 'organisationContacts', [contacts ?? missing(ctx, 'blocking'), text(ctx.t.escalationNote, 'note')]),
    section(ctx, 'responsibilitiesRaci', [raci ?? missing(ctx, 'blocking')]),
    section(ctx, 'schedule', [
      ...scheduleBlocks(ctx),
      keyValue([[k.largeResources, plan.settings.largeResources ? ctx.t.yes : ctx.t.no]]),
      ...billingBlocks(ctx),
    ]),
    section(ctx, 'customerPrerequisites', [
      list(ctx.t.prerequisites),
      ...(plan.settings.largeResources ? [text(ctx.t.prerequisitesReservation, 'note')] : []),
    ]),
    section(ctx, 'requiredTechnicalContent', [], requiredContentSections(ctx)),
    section(ctx, 'risksChangeControl', [...risks, text(ctx.t.changeControl)]),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsA3),
  ];
  return assemble(ctx, ALIBABA_WORK_PLAN_ID, DOCUMENT_TITLES[ALIBABA_WORK_PLAN_ID][ctx.lang], body, {
    dependsOn: ['pre-event-assessment-report'],
  });
}
