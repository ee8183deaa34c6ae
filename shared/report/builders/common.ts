/**
 * Pieces every deliverable shares: context, missing-data statements, findings blocks, contacts,
 * RACI, schedule, billing, deviations, front matter, appendices and the sign-off placeholders.
 */
import { countingRuleText } from '../../domain/calendar';
import { type Finding, SEVERITIES, SEVERITY_RANK } from '../../domain/finding';
import { utcToLocal } from '../../domain/time';
import type { BuildOptions, ReportInput } from '../input';
import {
  type Block,
  type BlockOf,
  type Document,
  type FindingItem,
  keyValue,
  numberSections,
  runs,
  type SectionDraft,
  table,
  text,
  unnumbered,
  validateDocument,
} from '../model';
import { type DocLanguage, type DocStrings, docText, fill, GLOSSARY, type SectionTitleId, sectionTitle } from '../text';

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

function missingParams(ctx: Ctx): Record<string, string> {
  const { plan, engagement } = ctx.input;
  return {
    date: ctx.input.issue.date,
    edition: plan.catalog.editionName[ctx.lang],
    catalog: plan.catalog.name[ctx.lang],
    period: `${engagement.eventStartLocal.slice(0, 10)} – ${engagement.eventEndLocal.slice(0, 10)}`,
  };
}

/** The outline's missing-data statement (DELIVERABLES.md §0). */
export function missing(ctx: Ctx, reason: BlockOf<'notAssessed'>['reason']): BlockOf<'notAssessed'> {
  return {
    kind: 'notAssessed',
    reason,
    text: fill(ctx.t.missing[reason], missingParams(ctx)),
    blocksSigning: reason === 'blocking',
  };
}

/**
 * A NONE ("if any") item nobody has affirmed yet: shaded like no data, never read as none. The
 * consultant's affirmation, when recorded, turns it into `missing(ctx, 'none')`.
 */
export function unconfirmedNone(ctx: Ctx): BlockOf<'notAssessed'> {
  return { ...missing(ctx, 'noData'), text: fill(ctx.t.missing.unconfirmed, missingParams(ctx)) };
}

/** The catalog has the item and the edition (or the consultant's pick) leaves it out. */
export function outsideEdition(ctx: Ctx, itemId: string): boolean {
  const item = ctx.input.plan.catalog.items.find((i) => i.id === itemId);
  return item !== undefined && !item.inScope;
}

/** NS when the edition leaves the item out, otherwise ND (or NB when the section is required). */
export function missingForItem(ctx: Ctx, itemId: string, required = false): BlockOf<'notAssessed'> {
  if (outsideEdition(ctx, itemId)) return missing(ctx, 'notInEdition');
  return missing(ctx, required ? 'blocking' : 'noData');
}

/** NS when the edition leaves out every one of the items, otherwise ND (or NB when required). */
export function missingForItems(ctx: Ctx, itemIds: readonly string[], required = false): BlockOf<'notAssessed'> {
  const items = ctx.input.plan.catalog.items.filter((i) => itemIds.includes(i.id));
  if (items.length > 0 && items.every((i) => !i.inScope)) return missing(ctx, 'notInEdition');
  return missing(ctx, required ? 'blocking' : 'noData');
}

export function itemInScope(ctx: Ctx, itemId: string): boolean {
  return ctx.input.plan.catalog.items.some((i) => i.id === itemId && i.inScope);
}

/** The catalog's name for a service item, or the section title when the catalog has no such item. */
export function itemName(ctx: Ctx, itemId: string, fallback: SectionTitleId): string {
  return ctx.input.plan.catalog.items.find((i) => i.id === itemId)?.name[ctx.lang] ?? sectionTitle(fallback, ctx.lang);
}

/** A bold lead-in naming the part of a section the blocks after it are about. */
export const part = (label: string): BlockOf<'paragraph'> => runs({ text: label, bold: true });

/** The catalog's names of these deliverables, in catalog order (those the edition delivers). */
/**
 * The catalog's deliverables among `ids`, each with its latest signed version (number, version,
 * fingerprint, when and by whom) or "not signed yet"; and how many are not signed.
 */
