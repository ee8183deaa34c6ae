/**
 * Pieces every deliverable shares: context, missing-data statements, findings blocks, contacts,
 * RACI, schedule, billing, deviations, front matter, appendices and the sign-off placeholders.
 */
import { countingRuleText } from '../../domain/calendar';
import { type Finding, SEVERITIES, SEVERITY_RANK } from '../../domain/finding';
import type { BuildOptions, ReportInput } from '../input';
import {
  type Block,
  type BlockOf,
  type Document,
  type FindingItem,
  keyValue,
  numberSections,
  type SectionDraft,
  table,
  text,
  unnumbered,
  validateDocument,
} from '../model';
import { type DocLanguage, type DocStrings, docText, fill, type SectionTitleId, sectionTitle } from '../text';

export type Ctx = {
  input: ReportInput;
  lang: DocLanguage;
  t: DocStrings;
  r: (text: string) => string;
  /** Findings with their F-nnn reference, in creation order. */
  refs: Map<string, string>;
};

export function context(input: ReportInput, options: BuildOptions = {}): Ctx {
  const lang = options.language ?? input.engagement.language;
  return {
    input,
    lang,
    t: docText(lang),
    r: options.redact ?? ((s) => s),
    refs: findingRefs(input.findings),
  };
}

/** F-001, F-002… by creation time (then id), so a finding keeps its ID in every document. */
export function findingRefs(findings: readonly Finding[]): Map<string, string> {
  const ordered = [...findings].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
  return new Map(ordered.map((f, i) => [f.id, `F-${String(i + 1).padStart(3, '0')}`]));
}

export const section = (ctx: Ctx, id: SectionTitleId, blocks: Block[], subsections?: SectionDraft[]): SectionDraft => ({
  id,
  title: sectionTitle(id, ctx.lang),
  blocks,
  ...(subsections === undefined ? {} : { subsections }),
});

/** The outline's missing-data statement (DELIVERABLES.md §0). */
export function missing(ctx: Ctx, reason: BlockOf<'notAssessed'>['reason']): BlockOf<'notAssessed'> {
  const { plan, engagement } = ctx.input;
  const params = {
    date: ctx.input.issue.date,
    edition: plan.catalog.editionName[ctx.lang],
    catalog: plan.catalog.name[ctx.lang],
    period: `${engagement.eventStartLocal.slice(0, 10)} – ${engagement.eventEndLocal.slice(0, 10)}`,
  };
  return {
    kind: 'notAssessed',
    reason,
    text: fill(ctx.t.missing[reason], params),
    blocksSigning: reason === 'blocking',
  };
}

/** NS when the edition leaves the item out, otherwise ND (or NB when the section is required). */
export function missingForItem(ctx: Ctx, itemId: string, required = false): BlockOf<'notAssessed'> {
  const item = ctx.input.plan.catalog.items.find((i) => i.id === itemId);
  if (item !== undefined && !item.inScope) return missing(ctx, 'notInEdition');
  return missing(ctx, required ? 'blocking' : 'noData');
}

export function itemInScope(ctx: Ctx, itemId: string): boolean {
  return ctx.input.plan.catalog.items.some((i) => i.id === itemId && i.inScope);
}

/** A UTC offset like +08:00 of the zone at that instant. */
export function utcOffset(utcIso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcIso))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = (part ?? 'GMT').replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

export function windowText(ctx: Ctx): string {
  const e = ctx.input.engagement;
  const fmt = (local: string) => local.replace('T', ' ');
  return `${fmt(e.eventStartLocal)} – ${fmt(e.eventEndLocal)} (${e.timeZone}, UTC${utcOffset(e.eventStartUtc, e.timeZone)})`;
}

const bySeverity = (a: Finding, b: Finding) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.createdAt < b.createdAt ? -1 : 1);

export function findingItem(ctx: Ctx, f: Finding): FindingItem {
  const evidence = (ctx.input.evidence ?? [])
    .filter((e) => e.targetKind === 'finding' && e.targetId === f.id && e.mediaType.startsWith('image/'))
    .map((e) => ({ ref: { sha256: e.sha256, variant: 'document' as const }, caption: ctx.r(e.caption) }));
  return {
    ref: ctx.refs.get(f.id) ?? '',
    severity: f.severity,
    severityLabel: ctx.t.severity[f.severity],
    title: ctx.r(f.title),
    description: ctx.r(f.description),
    recommendation: ctx.r(f.recommendation),
    affectedResources: f.affectedResources.map(ctx.r),
    owner: ctx.r(f.owner),
    dueDate: f.dueDate,
    status: f.status,
    statusLabel: ctx.t.findingStatus[f.status],
    disposition: ctx.r(f.disposition),
    evidence,
  };
}

