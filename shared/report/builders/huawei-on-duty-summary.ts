/**
 * H2 On-Duty Service Summary / 值守服务总结报告 (DELIVERABLES.md §4): the summary of the work before
 * and during the assurance, from the findings and plan that exist today; roster, war-room log,
 * incidents and checkpoints print their missing-data statement until those issues plug in.
 */
import type { BuildOptions, ReportInput } from '../input';
import type { Document } from '../model';
import { DOCUMENT_TITLES } from '../text';
import { appendicesSection, assemble, context, deviationsSection, signOffSection } from './common';
import { HUAWEI_SUMMARY_ITEMS, summarySections } from './summary-sections';

export const HUAWEI_SUMMARY_ID = 'on-duty-summary';

export function buildHuaweiOnDutySummary(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    ...summarySections(ctx, HUAWEI_SUMMARY_ITEMS),
    appendicesSection(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsH2, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, HUAWEI_SUMMARY_ID, DOCUMENT_TITLES[HUAWEI_SUMMARY_ID][ctx.lang], body, {
    dependsOn: HUAWEI_SUMMARY_ITEMS.earlier,
  });
}