export function signedDeliverablesTable(
  ctx: Ctx,
  ids: readonly string[],
): { table: BlockOf<'table'>; unsigned: number } {
  const c = ctx.t.columns;
  const signed = ctx.input.signoff?.signedDeliverables ?? [];
  const zone = ctx.input.engagement.timeZone;
  let unsigned = 0;
  const rows = ctx.input.plan.catalog.deliverables
    .filter((d) => ids.includes(d.id))
    .map((d) => {
      const s = signed.find((v) => v.documentId === d.id);
      if (!s) {
        unsigned += 1;
        return [d.name[ctx.lang], '', ctx.t.notSignedYet, ''];
      }
      const at = `${utcToLocal(s.signedAt, zone).replace('T', ' ')} (UTC${utcOffset(s.signedAt, zone)})`;
      return [
        `${d.name[ctx.lang]} (${s.number})`,
        `${s.version}.0`,
        fill(ctx.t.signedBy, { at, signer: ctx.r(s.signer) }),
        s.fingerprint.slice(0, 16),
      ];
    });
  return {
    table: table(
      [
        [c.document, 4],
        [c.version, 1],
        [c.signed, 3],
        [c.fingerprint, 2],
      ],
      rows,
    ),
    unsigned,
  };
}

export function deliverableNames(ctx: Ctx, ids: readonly string[]): string[] {
  return ctx.input.plan.catalog.deliverables.filter((d) => ids.includes(d.id)).map((d) => d.name[ctx.lang]);
}

/** A UTC offset like +08:00 of the zone at that instant. */
export function utcOffset(utcIso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcIso))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = (part ?? 'GMT').replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

/** An instant as the event's zone reads it, with its offset: "2026-10-20 17:30 (UTC+08:00)". */
export function instantText(ctx: Ctx, utcIso: string): string {
  const zone = ctx.input.engagement.timeZone;
  return `${utcToLocal(utcIso, zone).slice(0, 16).replace('T', ' ')} (UTC${utcOffset(utcIso, zone)})`;
}

export function windowText(ctx: Ctx): string {
  const e = ctx.input.engagement;
  const fmt = (local: string) => local.replace('T', ' ');
  return `${fmt(e.eventStartLocal)} – ${fmt(e.eventEndLocal)} (${e.timeZone}, UTC${utcOffset(e.eventStartUtc, e.timeZone)})`;
}

