/**
 * What the on-duty period puts into the deliverables: the roster and escalation contacts (H1 §11
 * planned, H2/A4 §2 and §4 served), checkpoints and the observed peak against the prediction,
 * incidents with MTTA and MTTR per severity (H2/A4 §5, A5 §4), the war-room log digest (§6), and
 * the closing's outcome, lessons and follow-ups (§1, §7). Times print in the event's zone.
 */
import { formatNumber } from '../../domain/capacity';
import { formatMinutes } from '../../domain/incidents';
import { utcToLocal } from '../../domain/time';
import { punctuation } from '../evaluation-text';
import type { OnDutyInput } from '../input';
import { type Block, keyValue, list, runs, table, text } from '../model';
import { type OnDutyStrings, onDutyText } from '../onduty-text';
import { fill } from '../text';
import { type Ctx, instantText, missing, part, unconfirmedNone } from './common';

const od = (ctx: Ctx): OnDutyStrings => onDutyText(ctx.lang);
const duty = (ctx: Ctx): OnDutyInput | null => ctx.input.onDuty ?? null;

/** "11-11 00:05" in the event's zone: tables state the zone once in their caption. */
function short(ctx: Ctx, utc: string | null): string {
  if (!utc) return '—';
  return utcToLocal(utc, ctx.input.engagement.timeZone).slice(5, 16).replace('T', ' ');
}

const zone = (ctx: Ctx) => ctx.input.engagement.timeZone;
const hours = (startUtc: string, endUtc: string) => (Date.parse(endUtc) - Date.parse(startUtc)) / 3_600_000;
/** Durations as the on-duty screen shows them ("4 min", "1 h 00 min"), so both read alike. */
const minutes = (ctx: Ctx, value: number | null) => formatMinutes(value, ctx.lang);

function kindName(ctx: Ctx, kind: string): string {
  return new Map(Object.entries(od(ctx).kinds)).get(kind) ?? kind;
}

// ---------------------------------------------------------------------------------------------
// Roster

/** The shifts with person, party, role and times; NB (or ND) when there are none. */
export function rosterBlocks(ctx: Ctx, required: boolean): Block[] {
  const d = duty(ctx);
  if (!d || d.shifts.length === 0) return [missing(ctx, required ? 'blocking' : 'noData')];
  const t = od(ctx);
  const c = t.columns;
  const blocks: Block[] = [
    table(
      [
        [c.person, 3],
        [c.party, 1.6],
        [c.role, 3],
        [c.from, 2],
        [c.to, 2],
        [c.hours, 1.2, 'right'],
      ],
      d.shifts.map((s) => [
        ctx.r(s.person),
        t.parties[s.party],
        ctx.r(s.role),
        short(ctx, s.startUtc),
        short(ctx, s.endUtc),
        formatNumber(Math.round(hours(s.startUtc, s.endUtc) * 10) / 10),
      ]),
      fill(t.rosterCaption, { zone: zone(ctx) }),
    ),
    text(
      d.gaps.length === 0 ? t.noGaps : fill(t.gaps, { count: d.gaps.length }),
      d.gaps.length === 0 ? 'normal' : 'note',
    ),
  ];
  if (d.gaps.length > 0) {
    const colon = punctuation(ctx.lang).colon;
    blocks.push(list(d.gaps.map((g) => `${ctx.r(g.role)}${colon}${short(ctx, g.startUtc)} – ${short(ctx, g.endUtc)}`)));
  }
  return blocks;
}

/** Hours on duty per person inside the window up to the closing (overlaps once), and the total. */
export function servedBlocks(ctx: Ctx, required: boolean): Block[] {
  const d = duty(ctx);
  if (!d || d.served.length === 0) return [missing(ctx, required ? 'blocking' : 'noData')];
  const t = od(ctx);
  const p = punctuation(ctx.lang);
  const total = d.served.reduce((sum, person) => sum + person.hours, 0);
  return [
    table(
      [
        [t.columns.person, 3],
        [t.columns.party, 1.6],
        [t.columns.role, 4],
        [t.columns.hours, 1.4, 'right'],
      ],
      d.served.map((person) => [
        ctx.r(person.person),
        t.parties[person.party],
        person.roles.map(ctx.r).join(p.list),
        formatNumber(Math.round(person.hours * 10) / 10),
      ]),
      t.servedCaption,
    ),
    text(fill(t.totalHours, { hours: formatNumber(Math.round(total * 10) / 10), people: d.served.length })),
  ];
}