/** Severity summary (every severity, zeros included) and the items, most severe first. */
export function findingsBlock(ctx: Ctx, findings: readonly Finding[]): BlockOf<'findings'> {
  return {
    kind: 'findings',
    summary: SEVERITIES.map((severity) => ({
      severity,
      label: ctx.t.severity[severity],
      count: findings.filter((f) => f.severity === severity).length,
    })),
    items: [...findings].sort(bySeverity).map((f) => findingItem(ctx, f)),
    labels: { ...ctx.t.findingLabels },
  };
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(bySeverity);
}

/** Ranked recommendations with owner, due and status; accepted risks named with who and why. */
export function rectificationTable(ctx: Ctx, findings: readonly Finding[]): Block[] {
  const c = ctx.t.columns;
  const rows = sortedFindings(findings).map((f) => [
    ctx.refs.get(f.id) ?? '',
    ctx.t.severity[f.severity],
    ctx.r(f.recommendation) || ctx.r(f.title),
    ctx.r(f.owner) || ctx.t.none,
    f.dueDate ?? ctx.t.none,
    ctx.t.findingStatus[f.status],
  ]);
  const blocks: Block[] = [
    table(
      [
        [c.ref, 1],
        [c.severity, 1],
        [c.recommendation, 5],
        [c.owner, 2],
        [c.due, 1.5],
        [c.status, 1.5],
      ],
      rows,
    ),
  ];
  const accepted = findings.filter((f) => f.status === 'riskAccepted');
  if (accepted.length > 0) {
    blocks.push(text(ctx.t.riskAcceptedNote, 'note'));
    blocks.push(
      table(
        [
          [c.ref, 1],
          [ctx.t.findingLabels.title, 4],
          [ctx.t.findingLabels.disposition, 5],
        ],
        accepted.map((f) => [ctx.refs.get(f.id) ?? '', ctx.r(f.title), ctx.r(f.disposition)]),
      ),
    );
  }
  return blocks;
}

export function engagementKeyValues(ctx: Ctx): BlockOf<'keyValue'> {
  const { engagement: e, plan } = ctx.input;
  const k = ctx.t.keys;
  return keyValue([
    [k.customer, ctx.r(e.customerOrg)],
    [k.event, ctx.r(e.eventName)],
    [k.eventKind, ctx.t.eventKind[e.eventKind]],
    [k.window, windowText(ctx)],
    [k.catalog, `${plan.catalog.name[ctx.lang]} ${plan.catalog.version}`],
    [k.edition, plan.catalog.editionName[ctx.lang]],
  ]);
}

/** Predicted peak and SLOs; null when none is recorded. */
export function peakBlocks(ctx: Ctx): Block[] {
  const { peak, slos } = ctx.input.plan.details;
  const k = ctx.t.keys;
  const rows: [string, string][] = [];
  if (peak.qps !== null) rows.push([k.peakQps, String(peak.qps)]);
  if (peak.tps !== null) rows.push([k.peakTps, String(peak.tps)]);
  if (peak.concurrentUsers !== null) rows.push([k.concurrentUsers, String(peak.concurrentUsers)]);
  if (peak.bandwidth !== null) rows.push([k.bandwidth, `${peak.bandwidth} ${peak.bandwidthUnit}`]);
  const blocks: Block[] = [];
  if (rows.length > 0) blocks.push(keyValue(rows));
  if (slos.length > 0) {
    blocks.push(
      table(
        [
          [ctx.t.columns.metric, 3],
          [ctx.t.columns.target, 2],
        ],
        slos.map((s) => [ctx.r(s.metric), ctx.r(s.target)]),
      ),
    );
  }
  return blocks;
}

export function objectivesBlocks(ctx: Ctx): Block[] {
  const objectives = ctx.input.plan.details.objectives.trim();
  return objectives === '' ? [] : [text(ctx.r(objectives))];
}

