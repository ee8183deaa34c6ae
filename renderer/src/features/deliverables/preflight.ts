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
 * Which screen fills which section, by the builders' section ids. Sections fed by data no screen
 * records yet (capacity, stress tests, roster, war-room log, incidents) have none.
 */
const SCREEN_OF_SECTION: Record<string, EngagementSection> = {
  // Event, objectives, peak, team and schedule: the plan.
  backgroundObjectives: 'plan',
  businessProfile: 'plan',
  projectOverview: 'plan',
  objectivesScope: 'plan',
  scopeServiceItems: 'plan',
  contacts: 'plan',
  raci: 'plan',
  organisation: 'plan',
  organisationContacts: 'plan',
  responsibilitiesRaci: 'plan',
  scheduleMilestones: 'plan',
  schedule: 'plan',
  successCriteria: 'plan',
  distributionList: 'plan',
  resourceInventory: 'plan',
  serviceOverview: 'plan',
  serviceUsage: 'plan',
  projectInformation: 'plan',
  customerPrerequisites: 'plan',
  // Requirement survey and architecture.
  architectureOverview: 'survey',
  checklistSummary: 'survey',
  // Risks found on inspection, and what to do about them.
  riskInspection: 'inspection',
  preliminaryRisks: 'inspection',
  cloudResourceAssessment: 'inspection',
  securityEvaluation: 'security',
  securityHardening: 'security',
  recommendations: 'findings',
  analysisOptimization: 'findings',
  analysisSuggestions: 'findings',
  rectificationFollowUp: 'findings',
  outstandingItems: 'findings',
  risksChangeControl: 'findings',
  executiveSummary: 'findings',
  evidence: 'findings',
  // On duty.
  onDutyArrangement: 'onDuty',
  duringAssurance: 'onDuty',
  incidents: 'onDuty',
  warRoomLog: 'onDuty',
  emergencyResponse: 'onDuty',
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