/** Escalation contacts by role with phone numbers; null when none are named. */
export function escalationBlock(ctx: Ctx): Block | null {
  const d = duty(ctx);
  if (!d || d.escalation.length === 0) return null;
  const t = od(ctx);
  return table(
    [
      [t.columns.role, 3],
      [t.columns.person, 3],
      [t.columns.party, 1.6],
      [t.columns.phone, 2.4],
    ],
    d.escalation.map((e) => [ctx.r(e.role), ctx.r(e.person), t.parties[e.party], ctx.r(e.phone) || '—']),
    t.escalationCaption,
  );
}

// ---------------------------------------------------------------------------------------------
// Checkpoints and the peak

export function checkpointBlocks(ctx: Ctx): Block[] {
  const d = duty(ctx);
  if (!d || d.checkpoints.length === 0) return [];
  const t = od(ctx);
  return [
    table(
      [
        [t.columns.checkpoint, 3],
        [t.columns.planned, 2],
        [t.columns.observed, 2],
        [t.columns.values, 6],
      ],
      d.checkpoints.map((cp) => [
        ctx.r(cp.name),
        short(ctx, cp.plannedAt),
        cp.observedAt ? short(ctx, cp.observedAt) : t.notObserved,
        [
          ...cp.observations.map((o) => `${ctx.r(o.metric)} ${ctx.r(o.value)}`),
          ...(cp.notes.trim() === '' ? [] : [ctx.r(cp.notes)]),
        ].join(ctx.lang === 'en' ? '; ' : '；') || '—',
      ]),
      fill(t.checkpointsCaption, { zone: zone(ctx) }),
    ),
  ];
}

const ratio = (ctx: Ctx, observed: number, predicted: number) =>
  `${formatNumber(Math.round((observed / predicted) * 100))}${punctuation(ctx.lang).percent}`;

/** The observed peak against the plan's prediction, in words; null when none was observed. */
export function peakText(ctx: Ctx): string | null {
  const d = duty(ctx);
  if (!d || (d.peak.qps === null && d.peak.tps === null)) return null;
  const t = od(ctx);
  const predicted = ctx.input.plan.details.peak;
  const when = (utc: string | null) => (utc ? instantText(ctx, utc) : '—');
  const parts: string[] = [];
  if (d.peak.qps !== null) {
    parts.push(
      predicted.qps
        ? fill(t.peakQps, {
            observed: formatNumber(d.peak.qps),
            at: when(d.peak.qpsAt),
            ratio: ratio(ctx, d.peak.qps, predicted.qps),
            predicted: formatNumber(predicted.qps),
          })
        : fill(t.peakUnpredicted, { observed: formatNumber(d.peak.qps), unit: 'QPS', at: when(d.peak.qpsAt) }),
    );
  }
  if (d.peak.tps !== null) {
    parts.push(
      predicted.tps
        ? fill(t.peakTps, {
            observed: formatNumber(d.peak.tps),
            at: when(d.peak.tpsAt),
            ratio: ratio(ctx, d.peak.tps, predicted.tps),
            predicted: formatNumber(predicted.tps),
          })
        : fill(t.peakUnpredicted, { observed: formatNumber(d.peak.tps), unit: 'TPS', at: when(d.peak.tpsAt) }),
    );
  }
  return parts.join(ctx.lang === 'en' ? '; ' : '；');
}

// ---------------------------------------------------------------------------------------------
// Incidents

function incidentCount(ctx: Ctx, d: OnDutyInput): string {
  const t = od(ctx);
  // "none" is the closing's word; while the war room is open it is only "none recorded yet".
  if (d.incidents.length === 0) return d.closure ? t.none : t.noneYet;
  const breakdown = d.bySeverity.map((s) => `${s.severity} ${s.count}`).join(punctuation(ctx.lang).list);
  return fill(t.incidentCount, { count: d.incidents.length, breakdown });
}

/**
 * Every incident with its times, MTTA and MTTR, what it did and what was done, and the means per
 * severity. With none recorded: "None during {period}" once the war room closed (closing is the
 * consultant's word that the period is complete), the unconfirmed statement before.
 */
