/**
 * Every deliverable builder, by the catalog's deliverable id. A deliverable a catalog names without
 * an entry here is listed as not yet available; renderer and export tests iterate over this registry.
 */
import type { BuildOptions, ReportInput } from '../input';
import type { Document } from '../model';
import { buildAcceptanceReport } from './acceptance-report';
import { ACCEPTANCE_REPORT_ID } from './acceptance-sections';
import {
  buildAlibabaMonitoringPlan,
  buildAlibabaStressTestingReport,
  MONITORING_PLAN_ID,
  STRESS_REPORT_ID,
} from './alibaba-annexes';
import { ALIBABA_ASSESSMENT_ID, buildAlibabaPreEventAssessment } from './alibaba-pre-event-assessment';
import { ALIBABA_DESIGN_ID, buildAlibabaServiceDesign } from './alibaba-service-design';
import { ALIBABA_SUMMARY_ID, buildAlibabaServiceSummary } from './alibaba-service-summary';
import { ALIBABA_WORK_PLAN_ID, buildAlibabaWorkPlan } from './alibaba-work-plan';
import { buildHuaweiAssuranceSolution, HUAWEI_SOLUTION_ID } from './huawei-assurance-solution';
import { buildHuaweiOnDutySummary, HUAWEI_SUMMARY_ID } from './huawei-on-duty-summary';

export type Builder = (input: ReportInput, options?: BuildOptions) => Document;

export const BUILDERS: Readonly<Record<string, Builder>> = {
  // Huawei Cloud Key Event On-Duty Service (H1, H2; H3 below)
  [HUAWEI_SOLUTION_ID]: buildHuaweiAssuranceSolution,
  [HUAWEI_SUMMARY_ID]: buildHuaweiOnDutySummary,
  // Alibaba Cloud Hypercare Service (A1, A2 with its two annexed reports, A3, A4; A5 below)
  [ALIBABA_ASSESSMENT_ID]: buildAlibabaPreEventAssessment,
  [ALIBABA_DESIGN_ID]: buildAlibabaServiceDesign,
  [STRESS_REPORT_ID]: buildAlibabaStressTestingReport,
  [MONITORING_PLAN_ID]: buildAlibabaMonitoringPlan,
  [ALIBABA_WORK_PLAN_ID]: buildAlibabaWorkPlan,
  [ALIBABA_SUMMARY_ID]: buildAlibabaServiceSummary,
  // H3 or A5, by the offering of the engagement's catalog
  [ACCEPTANCE_REPORT_ID]: buildAcceptanceReport,
};

export { acceptanceOutline, buildAcceptanceReport } from './acceptance-report';
export { buildAlibabaAcceptanceReport } from './alibaba-acceptance-report';
export { buildAlibabaMonitoringPlan, buildAlibabaStressTestingReport } from './alibaba-annexes';
export { buildAlibabaPreEventAssessment } from './alibaba-pre-event-assessment';
export { buildAlibabaServiceDesign } from './alibaba-service-design';
export { buildAlibabaServiceSummary } from './alibaba-service-summary';
export { buildAlibabaWorkPlan } from './alibaba-work-plan';
export { buildHuaweiAcceptanceReport } from './huawei-acceptance-report';
export { buildHuaweiAssuranceSolution } from './huawei-assurance-solution';
export { buildHuaweiOnDutySummary } from './huawei-on-duty-summary';