export function scopeItemsTable(ctx: Ctx): BlockOf<'table'> {
  const c = ctx.t.columns;
  return table(
    [
      [c.item, 5],
      [c.phase, 2],
      [c.inScope, 1, 'center'],
    ],
    ctx.input.plan.catalog.items.map((i) => [
      i.name[ctx.lang],
      ctx.t.servicePhase[i.phase],
      i.inScope ? ctx.t.yes : ctx.t.no,
    ]),
  );
}

export function contactsTable(ctx: Ctx): BlockOf<'table'> | null {
  const { contacts } = ctx.input.plan;
  if (contacts.length === 0) return null;
  const c = ctx.t.columns;
  return table(
    [
      [c.party, 1.5],
      [c.name, 2],
      [c.role, 2],
      [c.email, 3],
      [c.phone, 2],
      [c.projectManager, 1, 'center'],
    ],
    contacts.map((p) => [
      ctx.t.party[p.party],
      ctx.r(p.name),
      ctx.r(p.role),
      ctx.r(p.email),
      ctx.r(p.phone),
      p.projectManager ? ctx.t.yes : '',
    ]),
  );
}

export function raciTable(ctx: Ctx): BlockOf<'table'> | null {
  const { tasks } = ctx.input.plan;
  if (tasks.length === 0) return null;
  const c = ctx.t.columns;
  return table(
    [
      [c.task, 5],
      [c.phase, 2],
      [c.customer, 1.5, 'center'],
      [c.provider, 1.5, 'center'],
    ],
    tasks.map((task) => [ctx.r(task.name), ctx.t.phase[task.phase], task.raci.customer, task.raci.provider]),
  );
}

/** Each plan phase from its first task's start to its last task's end. */
export function milestonesTable(ctx: Ctx): BlockOf<'table'> | null {
  const { tasks } = ctx.input.plan;
  if (tasks.length === 0) return null;
  const phases = new Map<string, { start: string; end: string }>();
  for (const task of tasks) {
    const p = phases.get(task.phase);
    phases.set(task.phase, {
      start: p === undefined || task.startDate < p.start ? task.startDate : p.start,
      end: p === undefined || task.endDate > p.end ? task.endDate : p.end,
    });
  }
  const c = ctx.t.columns;
  return table(
    [
      [c.phase, 3],
      [c.start, 2],
      [c.end, 2],
    ],
    [...phases].map(([phase, { start, end }]) => [ctx.t.phase[phase as keyof DocStrings['phase']], start, end]),
    sectionTitle('milestones', ctx.lang),
  );
}

export function tasksTable(ctx: Ctx): BlockOf<'table'> | null {
  const { tasks } = ctx.input.plan;
  if (tasks.length === 0) return null;
  const c = ctx.t.columns;
  return table(
    [
      [c.task, 4],
      [c.phase, 1.5],
      [c.start, 1.5],
      [c.end, 1.5],
      [c.owner, 2],
      [c.status, 1.5],
    ],
    tasks.map((task) => [
      ctx.r(task.name),
      ctx.t.phase[task.phase],
      task.startDate,
      task.endDate,
      ctx.r(task.owner) || ctx.t.none,
      ctx.t.taskStatus[task.status],
    ]),
  );
}

/** The lead-time rules' result: met, not met (open warning) or overridden. */
export function leadTimeResult(ctx: Ctx): string {
  const leads = ctx.input.plan.warnings.filter((w) => w.ruleId.startsWith('lead-time:') && w.severity === 'warning');
  if (leads.length === 0) return ctx.t.leadTimeMet;
  return leads
    .map((w) =>
      fill(w.override === null ? ctx.t.leadTimeBreached : ctx.t.leadTimeOverridden, { text: w.text[ctx.lang] }),
    )
    .join(' ');
}

/** N, window, days, calendar, the lead-time check and the counting rule. */
export function scheduleBlocks(ctx: Ctx): Block[] {
  const { plan } = ctx.input;
  const k = ctx.t.keys;
  const s = plan.settings;
  const rows: [string, string][] = [
    [k.applicationDate, s.applicationDate],
    [k.orderDate, s.orderDate ?? ctx.t.none],
    [k.window, windowText(ctx)],
    [
      k.serviceDays,
      plan.catalog.maxServiceDays === null
        ? fill(ctx.t.serviceDurationNoCap, { days: s.serviceDays })
        : fill(ctx.t.serviceDuration, { days: s.serviceDays, max: plan.catalog.maxServiceDays }),
    ],
    [k.calendar, plan.calendar.name[ctx.lang]],
    [k.leadTime, leadTimeResult(ctx)],
  ];
  const blocks: Block[] = [keyValue(rows)];
  const milestones = milestonesTable(ctx);
  if (milestones !== null) blocks.push(milestones);
  const tasks = tasksTable(ctx);
  if (tasks !== null) blocks.push(tasks);
  blocks.push(text(fill(ctx.t.countingRule, { rule: countingRuleText(ctx.lang) }), 'note'));
  return blocks;
}