export function incidentBlocks(ctx: Ctx): Block[] {
  const d = duty(ctx);
  if (!d || d.incidents.length === 0) return [d?.closure ? missing(ctx, 'none') : unconfirmedNone(ctx)];
  const t = od(ctx);
  const c = t.columns;
  const p = punctuation(ctx.lang);
  const blocks: Block[] = [
    text(fill(t.definitions, { zone: zone(ctx) }), 'note'),
    table(
      [
        [c.ref, 1.3],
        [c.severity, 1],
        [c.title, 3.2],
        [c.started, 1.6],
        [c.detected, 1.6],
        [c.acknowledged, 1.6],
        [c.resolved, 1.6],
        [c.mtta, 1.3, 'right'],
        [c.mttr, 1.3, 'right'],
      ],
      d.incidents.map((i) => [
        i.ref,
        i.severity,
        ctx.r(i.title),
        short(ctx, i.startedAt),
        short(ctx, i.detectedAt),
        short(ctx, i.acknowledgedAt),
        i.resolvedAt ? short(ctx, i.resolvedAt) : t.stillOpen,
        minutes(ctx, i.mttaMinutes),
        minutes(ctx, i.mttrMinutes),
      ]),
      fill(t.incidentsCaption, { zone: zone(ctx) }),
    ),
    table(
      [
        [c.severity, 1.5],
        [c.count, 1, 'right'],
        [c.open, 1, 'right'],
        [c.mtta, 2, 'right'],
        [c.mttr, 2, 'right'],
      ],
      d.bySeverity.map((s) => [
        s.severity,
        String(s.count),
        String(s.open),
        minutes(ctx, s.mttaMinutes),
        minutes(ctx, s.mttrMinutes),
      ]),
      t.severityCaption,
    ),
  ];
  for (const i of d.incidents) {
    // An incident recorded only by its times has nothing more to say here.
    const described = i.impact || i.affectedServices.length > 0 || i.mitigatedAt || i.rootCause || i.actions.length > 0;
    if (!described) continue;
    blocks.push(part(`${i.ref} ${ctx.r(i.title)}`));
    const rows: [string, string][] = [
      [c.impact, ctx.r(i.impact) || '—'],
      [c.services, i.affectedServices.map(ctx.r).join(p.list) || '—'],
      [c.mitigated, short(ctx, i.mitigatedAt)],
      [c.rootCause, ctx.r(i.rootCause) || '—'],
    ];
    blocks.push(keyValue(rows));
    if (i.actions.length > 0) {
      blocks.push(
        table(
          [
            [c.action, 5],
            [c.owner, 2],
            [c.due, 1.6],
            [c.status, 1.6],
          ],
          i.actions.map((a) => [
            ctx.r(a.action),
            ctx.r(a.owner) || ctx.t.none,
            a.due ?? '—',
            new Map(Object.entries(t.actionStatus)).get(a.status) ?? a.status,
          ]),
        ),
      );
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// War-room log digest

const DIGEST_KINDS = new Set(['decision', 'action', 'incidentUpdate', 'handover', 'closure']);
const DIGEST_MAX = 200;

/** Decisions, actions, incident updates, handovers and the closing, newest last; ND with none. */
export function logDigestBlocks(ctx: Ctx): Block[] {
  const d = duty(ctx);
  const entries = (d?.log ?? []).filter((e) => DIGEST_KINDS.has(e.kind));
  if (!d || entries.length === 0) return [missing(ctx, 'noData')];
  const t = od(ctx);
  const c = t.columns;
  const shown = entries.slice(-DIGEST_MAX);
  const blocks: Block[] = [
    table(
      [
        [c.time, 1.8],
        [c.kind, 1.8],
        [c.entry, 7],
        [c.author, 2],
      ],
      shown.map((e) => [
        short(ctx, e.occurredAt),
        kindName(ctx, e.kind),
        `${ctx.r(e.text)}${e.late ? ` ${t.late}` : ''}`,
        ctx.r(e.author),
      ]),
      fill(t.digestCaption, { zone: zone(ctx) }),
    ),
  ];
  if (shown.length < entries.length || d.log.length > entries.length) {
    blocks.push(text(fill(t.digestMore, { shown: shown.length, total: entries.length, all: d.log.length }), 'note'));
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// The closing

/** The outcome in one bold sentence with the closing time; null while the war room is open. */
export function outcomeBlocks(ctx: Ctx): Block[] | null {
  const d = duty(ctx);
  if (!d?.closure) return null;
  const t = od(ctx);
  const c = d.closure;
  const summary = ctx.r(c.summary).trim();
  return [
    runs({
      text: `${t.outcome[c.outcome]}${summary === '' ? '' : `${ctx.lang === 'en' ? ' ' : ''}${summary}`}`,
      bold: true,
    }),
    text(fill(t.closedAt, { at: instantText(ctx, c.closedAt) }), 'note'),
    // A closing before the end, or with incidents open, is said where the outcome is read.
    ...(c.closedBeforeWindowEnd
      ? [text(fill(t.closedEarly, { end: instantText(ctx, ctx.input.engagement.eventEndUtc) }), 'note')]
      : []),
    ...(c.openIncidentsAtClose.length > 0
      ? [text(fill(t.openAtClose, { refs: c.openIncidentsAtClose.join(punctuation(ctx.lang).list) }), 'note')]
      : []),
  ];
}

/** The key figures of the period: observed peak, incidents, MTTA and MTTR over all severities. */
export function periodFigures(ctx: Ctx): Block | null {
  const d = duty(ctx);
  if (!d) return null;
  const t = od(ctx);
  // Means over resolved incidents, as the per-severity table and the printed definition say.
  const resolved = d.incidents.filter((i) => i.resolvedAt !== null);
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const mtta = mean(resolved.flatMap((i) => (i.mttaMinutes === null ? [] : [i.mttaMinutes])));
  const mttr = mean(resolved.flatMap((i) => (i.mttrMinutes === null ? [] : [i.mttrMinutes])));
  return keyValue([
    [t.keys.observedPeak, peakText(ctx) ?? t.noPeak],
    [t.keys.incidents, incidentCount(ctx, d)],
    [t.keys.mtta, minutes(ctx, mtta)],
    [t.keys.mttr, minutes(ctx, mttr)],
  ]);
}

/** Lessons learned and the follow-up actions with owner and due date; null before closing. */
export function lessonsBlocks(ctx: Ctx): Block[] | null {
  const d = duty(ctx);
  if (!d?.closure) return null;
  const t = od(ctx);
  const c = t.columns;
  const blocks: Block[] = [];
  if (d.closure.lessons.length > 0) blocks.push(list(d.closure.lessons.map(ctx.r)));
  if (d.closure.followUps.length > 0) {
    blocks.push(
      table(
        [
          [c.action, 6],
          [c.owner, 2],
          [c.due, 1.6],
        ],
        d.closure.followUps.map((f) => [ctx.r(f.action), ctx.r(f.owner) || ctx.t.none, f.due ?? '—']),
        t.keys.followUps,
      ),
    );
  }
  return blocks.length > 0 ? blocks : null;
}

/**
 * Security events (attacks, breaches, malware) with detection, analysis and solution ([AL]
 * §4.1.2): "None during {period}" once the war room closed without one, unconfirmed before.
 */
export function securityEventBlocks(ctx: Ctx): Block[] {
  const d = duty(ctx);
  const events = (d?.incidents ?? []).filter((i) => i.security);
  if (!d || events.length === 0) return [d?.closure ? missing(ctx, 'none') : unconfirmedNone(ctx)];
  const t = od(ctx);
  const c = t.columns;
  return [
    table(
      [
        [c.ref, 1.3],
        [c.severity, 1],
        [c.title, 3],
        [c.detected, 1.8],
        [c.impact, 3],
        [c.rootCause, 3],
        [c.action, 3],
      ],
      events.map((i) => [
        i.ref,
        i.severity,
        ctx.r(i.title),
        short(ctx, i.detectedAt),
        ctx.r(i.impact) || '—',
        ctx.r(i.rootCause) || '—',
        i.actions.map((a) => ctx.r(a.action)).join(ctx.lang === 'en' ? '; ' : '；') || '—',
      ]),
      fill(t.incidentsCaption, { zone: zone(ctx) }),
    ),
  ];
}
