/**
 * H3 Acceptance Report / 验收报告 (DELIVERABLES.md §4): closes the Huawei service once the Assurance
 * Solution and the On-Duty Summary are provided and this report is signed and sealed, or accepted
 * online ([HW] Acceptance Criteria). Deliverable sign-offs, delivery status and the conclusion print
 * the NB statement until the sign-off issue records them.
 */
import type { BuildOptions, ReportInput } from '../input';
import { type Document, type SectionDraft, text } from '../model';
import { DOCUMENT_TITLES } from '../text';
import {
  ACCEPTANCE_REPORT_ID,
  acceptanceConclusion,
  deliverablesSection,
  outstandingItems,
  projectFacts,
  serviceItemsDelivered,
  signerAuthority,
} from './acceptance-sections';
import { assemble, type Ctx, context, deviationsSection, section, signatureBlocks } from './common';

/** 1 Order, parties, edition, period and the service description's acceptance criteria. */
function projectInformationBasis(ctx: Ctx): SectionDraft {
  return section(ctx, 'projectInformationBasis', [...projectFacts(ctx), text(ctx.t.huaweiAcceptanceCriteria)]);
}

/** 6 The customer signs and seals (or accepts online); the provider counter-signs. */
function signaturesSeal(ctx: Ctx): SectionDraft {
  return section(ctx, 'signaturesSeal', [
    text(ctx.t.sealHuawei, 'note'),
    ...signerAuthority(ctx),
    ...signatureBlocks(ctx, ctx.t.signOff.attestsH3, ctx.t.signOff.attestsProviderAcceptance),
  ]);
}

export function buildHuaweiAcceptanceReport(input: ReportInput, options: BuildOptions = {}): Document {
  const ctx = context(input, options);
  // The outline's sections keep their numbers (the signature cites sections 3 and 4); deviations follow.
  const body = [
    projectInformationBasis(ctx),
    deliverablesSection(ctx, ACCEPTANCE_REPORT_ID),
    serviceItemsDelivered(ctx),
    outstandingItems(ctx),
    acceptanceConclusion(ctx),
    signaturesSeal(ctx),
    deviationsSection(ctx),
  ];
  return assemble(ctx, ACCEPTANCE_REPORT_ID, DOCUMENT_TITLES['huawei-acceptance-report'][ctx.lang], body, {
    dependsOn: ['assurance-solution', 'on-duty-summary'],
  });
}
