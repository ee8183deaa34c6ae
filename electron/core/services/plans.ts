/**
 * The plan of an engagement: planning facts, details, scope, contacts, tasks with RACI, on-site
 * days and rule overrides. Every write returns the whole plan view, rules re-evaluated, so the
 * screen always shows warnings that match what is stored.
 */
import { createHash } from 'node:crypto';
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { Catalog } from '@shared/domain/catalog';
import {
  type Contact,
  contactSchema,
  dateInZone,
  EMPTY_DETAILS,
  type EngagementDetails,
  engagementDetailsSchema,
  eventWindowDays,
  generatePlanTasks,
  MAX_PLAN_DAYS,
  type OnSiteDay,
  onSiteDaySchema,
  type PlanSettings,
  type PlanTask,
  planSettingsSchema,
  planTaskPatchSchema,
  type ScopeResource,
  scopeResourceSchema,
} from '@shared/domain/plan';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { contacts, engagementPlans, onSiteDays, planTasks, ruleOverrides, scopeResources } from '../db/schema';
import { failure } from '../errors';
import { invalidInput } from '../validation';
import { allCalendars, defaultCalendarId, getCalendar } from './calendars';
import { readSnapshot, snapshotCatalog } from './catalogs';
import { getEngagement } from './engagements';
import { evaluateWarnings } from './plan-warnings';
import { contactRemovalBlocker } from './roster';

export type PlanView = MethodOutput<'plan.get'>;
type PlanRow = typeof engagementPlans.$inferSelect;

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error, field);
  return parsed.data;
}

/** Rows owned by an engagement, live ones only, in a stable order. */
function live<T extends typeof contacts | typeof scopeResources | typeof onSiteDays | typeof ruleOverrides>(
  ctx: CoreContext,
  table: T,
  engagementId: string,
) {
  return ctx.store.db
    .select()
    .from(table)
    .where(and(eq(table.engagementId, engagementId), isNull(table.deletedAt)))
    .orderBy(asc(table.createdAt), asc(table.id))
    .all();
}

