/**
 * A4 Service Summary / 护航服务总结 (DELIVERABLES.md §5): H2's sections 1–7, then the five §7.2
 * items in final form, the security events and the service usage ([AL] §7.1 no. 14). Roster,
 * incidents and optimization data print their missing-data statement until those issues plug in.
 */
import type { BuildOptions, ReportInput } from '../input';
import { type Document, keyValue, type SectionDraft } from '../model';
import { DOCUMENT_TITLES, fill } from '../text';
import {
  appendicesSection,
  assemble,
  billingBlocks,
  type Ctx,
  context,
  deviationsSection,
  itemName,
  missingForItem,
  part,
  section,
  signOffSection,
} from './common';
import { securityEventBlocks } from './onduty-sections';
import { requiredContentSections } from './required-content';
import { ALIBABA_SUMMARY_ITEMS, summarySections } from './summary-sections';

export const ALIBABA_SUMMARY_ID = 'service-summary';

/** 8 The five §7.2 items as delivered. */
function requiredTechnicalContentFinal(ctx: Ctx): SectionDraft {
  return section(ctx, 'requiredTechnicalContentFinal', [], requiredContentSections(ctx));
}

/** 9 Detection, analysis and solution per security event ([AL] §4.1.2), if any. */
function securityEventsReport(ctx: Ctx): SectionDraft {
  return section(ctx, 'securityEventsReport', securityEventBlocks(ctx));
}

/** 10 Days against the edition's cap and on-site person-days with multipliers: planned, then used per the roster. */
function serviceUsage(ctx: Ctx): SectionDraft {
  const { plan } = ctx.input;
  const days =
    plan.catalog.maxServiceDays === null
      ? fill(ctx.t.serviceDurationNoCap, { days: plan.settings.serviceDays })
      : fill(ctx.t.serviceDuration, { days: plan.settings.serviceDays, max: plan.catalog.maxServiceDays });
  return section(ctx, 'serviceUsage', [
    keyValue([[ctx.t.keys.serviceDays, days]]),
    ...billingBlocks(ctx),
    part(`${ctx.t.parts.daysWorked} (${itemName(ctx, ALIBABA_SUMMARY_ITEMS.onDuty, 'serviceUsage')})`),
    missingForItem(ctx, ALIBABA_SUMMARY_ITEMS.onDuty, true),
  ]);
}

export function buildAlibabaServiceSummary(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  const body = [
    ...summarySections(ctx, ALIBABA_SUMMARY_ITEMS),
    requiredTechnicalContentFinal(ctx),
    securityEventsReport(ctx),
    serviceUsage(ctx),
    appendicesSection(ctx),
    deviationsSection(ctx),
    signOffSection(ctx, ctx.t.signOff.attestsA4, ctx.t.signOff.attestsProviderDocument),
  ];
  return assemble(ctx, ALIBABA_SUMMARY_ID, DOCUMENT_TITLES[ALIBABA_SUMMARY_ID][ctx.lang], body, {
    dependsOn: ALIBABA_SUMMARY_ITEMS.earlier,
  });
}
