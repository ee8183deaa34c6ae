/**
 * The warnings a plan shows: the catalog's rules (lead time, duration cap, on-site cap, remote days,
 * window order, calendar coverage) and the plan's own checks (a customer project manager with full
 * authority, RACI of each task), each with the override recorded against it, if any.
 */

import type { Calendar } from '@shared/domain/calendar';
import type { Catalog, Localized } from '@shared/domain/catalog';
import type { Engagement } from '@shared/domain/engagement';
import {
  type Contact,
  dateInZone,
  type OnSiteDay,
  type PlanSettings,
  type PlanTask,
  raciProblems,
} from '@shared/domain/plan';
import { ruleMessage } from '@shared/domain/rule-messages';
import { computeOnSiteBilling, evaluatePlanRules, type OnSiteBilling, type RuleWarning } from '@shared/domain/rules';

export type Override = { id: string; ruleId: string; reason: string; author: string; createdAt: string };

export type PlanWarning = Omit<RuleWarning, 'messageKey'> & {
  messageKey: string;
  text: Localized;
  override: Override | null;
};

type Input = {
  engagement: Engagement;
  catalog: Catalog;
  calendar: Calendar;
  settings: PlanSettings;
  contacts: Contact[];
  tasks: PlanTask[];
  onSiteDays: OnSiteDay[];
  overrides: Override[];
};

const PM_SOURCE = {
  document: 'Alibaba Cloud Hypercare Service SOW; Huawei Key Event On-Duty Service',
  section: '4.1.1 Customer; Responsibilities',
};

function planChecks(input: Input): Omit<PlanWarning, 'override'>[] {
  const warnings: Omit<PlanWarning, 'override'>[] = [];
  if (!input.contacts.some((c) => c.party === 'customer' && c.projectManager)) {
    const text = {
      en: "Name the customer's project manager with full authority to decide for the customer.",
      'zh-CN': '请指定客户方具有全部决策权的项目经理。',
    };
    warnings.push({
      ruleId: 'contacts:customer-project-manager',
      severity: 'warning',
      messageKey: 'plan.projectManagerMissing',
      params: {},
      figure: null,
      source: PM_SOURCE,
      message: text.en,
      text,
    });
  }
  for (const task of input.tasks) {
    const problems = raciProblems(task.raci);
    if (problems.length === 0) continue;
    const text = {
      en: `Task “${task.name}” needs exactly one Accountable and at least one Responsible (${task.raci.customer} | ${task.raci.provider}).`,
      'zh-CN': `任务“${task.name}”需要且只能有一个 A（负责批准），并至少有一个 R（执行）（${task.raci.customer} | ${task.raci.provider}）。`,
    };
    warnings.push({
      ruleId: `raci:${task.templateId ?? task.id}`,
      severity: 'warning',
      messageKey: 'plan.raciInvalid',
      params: { task: task.name },
      figure: null,
      source: null,
      message: text.en,
      text,
    });
  }
  return warnings;
}

export function evaluateWarnings(input: Input): { warnings: PlanWarning[]; billing: OnSiteBilling } {
  const edition = input.catalog.editions.find((e) => e.id === input.engagement.editionId);
  const terms = { leadTimes: input.catalog.leadTimes, onSite: input.catalog.onSite, remote: input.catalog.remote };
  const ruleWarnings: Omit<PlanWarning, 'override'>[] = edition
    ? evaluatePlanRules({
        applicationDate: input.settings.applicationDate,
        eventStartDate: dateInZone(input.engagement.eventStartUtc, input.engagement.timeZone),
        eventEndDate: dateInZone(input.engagement.eventEndUtc, input.engagement.timeZone),
        eventStartUtc: input.engagement.eventStartUtc,
        eventEndUtc: input.engagement.eventEndUtc,
        orderDate: input.settings.orderDate,
        largeResources: input.settings.largeResources,
        serviceDays: input.settings.serviceDays,
        onSiteDays: input.onSiteDays,
        remoteAssuranceDays: input.settings.remoteDays,
        edition,
        terms,
        calendar: input.calendar,
      }).map((w) => ({ ...w, text: { en: ruleMessage(w, 'en'), 'zh-CN': ruleMessage(w, 'zh-CN') } }))
    : [];
  const latestOverride = new Map<string, Override>();
  for (const o of input.overrides) latestOverride.set(o.ruleId, o);
  const warnings = [...ruleWarnings, ...planChecks(input)].map((w) => ({
    ...w,
    override: latestOverride.get(w.ruleId) ?? null,
  }));
  return { warnings, billing: computeOnSiteBilling({ terms, calendar: input.calendar, onSiteDays: input.onSiteDays }) };
}