/** On-site days with persons, statutory flag, multiplier and billed person-days. */
export function billingBlocks(ctx: Ctx): Block[] {
  const { billing } = ctx.input.plan;
  if (billing.days.length === 0) return [text(ctx.t.noOnSiteDays)];
  const c = ctx.t.columns;
  return [
    text(ctx.t.billingPerPersonDay, 'note'),
    table(
      [
        [c.date, 2],
        [c.persons, 1, 'right'],
        [c.statutory, 1.5, 'center'],
        [c.multiplier, 1.5, 'right'],
        [c.equivalent, 1.5, 'right'],
      ],
      billing.days.map((d) => [
        d.date,
        String(d.persons),
        d.statutory ? ctx.t.yes : ctx.t.no,
        `×${d.multiplier}`,
        String(d.equivalent),
      ]),
      sectionTitle('onSiteDays', ctx.lang),
    ),
    keyValue([
      [ctx.t.keys.onSitePersonDays, String(billing.totalPersonDays)],
      [ctx.t.keys.onSiteBilled, String(billing.totalEquivalent)],
    ]),
  ];
}

/** Every rule override (rule, reason, who, when) and every warning still open. */
export function deviationsSection(ctx: Ctx): SectionDraft {
  const { plan } = ctx.input;
  const c = ctx.t.columns;
  const textOf = (ruleId: string) => plan.warnings.find((w) => w.ruleId === ruleId)?.text[ctx.lang];
  const overrides: Block =
    plan.overrides.length === 0
      ? text(ctx.t.overridesNone)
      : table(
          [
            [c.rule, 4],
            [c.reason, 4],
            [c.who, 1.5],
            [c.when, 2],
          ],
          plan.overrides.map((o) => [
            textOf(o.ruleId) ? `${o.ruleId}: ${textOf(o.ruleId)}` : o.ruleId,
            ctx.r(o.reason),
            ctx.r(o.author),
            o.createdAt,
          ]),
          sectionTitle('ruleOverrides', ctx.lang),
        );
  const open = plan.warnings.filter((w) => w.override === null);
  const warnings: Block =
    open.length === 0
      ? text(ctx.t.warningsNone)
      : table(
          [
            [c.rule, 2],
            [c.severity, 1],
            [c.warning, 6],
          ],
          open.map((w) => [w.ruleId, w.severity === 'warning' ? ctx.t.open : 'info', w.text[ctx.lang]]),
          sectionTitle('openWarnings', ctx.lang),
        );
  return section(ctx, 'deviations', [text(ctx.t.deviationsIntro, 'note'), overrides, warnings]);
}

export function appendicesSection(ctx: Ctx): SectionDraft {
  const { plan, checklists, evidence } = ctx.input;
  const c = ctx.t.columns;
  const resources: SectionDraft = section(
    ctx,
    'resourceInventory',
    plan.resources.length === 0
      ? [missing(ctx, 'noData')]
      : [
          table(
            [
              [c.resourceType, 2],
              [c.spec, 3],
              [c.count, 1, 'right'],
              [c.region, 2],
              [c.notes, 3],
            ],
            plan.resources.map((r) => [
              r.resourceType,
              ctx.r(r.spec),
              String(r.count),
              ctx.r(r.region),
              ctx.r(r.notes),
            ]),
          ),
        ],
  );
  const checklistRows = checklists.map((cl) => [cl.title[ctx.lang], `${cl.answered} / ${cl.total}`, String(cl.failed)]);
  const answers = section(
    ctx,
    'checklistSummary',
    checklistRows.length === 0
      ? [missing(ctx, 'noData')]
      : [
          table(
            [
              [c.checklist, 5],
              [c.answered, 2, 'right'],
              [c.failed, 2, 'right'],
            ],
            checklistRows,
          ),
        ],
  );
  const images: Block[] = (evidence ?? [])
    .filter((e) => e.mediaType.startsWith('image/'))
    .map((e) => {
      const ref = e.targetKind === 'finding' ? (ctx.refs.get(e.targetId) ?? '') : '';
      const caption = ctx.r(e.caption) || e.fileName;
      return {
        kind: 'image',
        ref: { sha256: e.sha256, variant: 'document' },
        caption: ref === '' ? caption : fill(ctx.t.evidenceCaption, { ref, caption }),
        width: 'full',
      };
    });
  const evidenceSection = section(ctx, 'evidence', images.length === 0 ? [missing(ctx, 'noData')] : images);
  return section(ctx, 'appendices', [], [resources, answers, evidenceSection]);
}