function stamp(ctx: CoreContext) {
  const now = ctx.now();
  return { updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function newRow(ctx: CoreContext, engagementId: string) {
  const now = ctx.now();
  return { id: ctx.newId(), engagementId, createdAt: now, deletedAt: null, ...stamp(ctx), updatedAt: now };
}

/** Deterministic id of an engagement's plan row: two laptops planning one engagement meet on one row. */
function planRowId(engagementId: string): string {
  const hex = createHash('sha256').update(`vigil:plan:${engagementId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What the tasks were generated for: the edition and, for a pick-items edition, the items picked. */
function tasksBasis(editionId: string, pickedItemIds: readonly string[]): string {
  return JSON.stringify({ editionId, pickedItemIds: [...pickedItemIds].sort() });
}

function insertGeneratedTasks(ctx: CoreContext, engagementId: string, catalog: Catalog, plan: PlanSettings) {
  const engagement = getEngagement(ctx, engagementId);
  const calendar = getCalendar(ctx, plan.calendarId);
  const tasks = generatePlanTasks(
    catalog,
    engagement.editionId,
    plan.pickedItemIds,
    calendar,
    {
      applicationDate: plan.applicationDate,
      eventStartDate: dateInZone(engagement.eventStartUtc, engagement.timeZone),
      eventEndDate: dateInZone(engagement.eventEndUtc, engagement.timeZone),
    },
    engagement.language,
  );
  const now = ctx.now();
  ctx.store.db
    .update(planTasks)
    .set({ deletedAt: now, ...stamp(ctx) })
    .where(and(eq(planTasks.engagementId, engagementId), isNull(planTasks.deletedAt)))
    .run();
  for (const task of tasks) {
    ctx.store.db
      .insert(planTasks)
      .values({
        ...newRow(ctx, engagementId),
        templateId: task.templateId,
        phase: task.phase,
        name: task.name,
        startDate: task.startDate,
        endDate: task.endDate,
        owner: '',
        status: 'notStarted',
        raciCustomer: task.raci.customer,
        raciProvider: task.raci.provider,
        sortOrder: task.sortOrder,
      })
      .run();
  }
  ctx.store.db
    .update(engagementPlans)
    .set({ tasksBasis: tasksBasis(engagement.editionId, plan.pickedItemIds) })
    .where(eq(engagementPlans.engagementId, engagementId))
    .run();
}

function settingsOf(row: PlanRow): PlanSettings {
  return {
    applicationDate: row.applicationDate,
    orderDate: row.orderDate,
    largeResources: row.largeResources,
    calendarId: row.calendarId,
    serviceDays: row.serviceDays,
    remoteDays: row.remoteDays,
    pickedItemIds: JSON.parse(row.pickedItemIds) as string[],
  };
}

/** Today in the event's zone: the default application date N. */
function todayIn(ctx: CoreContext, timeZone: string): string {
  return dateInZone(ctx.now(), timeZone);
}

/**
 * The plan row, made on first use from the engagement's catalog and edition. An engagement moved to
 * another catalog gets a fresh snapshot and regenerated tasks; one that stays keeps its snapshot
 * even when the catalog is edited later.
 */
function ensurePlan(ctx: CoreContext, engagementId: string, initial?: Partial<PlanSettings>): PlanRow {
  const engagement = getEngagement(ctx, engagementId);
  const existing = ctx.store.db
    .select()
    .from(engagementPlans)
    .where(eq(engagementPlans.engagementId, engagementId))
    .get();
  if (existing && readSnapshot(ctx, existing.catalogHash).id === engagement.catalogId) return existing;
  const { hash, catalog } = snapshotCatalog(ctx, engagement.catalogId);
  if (existing) {
    ctx.store.db
      .update(engagementPlans)
      .set({ catalogHash: hash, pickedItemIds: '[]', ...stamp(ctx) })
      .where(eq(engagementPlans.id, existing.id))
      .run();
    insertGeneratedTasks(ctx, engagementId, catalog, { ...settingsOf(existing), pickedItemIds: [] });
    return { ...existing, catalogHash: hash, pickedItemIds: '[]' };
  }
  const startDate = dateInZone(engagement.eventStartUtc, engagement.timeZone);
  // A window longer than a year (a long rollout) still makes a plan its own schema accepts.
  const windowDays = Math.min(
    eventWindowDays(startDate, dateInZone(engagement.eventEndUtc, engagement.timeZone)),
    MAX_PLAN_DAYS,
  );
  const settings: PlanSettings = {
    applicationDate: todayIn(ctx, engagement.timeZone),
    orderDate: null,
    largeResources: false,
    calendarId: defaultCalendarId(ctx, engagement.timeZone, Number(startDate.slice(0, 4))),
    serviceDays: windowDays,
    remoteDays: windowDays,
    pickedItemIds: [],
    ...initial,
  };
  const row: PlanRow = {
    ...newRow(ctx, engagementId),
    id: planRowId(engagementId),
    catalogHash: hash,
    pickedItemIds: JSON.stringify(settings.pickedItemIds),
    calendarId: settings.calendarId,
    applicationDate: settings.applicationDate,
    orderDate: settings.orderDate,
    largeResources: settings.largeResources,
    serviceDays: settings.serviceDays,
    remoteDays: settings.remoteDays,
    details: JSON.stringify(EMPTY_DETAILS),
    tasksBasis: '',
  };
  ctx.store.db.insert(engagementPlans).values(row).run();
  insertGeneratedTasks(ctx, engagementId, catalog, settings);
  return row;
}

function tasksOf(ctx: CoreContext, engagementId: string): PlanTask[] {
  return ctx.store.db
    .select()
    .from(planTasks)
    .where(and(eq(planTasks.engagementId, engagementId), isNull(planTasks.deletedAt)))
    .orderBy(asc(planTasks.sortOrder), asc(planTasks.startDate))
    .all()
    .map((t) => ({
      id: t.id,
      templateId: t.templateId,
      phase: t.phase as PlanTask['phase'],
      name: t.name,
      startDate: t.startDate,
      endDate: t.endDate,
      owner: t.owner,
      status: t.status as PlanTask['status'],
      raci: { customer: t.raciCustomer, provider: t.raciProvider },
    }));
}

function buildView(ctx: CoreContext, engagementId: string, row: PlanRow): PlanView {
  const engagement = getEngagement(ctx, engagementId);
  const catalog = readSnapshot(ctx, row.catalogHash);
  const settings = settingsOf(row);
  const calendar = getCalendar(ctx, settings.calendarId);
  const details = engagementDetailsSchema.safeParse(JSON.parse(row.details));
  const contactRows: (Contact & { id: string })[] = live(ctx, contacts, engagementId).map((c) => ({
    id: c.id,
    party: c.party as Contact['party'],
    name: c.name,
    role: c.role,
    email: c.email,
    phone: c.phone,
    projectManager: c.projectManager,
  }));
  const resources: (ScopeResource & { id: string })[] = live(ctx, scopeResources, engagementId).map((r) => ({
    id: r.id,
    resourceType: r.resourceType as ScopeResource['resourceType'],
    spec: r.spec,
    count: r.count,
    region: r.region,
    notes: r.notes,
  }));
  const days: OnSiteDay[] = live(ctx, onSiteDays, engagementId)
    .map((d) => ({ date: d.date, persons: d.persons }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const overrides = live(ctx, ruleOverrides, engagementId).map((o) => ({
    id: o.id,
    ruleId: o.ruleId,
    reason: o.reason,
    author: o.author,
    createdAt: o.createdAt,
  }));
  const tasks = tasksOf(ctx, engagementId);
  const { warnings, billing } = evaluateWarnings({
    engagement,
    catalog,
    calendar,
    settings,
    contacts: contactRows,
    tasks,
    onSiteDays: days,
    overrides,
  });
  const edition = catalog.editions.find((e) => e.id === engagement.editionId);
  return {
    engagementId,
    settings,
    catalog: {
      catalogId: catalog.id,
      version: catalog.version,
      hash: row.catalogHash,
      name: catalog.name,
      editionId: engagement.editionId,
      editionName: edition?.name ?? { en: engagement.editionId, 'zh-CN': engagement.editionId },
      pickItems: edition?.pickItems ?? false,
      maxServiceDays: edition?.maxServiceDays ?? null,
      includedRemoteDays: edition?.includedRemoteDays ?? null,
      items: catalog.items.map((item) => ({
        id: item.id,
        name: item.name,
        phase: item.phase,
        inScope: edition
          ? edition.pickItems
            ? settings.pickedItemIds.includes(item.id)
            : edition.itemIds.includes(item.id)
          : false,
      })),
      deliverables: catalog.deliverables
        .filter((d) => d.editionIds.length === 0 || d.editionIds.includes(engagement.editionId))
        .map((d) => ({ id: d.id, name: d.name })),
    },
    calendar: { calendarId: calendar.id, name: calendar.name },
    details: details.success ? details.data : EMPTY_DETAILS,
    contacts: contactRows,
    resources,
    tasks,
    onSiteDays: days,
    overrides,
    warnings,
    billing,
    // Plans made before the basis was recorded ('') are taken as current.
    tasksStale: row.tasksBasis !== '' && row.tasksBasis !== tasksBasis(engagement.editionId, settings.pickedItemIds),
  };
}

/** Runs a change to the plan in one transaction and answers the plan as it now stands. */
function changePlan(ctx: CoreContext, engagementId: string, change: (row: PlanRow) => void): PlanView {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its plan cannot change.`,
      {
        field: 'engagementId',
      },
    );
  }
  ctx.store.sqlite.transaction(() => {
    const row = ensurePlan(ctx, engagementId);
    change(row);
  })();
  ctx.emit('engagement.changed', { id: engagementId });
  return getPlan(ctx, engagementId);
}

export function getPlan(ctx: CoreContext, engagementId: string): PlanView {
  const row = ctx.store.sqlite.transaction(() => ensurePlan(ctx, engagementId))();
  const fresh = ctx.store.db.select().from(engagementPlans).where(eq(engagementPlans.id, row.id)).get() ?? row;
  return buildView(ctx, engagementId, fresh);
}

/** Creates the plan with the wizard's choices in the same transaction as the engagement. */
export function createPlan(
  ctx: CoreContext,
  engagementId: string,
  input: NonNullable<MethodInput<'engagement.createPlanned'>['plan']>,
) {
  const settings = parseOrThrow(planSettingsSchema.partial(), input.settings ?? {}, 'plan.settings');
  if (settings.calendarId && !allCalendars(ctx).has(settings.calendarId)) {
    throw failure('NOT_FOUND', `No working-day calendar "${settings.calendarId}".`, {
      field: 'plan.settings.calendarId',
    });
  }
  const row = ensurePlan(ctx, engagementId, settings);
  assertPickable(
    ctx,
    engagementId,
    readSnapshot(ctx, row.catalogHash),
    settings.pickedItemIds ?? [],
    'plan.settings.pickedItemIds',
  );
  const details = parseOrThrow(engagementDetailsSchema, input.details ?? EMPTY_DETAILS, 'plan.details');
  ctx.store.db
    .update(engagementPlans)
    .set({ details: JSON.stringify(details) })
    .where(eq(engagementPlans.engagementId, engagementId))
    .run();
  for (const [index, contact] of (input.contacts ?? []).entries()) {
    insertContact(ctx, engagementId, parseOrThrow(contactSchema, contact, `plan.contacts.${index}`));
  }
  for (const [index, resource] of (input.resources ?? []).entries()) {
    insertResource(ctx, engagementId, parseOrThrow(scopeResourceSchema, resource, `plan.resources.${index}`));
  }
}

function insertContact(ctx: CoreContext, engagementId: string, contact: Contact) {
  ctx.store.db
    .insert(contacts)
    .values({
      ...newRow(ctx, engagementId),
      party: contact.party,
      name: contact.name,
      role: contact.role,
      email: contact.email,
      phone: contact.phone,
      projectManager: contact.projectManager,
    })
    .run();
}

function insertResource(ctx: CoreContext, engagementId: string, resource: ScopeResource) {
  ctx.store.db
    .insert(scopeResources)
    .values({
      ...newRow(ctx, engagementId),
      resourceType: resource.resourceType,
      spec: resource.spec,
      count: resource.count,
      region: resource.region,
      notes: resource.notes,
    })
    .run();
}

/** Picked items must be the catalog's, and only an edition that lets the consultant choose takes them. */
function assertPickable(
  ctx: CoreContext,
  engagementId: string,
  catalog: Catalog,
  picked: readonly string[],
  field = 'patch.pickedItemIds',
) {
  if (picked.length === 0) return;
  const edition = catalog.editions.find((e) => e.id === getEngagement(ctx, engagementId).editionId);
  if (!edition?.pickItems) {
    throw failure('INVALID_INPUT', `${field}: this edition has a fixed list of items; none can be picked.`, { field });
  }
  const known = new Set(catalog.items.map((item) => item.id));
  const unknown = picked.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw failure('INVALID_INPUT', `${field}: the catalog has no item ${unknown.map((id) => `"${id}"`).join(', ')}.`, {
      field,
    });
  }
}

