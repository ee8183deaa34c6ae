/**
 * What the optimization plans put into the deliverables: ranked recommendations (R-nnn), traffic
 * protection with the Anti-DDoS instance IPs, database and bottleneck changes, process changes,
 * the disaster-recovery design, emergency plans with their drills, and annex M (the monitoring
 * optimization plan, M1–M6). Every entry prints its owner, due date and status.
 */
import {
  antiDdosAddresses,
  databaseAndBottlenecks,
  drillResults,
  emergencyPlaybook,
  isOpenStatus,
  monitoringPlan,
  type OptimizationItem,
  type OptimizationItemOf,
  type OptimizationKind,
  optimizationByKind,
  optimizationScope,
  rankedRecommendations,
  recommendationRefs,
  trafficProtectionPlan,
} from '../../domain/optimization';
import { type EvaluationStrings, evaluationText, punctuation } from '../evaluation-text';
import { type Block, list, table, text } from '../model';
import { fill } from '../text';
import { type Ctx, missing, part } from './common';

const ev = (ctx: Ctx): EvaluationStrings => evaluationText(ctx.lang);
/** The entries of the kinds the edition includes: a kind it leaves out prints nowhere. */
export function scopedOptimization(ctx: Ctx): readonly OptimizationItem[] {
  const scope = optimizationScope(ctx.input.plan.catalog.items);
  return (ctx.input.optimization ?? []).filter((item) => scope[item.kind]);
}
const byKind = (ctx: Ctx) => optimizationByKind(scopedOptimization(ctx));

/** A choice field's value in the document language (the raw value if the text has no word for it). */
function choice(ctx: Ctx, value: string): string {
  const words: Record<string, string> = ev(ctx).optimization.choices;
  return words[value] ?? value;
}

/** Owner, due date and status cells, the same in every table. */
function tracking(ctx: Ctx, item: OptimizationItem): string[] {
  return [ctx.r(item.owner) || ctx.t.none, item.dueDate ?? '—', ev(ctx).optimization.statuses[item.status]];
}

function trackingColumns(ctx: Ctx): [string, number][] {
  const c = ev(ctx).columns;
  return [
    [c.owner, 2],
    [c.due, 1.6],
    [c.status, 1.6],
  ];
}

const dash = (ctx: Ctx, value: string) => ctx.r(value) || '—';

/** The entries of a kind, or the missing-data statement when there are none. */
function orMissing(ctx: Ctx, entries: readonly unknown[], blocks: () => Block[], required: boolean): Block[] {
  return entries.length === 0 ? [missing(ctx, required ? 'blocking' : 'noData')] : blocks();
}

// ---------------------------------------------------------------------------------------------
// Recommendations