export function signOffSection(ctx: Ctx, attests: string): SectionDraft {
  const { plan, engagement } = ctx.input;
  const pm = (party: 'customer' | 'provider') => plan.contacts.find((c) => c.party === party && c.projectManager);
  const customer = pm('customer');
  const provider = pm('provider');
  const blocks: Block[] = [
    {
      kind: 'signature',
      party: 'customer',
      roleLabel: ctx.t.signOff.customer,
      ...(customer ? { name: ctx.r(customer.name), title: ctx.r(customer.role) } : {}),
      org: ctx.r(engagement.customerOrg),
      attests,
    },
    {
      kind: 'signature',
      party: 'provider',
      roleLabel: ctx.t.signOff.provider,
      ...(provider ? { name: ctx.r(provider.name), title: ctx.r(provider.role) } : {}),
      ...(ctx.input.firm ? { org: ctx.input.firm.name } : {}),
      attests: ctx.t.signOff.attestsProvider,
    },
  ];
  return section(ctx, 'signOff', blocks);
}

function frontMatter(ctx: Ctx): SectionDraft[] {
  const { issue, plan, engagement } = ctx.input;
  const distributionRows = plan.contacts.map((c) => [
    ctx.r(c.name),
    c.party === 'customer' ? ctx.r(engagement.customerOrg) : (ctx.input.firm?.name ?? ctx.t.party.provider),
    ctx.r(c.role),
    c.projectManager ? ctx.t.purpose.sign : ctx.t.purpose.information,
  ]);
  const cols = (headers: readonly string[], widths: number[]) =>
    headers.map((h, i) => [h, widths[i] ?? 1] as [string, number]);
  return [
    section(ctx, 'versionHistory', [
      table(cols(ctx.t.versionHistoryColumns, [1, 1.5, 2, 5]), [
        [issue.version, issue.date, ctx.r(issue.author), ctx.t.firstVersion],
      ]),
    ]),
    section(ctx, 'distributionList', [
      distributionRows.length === 0
        ? missing(ctx, 'noData')
        : table(cols(ctx.t.distributionColumns, [2, 3, 2, 1.5]), distributionRows),
    ]),
    section(ctx, 'confidentialityNotice', [
      text(fill(ctx.t.confidentialityText, { customer: ctx.r(engagement.customerOrg) })),
    ]),
  ];
}

/** Cover, control table, front matter and numbered body, validated (no empty section). */
export function assemble(ctx: Ctx, deliverableId: string, title: string, body: SectionDraft[]): Document {
  const { issue, plan, engagement, firm } = ctx.input;
  const ctl = ctx.t.control;
  const document: Document = {
    id: deliverableId,
    title,
    number: issue.number,
    version: issue.version,
    date: issue.date,
    language: ctx.lang,
    confidentiality: ctx.t.confidential,
    draft: true,
    cover: {
      customer: ctx.r(engagement.customerOrg),
      event: ctx.r(engagement.eventName),
      ...(firm ? { firm } : {}),
    },
    control: [
      [ctl.documentId, issue.number],
      [ctl.title, title],
      [ctl.version, issue.version],
      [ctl.date, issue.date],
      [ctl.status, ctl.statusDraft],
      [ctl.author, ctx.r(issue.author)],
      [ctl.classification, ctx.t.confidential],
      [ctl.catalog, `${plan.catalog.catalogId} ${plan.catalog.version} (${plan.catalog.hash.slice(0, 12)})`],
      [ctl.edition, plan.catalog.editionName[ctx.lang]],
    ].map(([key, value]) => ({ key: key ?? '', value: value ?? '' })),
    frontMatter: unnumbered(frontMatter(ctx)),
    sections: numberSections(body),
  };
  return validateDocument(document);
}
