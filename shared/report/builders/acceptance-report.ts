/**
 * Both offerings name their acceptance report `acceptance-report`, but the outlines differ: H3
 * (Huawei, signed and sealed after the solution and the summary) and A5 (Alibaba, at expiry with
 * the §4.1.3 contents). The catalog tells them apart by the summary it delivers.
 */
import type { BuildOptions, ReportInput } from '../input';
import type { Document } from '../model';
import { buildAlibabaAcceptanceReport } from './alibaba-acceptance-report';
import { buildHuaweiAcceptanceReport } from './huawei-acceptance-report';
import { HUAWEI_SUMMARY_ID } from './huawei-on-duty-summary';

/** H3 when the catalog delivers Huawei's On-Duty Service Summary, A5 otherwise. */
export function acceptanceOutline(input: ReportInput): 'huawei' | 'alibaba' {
  return input.plan.catalog.deliverables.some((d) => d.id === HUAWEI_SUMMARY_ID) ? 'huawei' : 'alibaba';
}

export function buildAcceptanceReport(input: ReportInput, options: BuildOptions = {}): Document {
  return acceptanceOutline(input) === 'huawei'
    ? buildHuaweiAcceptanceReport(input, options)
    : buildAlibabaAcceptanceReport(input, options);
}