/** R-nnn in ranked order (open first, overdue and high priority first), declined named as risks. */
export function recommendationBlocks(ctx: Ctx): Block[] {
  const all = scopedOptimization(ctx);
  const refs = recommendationRefs([...all]);
  const ranked = rankedRecommendations(all, ctx.input.issue.date);
  if (ranked.length === 0) return [];
  const t = ev(ctx);
  const c = t.columns;
  const blocks: Block[] = [
    table(
      [[c.ref, 1.2], [c.kind, 2.2], [c.recommendation, 5], ...trackingColumns(ctx)],
      ranked.map((item) => [
        refs.get(item.id) ?? '',
        t.optimization.kinds[item.kind],
        ctx.r(item.title),
        ...tracking(ctx, item),
      ]),
      t.optimization.recommendationsCaption,
    ),
  ];
  const declined = ranked.filter((item) => item.status === 'declined');
  if (declined.length > 0) {
    blocks.push(text(t.optimization.declinedNote, 'note'));
    const p = punctuation(ctx.lang);
    blocks.push(
      list(declined.map((item) => `${refs.get(item.id) ?? ''} ${ctx.r(item.title)}${p.colon}${ctx.r(item.notes)}`)),
    );
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Traffic protection, database and bottlenecks, process, disaster recovery

export function trafficProtectionBlocks(ctx: Ctx): Block[] {
  const { entries } = trafficProtectionPlan(scopedOptimization(ctx));
  const c = ev(ctx).columns;
  return orMissing(
    ctx,
    entries,
    () => [
      table(
        [[c.mechanism, 2], [c.target, 2.5], [c.setting, 4], [c.trigger, 3], ...trackingColumns(ctx)],
        entries.map((e) => [
          choice(ctx, e.fields.mechanism),
          ctx.r(e.fields.target),
          ctx.r(e.fields.setting),
          dash(ctx, e.fields.trigger),
          ...tracking(ctx, e),
        ]),
      ),
    ],
    false,
  );
}

/** The Anti-DDoS instance IPs recorded; null when none is (the section then asks for confirmation). */
export function antiDdosIpsBlock(ctx: Ctx): Block | null {
  const addresses = antiDdosAddresses(scopedOptimization(ctx));
  if (addresses.length === 0) return null;
  return text(fill(ev(ctx).optimization.antiDdosIps, { ips: addresses.map(ctx.r).join(punctuation(ctx.lang).list) }));
}

export function databaseBottleneckBlocks(ctx: Ctx): Block[] {
  const { database, bottlenecks } = databaseAndBottlenecks(scopedOptimization(ctx));
  const t = ev(ctx);
  const c = t.columns;
  const blocks: Block[] = [];
  if (database.length > 0) {
    blocks.push(
      part(t.optimization.kinds.database),
      table(
        [[c.area, 2], [c.instance, 2], [c.current, 3], [c.proposal, 4], ...trackingColumns(ctx)],
        database.map((d) => [
          choice(ctx, d.fields.area),
          dash(ctx, d.fields.instance),
          dash(ctx, d.fields.current),
          ctx.r(d.fields.proposal),
          ...tracking(ctx, d),
        ]),
      ),
    );
  }
  if (bottlenecks.length > 0) {
    blocks.push(
      part(t.optimization.kinds.bottleneck),
      table(
        [[c.resource, 2.5], [c.symptom, 3.5], [c.proposal, 4], ...trackingColumns(ctx)],
        bottlenecks.map((b) => [
          ctx.r(b.fields.resource),
          dash(ctx, b.fields.symptom),
          ctx.r(b.fields.proposal),
          ...tracking(ctx, b),
        ]),
      ),
    );
  }
  return blocks;
}

export function processBlocks(ctx: Ctx): Block[] {
  const entries = byKind(ctx).process;
  const c = ev(ctx).columns;
  return orMissing(
    ctx,
    entries,
    () => [
      table(
        [[c.area, 2], [c.period, 2.5], [c.proposal, 5], ...trackingColumns(ctx)],
        entries.map((p) => [
          choice(ctx, p.fields.area),
          dash(ctx, p.fields.period),
          ctx.r(p.fields.proposal),
          ...tracking(ctx, p),
        ]),
      ),
    ],
    false,
  );
}

/** DR design, RTO/RPO and switchover steps, one part per entry; NB when required and none. */
export function disasterRecoveryBlocks(ctx: Ctx, required: boolean): Block[] {
  const entries = byKind(ctx).disasterRecovery;
  const t = ev(ctx);
  const c = t.columns;
  return orMissing(
    ctx,
    entries,
    () =>
      entries.flatMap((d): Block[] => [
        part(ctx.r(d.title)),
        table(
          [[c.design, 5], [c.rto, 1.5], [c.rpo, 1.5], [c.switchover, 5], ...trackingColumns(ctx)],
          [
            [
              ctx.r(d.fields.design),
              dash(ctx, d.fields.rto),
              dash(ctx, d.fields.rpo),
              dash(ctx, d.fields.switchover),
              ...tracking(ctx, d),
            ],
          ],
        ),
      ]),
    required,
  );
}

// ---------------------------------------------------------------------------------------------
// Emergency plans and drills

function drillText(ctx: Ctx, drill: OptimizationItemOf<'drill'> | null): string {
  const o = ev(ctx).optimization;
  if (!drill) return o.notRehearsed;
  const p = punctuation(ctx.lang);
  return `${o.drillResults[drill.fields.result]}${drill.fields.date ? `${p.open}${drill.fields.date}${p.close}` : ''}`;
}

/** Scenario → trigger → action → owner → rollback, with the last drill; then every drill's result. */
export function emergencyPlanBlocks(ctx: Ctx, required: boolean): Block[] {
  const playbook = emergencyPlaybook(scopedOptimization(ctx));
  const drills = drillResults(scopedOptimization(ctx));
  if (playbook.length === 0 && drills.length === 0) return [missing(ctx, required ? 'blocking' : 'noData')];
  const t = ev(ctx);
  const c = t.columns;
  const blocks: Block[] = [];
  if (playbook.length > 0) {
    blocks.push(
      table(
        [
          [c.scenario, 2.5],
          [c.trigger, 3],
          [c.action, 4],
          [c.owner, 2],
          [c.rollback, 3],
          [c.lastDrill, 2],
        ],
        playbook.map((p) => [
          ctx.r(p.scenario),
          ctx.r(p.trigger),
          ctx.r(p.action),
          ctx.r(p.owner) || ctx.t.none,
          dash(ctx, p.rollback),
          drillText(ctx, p.lastDrill),
        ]),
        t.optimization.playbookCaption,
      ),
    );
  }
  if (drills.length > 0) {
    blocks.push(
      table(
        [
          [c.scenario, 3],
          [c.plan, 3],
          [c.date, 1.6],
          [c.result, 1.8],
          [c.drillFindings, 4],
        ],
        drills.map(({ drill, planTitle }) => [
          ctx.r(drill.fields.scenario),
          planTitle ? ctx.r(planTitle) : '—',
          drill.fields.date ?? '—',
          t.optimization.drillResults[drill.fields.result],
          dash(ctx, drill.fields.findings),
        ]),
        t.optimization.drillsCaption,
      ),
    );
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Annex M: the monitoring optimization plan

/** The monitoring entries, or null when none is recorded (each M part then prints NB). */
function monitoring(ctx: Ctx) {
  const plan = monitoringPlan(scopedOptimization(ctx));
  return plan.changes.length === 0 ? null : plan;
}

/** M1 Gaps: how many changes are still open, each with what it closes. */
export function monitoringGapBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const o = ev(ctx).optimization;
  if (plan.open.length === 0) return [text(fill(o.gapsNone, { total: plan.changes.length }))];
  return [
    text(fill(o.gapsIntro, { open: plan.open.length, total: plan.changes.length })),
    list(
      plan.open.map(
        (m) =>
          `${ctx.r(m.title)} — ${ctx.r(m.fields.metric)}${punctuation(ctx.lang).colon}${ctx.r(m.fields.threshold)}`,
      ),
    ),
  ];
}

/** M2 Metrics by layer: business, application, resource. */
export function monitoringMetricBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const c = ev(ctx).columns;
  const rows = (['business', 'application', 'resource'] as const).flatMap((layer) =>
    plan.byLayer[layer].map((m) => [choice(ctx, layer), ctx.r(m.fields.metric), dash(ctx, m.fields.dashboard)]),
  );
  return [
    table(
      [
        [c.layer, 2],
        [c.metric, 5],
        [c.dashboard, 3],
      ],
      rows,
    ),
  ];
}

/** M3 Thresholds and alert rules. */
export function monitoringThresholdBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const c = ev(ctx).columns;
  return [
    table(
      [
        [c.metric, 4],
        [c.threshold, 4],
        [c.window, 2.5],
        [c.layer, 2],
      ],
      plan.alertRules.map((r) => [ctx.r(r.metric), ctx.r(r.threshold), dash(ctx, r.window), choice(ctx, r.layer)]),
    ),
  ];
}

/** M4 Dashboards, each with the metrics on it. */
export function monitoringDashboardBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const t = ev(ctx);
  if (plan.dashboards.length === 0) return [text(t.optimization.dashboardsNone, 'note')];
  return [
    table(
      [
        [t.columns.dashboard, 3],
        [t.columns.metrics, 7],
      ],
      plan.dashboards.map((d) => [ctx.r(d.name), d.metrics.map(ctx.r).join('; ')]),
    ),
  ];
}

