/**
 * Every deliverable builder, by the catalog's deliverable id. A deliverable a catalog names without
 * an entry here is listed as not yet available; renderer and export tests iterate over this registry.
 */
import type { BuildOptions, ReportInput } from '../input';
import type { Document } from '../model';
import { ALIBABA_WORK_PLAN_ID, buildAlibabaWorkPlan } from './alibaba-work-plan';
import { buildHuaweiAssuranceSolution, HUAWEI_SOLUTION_ID } from './huawei-assurance-solution';

export type Builder = (input: ReportInput, options?: BuildOptions) => Document;

export const BUILDERS: Readonly<Record<string, Builder>> = {
  [HUAWEI_SOLUTION_ID]: buildHuaweiAssuranceSolution,
  [ALIBABA_WORK_PLAN_ID]: buildAlibabaWorkPlan,
};

export { buildAlibabaWorkPlan } from './alibaba-work-plan';
export { buildHuaweiAssuranceSolution } from './huawei-assurance-solution';