export function updatePlanSettings(ctx: CoreContext, input: MethodInput<'plan.updateSettings'>): PlanView {
  return changePlan(ctx, input.engagementId, (row) => {
    const merged = parseOrThrow(planSettingsSchema, { ...settingsOf(row), ...input.patch }, 'patch');
    getCalendar(ctx, merged.calendarId);
    assertPickable(ctx, input.engagementId, readSnapshot(ctx, row.catalogHash), merged.pickedItemIds);
    ctx.store.db
      .update(engagementPlans)
      .set({
        applicationDate: merged.applicationDate,
        orderDate: merged.orderDate,
        largeResources: merged.largeResources,
        calendarId: merged.calendarId,
        serviceDays: merged.serviceDays,
        remoteDays: merged.remoteDays,
        pickedItemIds: JSON.stringify(merged.pickedItemIds),
        ...stamp(ctx),
      })
      .where(eq(engagementPlans.id, row.id))
      .run();
  });
}

export function updateDetails(ctx: CoreContext, input: MethodInput<'plan.updateDetails'>): PlanView {
  return changePlan(ctx, input.engagementId, (row) => {
    const details: EngagementDetails = parseOrThrow(engagementDetailsSchema, input.details, 'details');
    ctx.store.db
      .update(engagementPlans)
      .set({ details: JSON.stringify(details), ...stamp(ctx) })
      .where(eq(engagementPlans.id, row.id))
      .run();
  });
}