/** The event window as the on-duty window, for sections that report on it. */
export function keyValueWindow(ctx: Ctx): BlockOf<'keyValue'> {
  return keyValue([[ctx.t.parts.onDutyWindow, windowText(ctx)]]);
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

/** Findings still to act on (open or in progress), most severe first. */
export function openFindings(findings: readonly Finding[]): Finding[] {
  return sortedFindings(findings.filter((f) => f.status === 'open' || f.status === 'inProgress'));
}

/** How many findings were raised, are still open, rectified and risk-accepted. */
export function findingsByStatusBlock(ctx: Ctx, findings: readonly Finding[]): BlockOf<'keyValue'> {
  const count = (...statuses: Finding['status'][]) =>
    String(findings.filter((f) => statuses.includes(f.status)).length);
  const s = ctx.t.findingStatus;
  return keyValue([
    [ctx.t.keys.findingsRecorded, String(findings.length)],
    [`${s.open} / ${s.inProgress}`, count('open', 'inProgress')],
    [s.rectified, count('rectified')],
    [s.riskAccepted, count('riskAccepted')],
  ]);
}

/** Open findings with owner, due date and status: what is left to do. */
export function openItemsTable(ctx: Ctx, findings: readonly Finding[]): BlockOf<'table'> {
  const c = ctx.t.columns;
  return table(
    [
      [c.ref, 1],
      [c.severity, 1],
      [ctx.t.findingLabels.title, 5],
      [c.owner, 2],
      [c.due, 1.5],
      [c.status, 1.5],
    ],
    openFindings(findings).map((f) => [
      ctx.refs.get(f.id) ?? '',
      ctx.t.severity[f.severity],
      ctx.r(f.title),
      ctx.r(f.owner) || ctx.t.none,
      f.dueDate ?? ctx.t.none,
      ctx.t.findingStatus[f.status],
    ]),
  );
}

/** Risks the customer accepted, with who accepted them and why. */
export function acceptedRisksTable(ctx: Ctx, findings: readonly Finding[]): BlockOf<'table'> | null {
  const accepted = sortedFindings(findings.filter((f) => f.status === 'riskAccepted'));
  if (accepted.length === 0) return null;
  const c = ctx.t.columns;
  return table(
    [
      [c.ref, 1],
      [ctx.t.findingLabels.title, 4],
      [ctx.t.findingLabels.disposition, 5],
    ],
    accepted.map((f) => [ctx.refs.get(f.id) ?? '', ctx.r(f.title), ctx.r(f.disposition)]),
  );
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
            instantText(ctx, o.createdAt),
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

/** Resource inventory, checklist answers, evidence photos, and any appendix the document adds (e.g. test raw data). */
export function appendicesSection(ctx: Ctx, extra: readonly SectionDraft[] = []): SectionDraft {
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
  return section(ctx, 'appendices', [], [resources, answers, evidenceSection, ...extra]);
}

/** The project manager of a party as the plan's contacts name them. */
export function projectManager(ctx: Ctx, party: 'customer' | 'provider') {
  return ctx.input.plan.contacts.find((c) => c.party === party && c.projectManager);
}

/** The customer's and the provider's signature placeholders (DELIVERABLES.md §2). */
export function signatureBlocks(
  ctx: Ctx,
  attests: string,
  providerAttests: string = ctx.t.signOff.attestsProvider,
): BlockOf<'signature'>[] {
  const { engagement } = ctx.input;
  const signing = ctx.input.signoff?.signing;
  if (signing) {
    // The people who actually signed, as they entered themselves on the signing screen.
    const signedAt = instantText(ctx, signing.signedAt);
    const image = (sha256: string) => ({ sha256, variant: 'document' as const });
    return [
      {
        kind: 'signature',
        party: 'customer',
        roleLabel: ctx.t.signOff.customer,
        name: signing.customer.name,
        title: signing.customer.title,
        org: signing.customer.org,
        attests,
        signedAt,
        signatureImage: image(signing.customer.signature),
        ...(signing.customer.seal ? { sealImage: image(signing.customer.seal) } : {}),
      },
      {
        kind: 'signature',
        party: 'provider',
        roleLabel: ctx.t.signOff.provider,
        name: signing.provider.name,
        title: signing.provider.title,
        org: signing.provider.org,
        attests: providerAttests,
        signedAt,
        signatureImage: image(signing.provider.signature),
      },
    ];
  }
  const customer = projectManager(ctx, 'customer');
  const provider = projectManager(ctx, 'provider');
  return [
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
      attests: providerAttests,
    },
  ];
}

export function signOffSection(ctx: Ctx, attests: string, providerAttests?: string): SectionDraft {
  return section(ctx, 'signOff', signatureBlocks(ctx, attests, providerAttests));
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
  // Earlier signed versions first; an issue made after signing names the version it supersedes.
  const earlier = ctx.input.signoff?.earlier ?? [];
  const last = earlier.at(-1);
  const history = [
    ...earlier.map((v) => [`${v.version}.0`, v.date, v.author, fill(ctx.t.signedVersion, { signer: v.signer })]),
    [
      issue.version,
      issue.date,
      ctx.r(issue.author),
      last ? fill(ctx.t.supersedes, { version: String(last.version) }) : ctx.t.firstVersion,
    ],
  ];
  return [
    section(ctx, 'versionHistory', [table(cols(ctx.t.versionHistoryColumns, [1, 1.5, 2, 5]), history)]),
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

/** Every string a reader sees in a block. */
function blockStrings(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return block.runs.map((r) => r.text);
    case 'keyValue':
      return block.rows.flatMap((r) => [r.key, r.value]);
    case 'table':
      return [block.caption ?? '', ...block.columns.map((c) => c.header), ...block.rows.flat()];
    case 'findings':
      return block.items.flatMap((i) => [
        i.title,
        i.description,
        i.recommendation,
        i.owner,
        i.disposition,
        ...i.affectedResources,
        ...i.evidence.map((e) => e.caption),
      ]);
    case 'image':
      return [block.caption];
    case 'chart':
      return [block.caption, block.chart.title, block.chart.yAxis, ...block.chart.series.map((x) => x.name)];
    case 'signature':
      return [block.roleLabel, block.name ?? '', block.title ?? '', block.org ?? '', block.attests];
    case 'notAssessed':
      return [block.text];
    case 'list':
      return block.items.flatMap((item) => item.map((r) => r.text));
  }
}

/** Titles and block text of these sections and their subsections. */
export function visibleText(sections: readonly SectionDraft[]): string[] {
  return sections.flatMap((s) => [s.title, ...s.blocks.flatMap(blockStrings), ...visibleText(s.subsections ?? [])]);
}

/** The glossary of only the terms the document uses; null when it uses none. */
export function glossarySection(ctx: Ctx, used: readonly string[]): SectionDraft | null {
  const all = used.join('\n');
  const terms = GLOSSARY.filter((g) => g.used[ctx.lang].test(all));
  if (terms.length === 0) return null;
  const c = ctx.t.columns;
  return section(ctx, 'glossary', [
    table(
      [
        [c.term, 2],
        [c.definition, 7],
      ],
      terms.map((g) => [g.term[ctx.lang], g.definition[ctx.lang]]),
    ),
  ]);
}

/**
 * The catalog the document is built from (the provider's service description, by version and
 * hash) and the earlier deliverables it rests on, cited by ID, version and fingerprint once signed.
 */
export function referencedDocumentsSection(ctx: Ctx, dependsOn: readonly string[]): SectionDraft {
  const { catalog } = ctx.input.plan;
  const c = ctx.t.columns;
  const blocks: Block[] = [
    table(
      [
        [c.document, 6],
        [c.version, 1.5],
        [c.fingerprint, 2.5],
      ],
      [[fill(ctx.t.catalogDocument, { name: catalog.name[ctx.lang] }), catalog.version, catalog.hash.slice(0, 12)]],
    ),
  ];
  if (deliverableNames(ctx, dependsOn).length > 0) {
    const { table: cited, unsigned } = signedDeliverablesTable(ctx, dependsOn);
    blocks.push(part(ctx.t.earlierDeliverables), cited);
    if (unsigned > 0)
      blocks.push({ ...missing(ctx, 'noData'), text: fill(ctx.t.missing.signOffs, missingParams(ctx)) });
  }
  return section(ctx, 'referencedDocuments', blocks);
}

export type AssembleOptions = {
  /** Catalog ids of the earlier deliverables this one rests on (DELIVERABLES.md §3 "Depends on"). */
  dependsOn?: readonly string[];
};

/** Cover, control table, front matter and numbered body, validated (no empty section). */
export function assemble(
  ctx: Ctx,
  deliverableId: string,
  title: string,
  body: SectionDraft[],
  options: AssembleOptions = {},
): Document {
  const { issue, plan, engagement, firm } = ctx.input;
  const front = [...frontMatter(ctx), referencedDocumentsSection(ctx, options.dependsOn ?? [])];
  const glossary = glossarySection(ctx, [title, ...visibleText(front), ...visibleText(body)]);
  // The glossary sits with the confidentiality notice, before the referenced documents (§1).
  if (glossary !== null) front.splice(front.length - 1, 0, glossary);
  const ctl = ctx.t.control;
  const document: Document = {
    id: deliverableId,
    title,
    number: issue.number,
    version: issue.version,
    date: issue.date,
    language: ctx.lang,
    confidentiality: ctx.t.confidential,
    draft: ctx.input.signoff?.signing === undefined,
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
      [ctl.status, ctx.input.signoff?.signing ? ctl.statusSigned : ctl.statusDraft],
      [ctl.author, ctx.r(issue.author)],
      [ctl.classification, ctx.t.confidential],
      [ctl.catalog, `${plan.catalog.catalogId} ${plan.catalog.version} (${plan.catalog.hash.slice(0, 12)})`],
      [ctl.edition, plan.catalog.editionName[ctx.lang]],
    ].map(([key, value]) => ({ key: key ?? '', value: value ?? '' })),
    frontMatter: unnumbered(front),
    sections: numberSections(body),
  };
  return validateDocument(document);
}
