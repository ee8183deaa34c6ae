/**
 * The preflight of a deliverable: every section that prints a missing-data statement instead of
 * content, and the screen of the engagement where the consultant records what it needs.
 */
import type { Document, Section } from '@shared/report/model';
import type { EngagementSection } from '../../routing';

export type PreflightItem = {
  sectionId: string;
  /** '3.2 Contacts'; front matter has no number. */
  heading: string;
  text: string;
  blocksSigning: boolean;
  /** Where this is recorded; null while no screen of Vigil records it yet (later issues). */
  screen: EngagementSection | null;
};

/**
 * Which screen fills which section, by the builders' section ids (shared/report/text.ts). Sections
 * fed by data no screen records (earlier sign-offs, security events) have none.
 */
export const SCREEN_OF_SECTION: Readonly<Record<string, EngagementSection>> = {
  // Event, objectives, peak, team, schedule and resources: the plan.
  backgroundObjectives: 'plan',
  businessEventProfile: 'plan',
  projectOverview: 'plan',
  objectivesScope: 'plan',
  scopeServiceItems: 'plan',
  organisation: 'plan',
  organisationContacts: 'plan',
  contacts: 'plan',
  raci: 'plan',
  responsibilitiesRaci: 'plan',
  scheduleMilestones: 'plan',
  schedule: 'plan',
  milestones: 'plan',
  onSiteDays: 'plan',
  successCriteria: 'plan',
  customerPrerequisites: 'plan',
  serviceOverview: 'plan',
  serviceUsage: 'plan',
  projectInformationBasis: 'plan',
  projectInformationMilestones: 'plan',
  distributionList: 'plan',
  resourceInventory: 'plan',
  // Requirement survey and architecture.
  architectureOverview: 'survey',
  checklistSummary: 'survey',
  // Risks found on inspection, and what to do about them.
  riskInspection: 'inspection',
  preliminaryRisks: 'inspection',
  cloudResourceAssessment: 'inspection',
  securityEvaluation: 'security',
  securityHardening: 'security',
  executiveSummary: 'findings',
  recommendations: 'findings',
  rectification: 'findings',
  optimizationSuggestions: 'findings',
  rectificationFollowUp: 'findings',
  outstandingItems: 'findings',
  suggestionsSolutions: 'findings',
  issuesSolutions: 'findings',
  risksChangeControl: 'findings',
  evidence: 'findings',
  // Capacity evaluation per resource.
  capacityEvaluation: 'capacity',
  capacityAssessment: 'capacity',
  specPerformanceAssessment: 'capacity',
  preEventAssessment: 'capacity',
  // Stress-test plan, scenarios and imported results.
  performanceTest: 'stressTest',
  stressTestingReport: 'stressTest',
  stressObjectives: 'stressTest',
  stressEnvironment: 'stressTest',
  stressScenarios: 'stressTest',
  stressResults: 'stressTest',
  stressBottlenecks: 'stressTest',
  stressConclusions: 'stressTest',
  stressRawData: 'stressTest',
  // Optimization plans, emergency plans and drills.
  emergencyPlans: 'optimization',
  emergencyResponseDesign: 'optimization',
  trafficProtection: 'optimization',
  databaseBottleneck: 'optimization',
  processOptimization: 'optimization',
  disasterRecoverySolution: 'optimization',
  disasterRecovery: 'optimization',
  analysisOptimization: 'optimization',
  monitoringOptimizationPlan: 'optimization',
  monitoringGaps: 'optimization',
  monitoringMetrics: 'optimization',
  monitoringThresholds: 'optimization',
  monitoringDashboards: 'optimization',
  monitoringNotification: 'optimization',
  monitoringChanges: 'optimization',
  // The on-duty period: roster, checkpoints, war-room log, incidents and the closing.
  onDutyArrangement: 'onDuty',
  duringAssuranceWork: 'onDuty',
  incidentsHandling: 'onDuty',
  warRoomLog: 'onDuty',
  keyPhaseCoverage: 'onDuty',
};

export function screenForSection(sectionId: string): EngagementSection | null {
  return Object.hasOwn(SCREEN_OF_SECTION, sectionId) ? (SCREEN_OF_SECTION[sectionId] ?? null) : null;
}

/** Missing-data statements, in document order; the ones that block signing first. */
export function preflightItems(document: Document): PreflightItem[] {
  const items: PreflightItem[] = [];
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      for (const block of section.blocks) {
        if (block.kind !== 'notAssessed' || block.reason === 'notInEdition') continue;
        items.push({
          sectionId: section.id,
          heading: section.number === '' ? section.title : `${section.number} ${section.title}`,
          text: block.text,
          blocksSigning: block.blocksSigning,
          screen: screenForSection(section.id),
        });
      }
      visit(section.subsections);
    }
  };
  visit(document.frontMatter);
  visit(document.sections);
  return [...items.filter((i) => i.blocksSigning), ...items.filter((i) => !i.blocksSigning)];
}
