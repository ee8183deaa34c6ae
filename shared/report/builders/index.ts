export { buildAlibabaWorkPlan } from './alibaba-work-plan';
export { buildHuaweiAssuranceSolution } from './huawei-assurance-solution';