/** M5 Notification and escalation. */
export function monitoringNotificationBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const c = ev(ctx).columns;
  return [
    table(
      [
        [c.metric, 3],
        [c.channel, 3],
        [c.escalation, 4],
        [c.owner, 2],
      ],
      plan.notification.map((n) => [
        ctx.r(n.metric),
        ctx.r(n.channel),
        dash(ctx, n.escalation),
        ctx.r(n.owner) || ctx.t.none,
      ]),
    ),
  ];
}

/** M6 Every monitoring change with owner, due and status. */
export function monitoringChangeBlocks(ctx: Ctx): Block[] {
  const plan = monitoring(ctx);
  if (!plan) return [missing(ctx, 'blocking')];
  const refs = recommendationRefs([...scopedOptimization(ctx)]);
  const c = ev(ctx).columns;
  return [
    table(
      [[c.ref, 1.2], [c.change, 6], ...trackingColumns(ctx)],
      plan.changes.map((m) => [refs.get(m.id) ?? '', ctx.r(m.title), ...tracking(ctx, m)]),
    ),
  ];
}

/** Whether any entry of these kinds is recorded. */
export function hasOptimization(ctx: Ctx, kinds: readonly OptimizationKind[]): boolean {
  return scopedOptimization(ctx).some((item) => kinds.includes(item.kind));
}

/** Open entries of these kinds, for summaries. */
export function openOptimization(ctx: Ctx, kinds: readonly OptimizationKind[]): OptimizationItem[] {
  return scopedOptimization(ctx).filter((item) => kinds.includes(item.kind) && isOpenStatus(item.status));
}
