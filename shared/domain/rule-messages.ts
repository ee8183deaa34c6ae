/**
 * The text of plan-rule warnings in English and Simplified Chinese. Shared rather than in the
 * renderer's i18n files because the core writes the English into logs and the deliverables render
 * warnings and overrides in the engagement's language, outside the UI.
 */
import type { Language } from './calendar';
import type { RuleParams } from './rules';

export const RULE_MESSAGE_KEYS = [
  'rules.leadTime.tooLate',
  'rules.leadTime.orderDateMissing',
  'rules.serviceDuration.tooLong',
  'rules.onSite.overServiceDuration',
  'rules.remote.extraDaysBillable',
  'rules.event.endNotAfterStart',
  'rules.calendar.outsideCoverage',
] as const;
export type RuleMessageKey = (typeof RULE_MESSAGE_KEYS)[number];

type Render = (p: RuleParams) => string;
/** A param as read from a message's params: absent when the caller left it out. */
type Param = string | number | undefined;

const unitEn = (unit: Param, amount: Param): string => {
  const one = Number(amount) === 1 || Number(amount) === -1;
  if (unit === 'months') return one ? 'month' : 'months';
  if (unit === 'businessDays') return one ? 'business day' : 'business days';
  return one ? 'working day' : 'working days';
};
// Chinese uses 工作日 for both working and business days.
const unitZh = (unit: Param): string => (unit === 'months' ? '个月' : '个工作日');
const anchorEn = (anchor: Param): string => (anchor === 'order' ? 'the order' : 'the event starts');
const anchorZh = (anchor: Param): string => (anchor === 'order' ? '下单' : '活动开始');

const messages: Record<Language, Record<RuleMessageKey, Render>> = {
  en: {
    'rules.leadTime.tooLate': (p) =>
      p.unit === 'months'
        ? `The application on ${p.applicationDate} is less than ${p.required} ${unitEn(p.unit, p.required)} before ${anchorEn(p.anchor)} (${p.anchorDate}): apply by ${p.latestDate}.`
        : `The application on ${p.applicationDate} is ${p.actual} ${unitEn(p.unit, p.actual)} before ${anchorEn(p.anchor)} (${p.anchorDate}); at least ${p.required} are required: apply by ${p.latestDate}. Counted after the application date, up to and including ${p.anchorDate}.`,
    'rules.leadTime.orderDateMissing': (p) =>
      `Enter the order date to check the lead time of at least ${p.required} ${unitEn(p.unit, p.required)} before ordering.`,
    'rules.serviceDuration.tooLong': (p) =>
      `The service lasts ${p.actual} days; this edition allows at most ${p.required}.`,
    'rules.onSite.overServiceDuration': (p) =>
      `On-site work totals ${p.actual} person-days, more than the service duration of ${p.required} days.`,
    'rules.remote.extraDaysBillable': (p) =>
      `${p.actual} days of remote assurance are planned and ${p.required} included: ${p.extra} extra ${Number(p.extra) === 1 ? 'day is' : 'days are'} billed.`,
    'rules.event.endNotAfterStart': (p) => `The event must end after it starts (start ${p.start}, end ${p.end}).`,
    'rules.calendar.outsideCoverage': (p) =>
      `The calendar "${p.calendarEn}" does not list public holidays for ${p.years}: days there are counted with weekends only.`,
  },
  'zh-CN': {
    'rules.leadTime.tooLate': (p) =>
      p.unit === 'months'
        ? `申请日 ${p.applicationDate} 距${anchorZh(p.anchor)}（${p.anchorDate}）不足 ${p.required} ${unitZh(p.unit)}：请最迟于 ${p.latestDate} 提交申请。`
        : `申请日 ${p.applicationDate} 距${anchorZh(p.anchor)}（${p.anchorDate}）仅 ${p.actual} ${unitZh(p.unit)}，至少需要 ${p.required} ${unitZh(p.unit)}：请最迟于 ${p.latestDate} 提交申请。从申请日之后数到 ${p.anchorDate}（含）。`,
    'rules.leadTime.orderDateMissing': (p) =>
      `请填写下单日期，以检查是否在下单前至少 ${p.required} ${unitZh(p.unit)}提出申请。`,
    'rules.serviceDuration.tooLong': (p) => `服务时长 ${p.actual} 天，本版本最多 ${p.required} 天。`,
    'rules.onSite.overServiceDuration': (p) => `现场服务共 ${p.actual} 人天，超过服务时长 ${p.required} 天。`,
    'rules.remote.extraDaysBillable': (p) =>
      `计划远程保障 ${p.actual} 天，含 ${p.required} 天：超出的 ${p.extra} 天需额外付费。`,
    'rules.event.endNotAfterStart': (p) => `活动结束时间必须晚于开始时间（开始 ${p.start}，结束 ${p.end}）。`,
    'rules.calendar.outsideCoverage': (p) =>
      `日历"${p.calendarZh}"未列出 ${p.years} 年的公共假日：这些日期仅按周末计算。`,
  },
};

/** A warning's message in `language`, from its key and params. */
export function ruleMessage(warning: { messageKey: RuleMessageKey; params: RuleParams }, language: Language): string {
  return messages[language][warning.messageKey](warning.params);
}