function ownedRow<T extends typeof contacts | typeof scopeResources>(
  ctx: CoreContext,
  table: T,
  engagementId: string,
  id: string,
) {
  const found = ctx.store.db
    .select()
    .from(table)
    .where(and(eq(table.id, id), eq(table.engagementId, engagementId), isNull(table.deletedAt)))
    .get();
  if (!found) throw failure('NOT_FOUND', `No such row (${id}) in this engagement.`, { field: 'id' });
  return found;
}

export function saveContact(ctx: CoreContext, input: MethodInput<'plan.saveContact'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const contact = parseOrThrow(contactSchema, input.contact, 'contact');
    if (!contact.id) return insertContact(ctx, input.engagementId, contact);
    ownedRow(ctx, contacts, input.engagementId, contact.id);
    const { id, ...fields } = contact;
    ctx.store.db
      .update(contacts)
      .set({ ...fields, ...stamp(ctx) })
      .where(eq(contacts.id, id))
      .run();
  });
}

export function saveResource(ctx: CoreContext, input: MethodInput<'plan.saveResource'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const resource = parseOrThrow(scopeResourceSchema, input.resource, 'resource');
    if (!resource.id) return insertResource(ctx, input.engagementId, resource);
    ownedRow(ctx, scopeResources, input.engagementId, resource.id);
    const { id, ...fields } = resource;
    ctx.store.db
      .update(scopeResources)
      .set({ ...fields, ...stamp(ctx) })
      .where(eq(scopeResources.id, id))
      .run();
  });
}

export function removeRow(ctx: CoreContext, input: MethodInput<'plan.removeRow'>): PlanView {
  const table = input.kind === 'contact' ? contacts : scopeResources;
  return changePlan(ctx, input.engagementId, () => {
    ownedRow(ctx, table, input.engagementId, input.id);
    // A contact on the roster would leave shifts with nobody in them: those go first.
    const blocker = input.kind === 'contact' ? contactRemovalBlocker(ctx, input.engagementId, input.id) : null;
    if (blocker) throw failure('CONFLICT', blocker, { field: 'id' });
    ctx.store.db
      .update(table)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(table.id, input.id))
      .run();
  });
}

export function updateTask(ctx: CoreContext, input: MethodInput<'plan.updateTask'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const task = tasksOf(ctx, input.engagementId).find((t) => t.id === input.id);
    if (!task) throw failure('NOT_FOUND', `No task ${input.id} in this plan.`, { field: 'id' });
    const patch = parseOrThrow(planTaskPatchSchema, input.patch, 'patch');
    const merged = { ...task, ...patch };
    if (merged.endDate < merged.startDate) {
      throw failure('INVALID_INPUT', 'patch.endDate: A task must end on or after the day it starts.', {
        field: 'patch.endDate',
        messageKey: 'validation.taskEndBeforeStart',
      });
    }
    ctx.store.db
      .update(planTasks)
      .set({
        name: merged.name,
        startDate: merged.startDate,
        endDate: merged.endDate,
        owner: merged.owner,
        status: merged.status,
        raciCustomer: merged.raci.customer,
        raciProvider: merged.raci.provider,
        ...stamp(ctx),
      })
      .where(eq(planTasks.id, task.id))
      .run();
  });
}

export function regenerateTasks(ctx: CoreContext, engagementId: string): PlanView {
  return changePlan(ctx, engagementId, (row) => {
    insertGeneratedTasks(ctx, engagementId, readSnapshot(ctx, row.catalogHash), settingsOf(row));
  });
}

export function setOnSiteDays(ctx: CoreContext, input: MethodInput<'plan.setOnSiteDays'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const days = input.days.map((day, index) => parseOrThrow(onSiteDaySchema, day, `days.${index}`));
    const dates = days.map((d) => d.date);
    const repeated = dates.find((date, index) => dates.indexOf(date) !== index);
    if (repeated)
      throw failure('INVALID_INPUT', `days: ${repeated} is listed twice.`, {
        field: 'days',
        messageKey: 'validation.dayTwice',
      });
    const now = ctx.now();
    ctx.store.db
      .update(onSiteDays)
      .set({ deletedAt: now, ...stamp(ctx) })
      .where(and(eq(onSiteDays.engagementId, input.engagementId), isNull(onSiteDays.deletedAt)))
      .run();
    for (const day of days)
      ctx.store.db
        .insert(onSiteDays)
        .values({ ...newRow(ctx, input.engagementId), ...day })
        .run();
  });
}

export function overrideRule(ctx: CoreContext, input: MethodInput<'plan.overrideRule'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const current = getPlan(ctx, input.engagementId);
    if (!current.warnings.some((w) => w.ruleId === input.ruleId)) {
      throw failure('INVALID_INPUT', `ruleId: no warning "${input.ruleId}" stands on this plan.`, { field: 'ruleId' });
    }
    // A new override replaces the rule's live one (kept, withdrawn), so withdrawing it cannot bring an older one back.
    ctx.store.db
      .update(ruleOverrides)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(
        and(
          eq(ruleOverrides.engagementId, input.engagementId),
          eq(ruleOverrides.ruleId, input.ruleId),
          isNull(ruleOverrides.deletedAt),
        ),
      )
      .run();
    ctx.store.db
      .insert(ruleOverrides)
      .values({ ...newRow(ctx, input.engagementId), ruleId: input.ruleId, reason: input.reason, author: ctx.actor() })
      .run();
  });
}

export function withdrawOverride(ctx: CoreContext, input: MethodInput<'plan.withdrawOverride'>): PlanView {
  return changePlan(ctx, input.engagementId, () => {
    const { changes } = ctx.store.db
      .update(ruleOverrides)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(
        and(
          eq(ruleOverrides.id, input.overrideId),
          eq(ruleOverrides.engagementId, input.engagementId),
          isNull(ruleOverrides.deletedAt),
        ),
      )
      .run();
    if (changes === 0) {
      throw failure('NOT_FOUND', `No override ${input.overrideId} stands on this plan.`, { field: 'overrideId' });
    }
  });
}
