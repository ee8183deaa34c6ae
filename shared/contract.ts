/**
 * The single truth of what the renderer may ask of the core. Electron IPC and the browser harness
 * both route through this table; every input is parsed with its schema before a service sees it.
 */
import { z } from 'zod';
import { BACKUP_FILE_NAME, backupInfoSchema } from './domain/backup';
import { LOGO_MAX_BASE64_CHARS } from './domain/branding';
import {
  BUNDLE_PASSPHRASE_MAX_CHARS,
  BUNDLE_UPLOAD_CHUNK_MAX_BYTES,
  bundleInspectionSchema,
  ON_EXISTING,
} from './domain/bundle';
import { calendarSchema } from './domain/calendar';
import { capacityFormulaSchema, capacityItemInputSchema, capacityListSchema } from './domain/capacity';
import { catalogIdSchema, catalogSummarySchema, loadedCatalogSchema, localizedSchema } from './domain/catalog';
import { answerValueSchema, checklistTemplateSchema, checklistTemplateSummarySchema } from './domain/checklist';
import { CHECKPOINT_TEMPLATES, checkpointInputSchema, checkpointSchema } from './domain/checkpoints';
import {
  engagementFieldsSchema,
  engagementListQuerySchema,
  engagementSchema,
  engagementStatusSchema,
} from './domain/engagement';
import {
  EVIDENCE_MAX_BASE64_CHARS,
  evidenceCaptionSchema,
  evidenceLinkSchema,
  evidenceTargetKindSchema,
} from './domain/evidence';
import {
  FINDING_STATUSES,
  findingFieldsSchema,
  findingInputSchema,
  findingListQuerySchema,
  findingSchema,
  LIBRARY_LANGUAGES,
  libraryEntryInputSchema,
  libraryEntrySchema,
} from './domain/finding';
import { incidentInputSchema, incidentSchema, timelineItemSchema } from './domain/incidents';
import { columnMappingSchema, loadTestFormatSchema, loadTestPreviewSchema } from './domain/load-test';
import {
  OPTIMIZATION_KINDS,
  optimizationInputSchema,
  optimizationItemSchema,
  optimizationTemplateSchema,
} from './domain/optimization';
import {
  contactSchema,
  engagementDetailsSchema,
  onSiteDaySchema,
  planSettingsSchema,
  planTaskPatchSchema,
  planViewSchema,
  ruleOverrideInputSchema,
  scopeResourceSchema,
} from './domain/plan';
import { REDACTION_DECISIONS, redactionHitSchema, redactionTargetSchema, SECRET_KINDS } from './domain/redaction';
import {
  MAX_GENERATED_SHIFTS,
  patternRequestSchema,
  rosterSettingsSchema,
  rosterViewSchema,
  shiftInputSchema,
} from './domain/roster';
import { searchQuerySchema, searchResultSchema } from './domain/search';
import { settingsPatchSchema, settingsSchema } from './domain/settings';
import {
  preparedSigningSchema,
  signedVersionSchema,
  signoffBlockerSchema,
  signoffInputSchema,
  signoffStateSchema,
} from './domain/signoff';
import {
  labelRecord,
  STRESS_UPLOAD_CHUNK_MAX_BYTES,
  stressPlanSchema,
  stressRunSchema,
  stressScenarioFieldsSchema,
  stressScenarioSchema,
  stressViewSchema,
} from './domain/stress-test';
import { closureInputSchema, reopenReasonSchema, warRoomStateSchema } from './domain/war-room-closure';
import {
  logEntryInputSchema,
  logEntrySchema,
  logListQuerySchema,
  logPageSchema,
  logRevisionInputSchema,
  logRevisionSchema,
} from './domain/war-room-log';
import { documentSchema } from './report/model';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const answerViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  value: answerValueSchema.nullable(),
  note: z.string(),
  fails: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const backupFileNameSchema = z.string().max(200).regex(BACKUP_FILE_NAME, { message: 'validation.backupFileName' });
const byId = z.object({ id: z.string().uuid({ message: 'validation.id' }) });
const bundlePassphraseSchema = z.string().min(1).max(BUNDLE_PASSPHRASE_MAX_CHARS);

export const contract = {
  'app.info': method(
    z.object({}),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      transport: z.enum(['electron', 'harness']),
    }),
  ),
  'settings.get': method(z.object({}), settingsSchema),
  'settings.update': method(settingsPatchSchema, settingsSchema),
  /** The firm's logo for deliverables: validated and made a PNG in a worker, hence asynchronous. */
  'settings.setLogo': method(
    z.object({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(LOGO_MAX_BASE64_CHARS) }),
    settingsSchema,
  ),
  'settings.clearLogo': method(z.object({}), settingsSchema),
  /** The logo as stored (PNG), for the settings screen; null when there is none. */
  'settings.logo': method(
    z.object({}),
    z
      .object({
        sha256: z.string(),
        mediaType: z.literal('image/png'),
        dataBase64: z.string(),
        width: z.number().int(),
        height: z.number().int(),
      })
      .nullable(),
  ),

  'engagement.list': method(engagementListQuerySchema, z.array(engagementSchema)),
  'engagement.get': method(byId, engagementSchema),
  'engagement.create': method(engagementFieldsSchema, engagementSchema),
  'engagement.update': method(
    z.object({
      id: byId.shape.id,
      patch: engagementFieldsSchema.partial().extend({ status: engagementStatusSchema.optional() }),
    }),
    engagementSchema,
  ),
  'engagement.archive': method(byId, engagementSchema),
  'engagement.unarchive': method(byId, engagementSchema),
  /** Moves an engagement to the trash: hidden everywhere, restorable until the trash is emptied. */
  'engagement.trash': method(byId, engagementSchema),
  'engagement.restore': method(byId, engagementSchema),
  'engagement.listTrash': method(z.object({}), z.array(engagementSchema)),
  'engagement.emptyTrash': method(z.object({}), z.object({ purged: z.number().int() })),

  /** The new-engagement wizard: the engagement and its plan, contacts and scope in one transaction. */
  'engagement.createPlanned': method(
    z.object({
      engagement: engagementFieldsSchema,
      plan: z
        .object({
          settings: planSettingsSchema.partial().optional(),
          details: engagementDetailsSchema.optional(),
          contacts: z.array(contactSchema).max(100).optional(),
          resources: z.array(scopeResourceSchema).max(500).optional(),
        })
        .optional(),
    }),
    engagementSchema,
  ),

  'plan.get': method(z.object({ engagementId: byId.shape.id }), planViewSchema),
  'plan.updateSettings': method(
    z.object({ engagementId: byId.shape.id, patch: planSettingsSchema.partial() }),
    planViewSchema,
  ),
  'plan.updateDetails': method(
    z.object({ engagementId: byId.shape.id, details: engagementDetailsSchema }),
    planViewSchema,
  ),
  'plan.saveContact': method(z.object({ engagementId: byId.shape.id, contact: contactSchema }), planViewSchema),
  'plan.saveResource': method(z.object({ engagementId: byId.shape.id, resource: scopeResourceSchema }), planViewSchema),
  'plan.removeRow': method(
    z.object({ engagementId: byId.shape.id, kind: z.enum(['contact', 'resource']), id: byId.shape.id }),
    planViewSchema,
  ),
  'plan.updateTask': method(
    z.object({ engagementId: byId.shape.id, id: z.string(), patch: planTaskPatchSchema }),
    planViewSchema,
  ),
  'plan.regenerateTasks': method(z.object({ engagementId: byId.shape.id }), planViewSchema),
  'plan.setOnSiteDays': method(
    z.object({ engagementId: byId.shape.id, days: z.array(onSiteDaySchema).max(366) }),
    planViewSchema,
  ),
  'plan.overrideRule': method(ruleOverrideInputSchema.extend({ engagementId: byId.shape.id }), planViewSchema),
  'plan.withdrawOverride': method(z.object({ engagementId: byId.shape.id, overrideId: byId.shape.id }), planViewSchema),
  'calendar.list': method(
    z.object({}),
    z.array(
      z.object({
        calendarId: z.string(),
        name: z.object({ en: z.string(), 'zh-CN': z.string() }),
        region: z.string(),
        origin: z.enum(['builtin', 'firm']),
      }),
    ),
  ),
  'calendar.get': method(z.object({ calendarId: z.string().min(1) }), calendarSchema),
  'calendar.save': method(z.object({ calendar: z.unknown() }), calendarSchema),

  /** Service catalogs: shipped ones and the firm's own (duplicated, edited or imported). */
  'catalog.list': method(z.object({}), z.array(catalogSummarySchema)),
  'catalog.get': method(z.object({ catalogId: z.string().min(1) }), loadedCatalogSchema),
  'catalog.duplicate': method(
    z.object({ sourceId: z.string().min(1), newId: catalogIdSchema, name: localizedSchema }),
    loadedCatalogSchema,
  ),
  /** Validated here in full; refused with every problem in `details`. Same id: a new version. */
  'catalog.save': method(z.object({ catalog: z.unknown() }), loadedCatalogSchema),
  'catalog.import': method(
    z.object({ fileName: z.string().min(1).max(260), text: z.string().max(5_000_000) }),
    loadedCatalogSchema,
  ),
  'catalog.delete': method(z.object({ catalogId: z.string().min(1) }), z.object({ catalogId: z.string() })),

  /** The shipped checklist templates (survey, risk inspection, security evaluation), without items. */
  'checklist.templates': method(z.object({}), z.array(checklistTemplateSummarySchema)),
  /** Starts (idempotently) an engagement's checklist, pinning the template content of this moment. */
  'checklist.start': method(
    z.object({ engagementId: byId.shape.id, templateId: z.string().min(1) }),
    z.object({ checklistId: z.string(), templateId: z.string(), templateHash: z.string() }),
  ),
  /** A checklist of an engagement: its pinned template, the answers so far, the resources in scope. */
  'checklist.view': method(
    z.object({ engagementId: byId.shape.id, templateId: z.string().min(1) }),
    z.object({
      engagementId: z.string(),
      templateId: z.string(),
      templateHash: z.string(),
      template: checklistTemplateSchema,
      answers: z.array(answerViewSchema),
      resourceTypesInScope: z.array(z.string()),
    }),
  ),
  /** Answers (or clears, with value null) one item; persisted at once with who and when. */
  'checklist.answer': method(
    z.object({
      engagementId: byId.shape.id,
      templateId: z.string().min(1),
      itemId: z.string().min(1),
      value: answerValueSchema.nullable(),
      note: z.string().max(10_000, { message: 'validation.tooLong' }).optional(),
    }),
    answerViewSchema,
  ),
  /** Puts an item's answer back to what it was before its last change. */
  'checklist.undo': method(
    z.object({ engagementId: byId.shape.id, templateId: z.string().min(1), itemId: z.string().min(1) }),
    answerViewSchema,
  ),

  /** Findings of an engagement: raised from a failing answer (linked, never duplicated) or by hand. */
  'finding.list': method(findingListQuerySchema, z.array(findingSchema)),
  'finding.get': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), findingSchema),
  /** With an `answerId` that already has a live finding, answers that finding instead of a duplicate. */
  'finding.create': method(findingInputSchema.safeExtend({ engagementId: byId.shape.id }), findingSchema),
  /** The patch is merged and the whole finding validated again (risk accepted needs a disposition). */
  'finding.update': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id, patch: findingFieldsSchema.partial() }),
    findingSchema,
  ),
  /** One status for several findings in one transaction: all change or none. */
  'finding.bulkStatus': method(
    z.object({
      engagementId: byId.shape.id,
      ids: z.array(byId.shape.id).min(1).max(1000),
      status: z.enum(FINDING_STATUSES, { message: 'validation.status' }),
      disposition: findingFieldsSchema.shape.disposition.optional(),
    }),
    z.array(findingSchema),
  ),
  'finding.remove': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), z.object({ id: z.string() })),

  /**
   * Capacity evaluation: per resource, capacity, baseline, predicted peak, required capacity with
   * the margin, headroom and scaling, computed from the formulas (data) and the peak forecast. An
   * item below its margin raises one linked finding (templateId 'capacity', itemId the item).
   */
  'capacity.formulas': method(z.object({}), z.array(capacityFormulaSchema)),
  'capacity.list': method(z.object({ engagementId: byId.shape.id }), capacityListSchema),
  /** Without an id: a new item. Re-evaluates it and raises or updates its finding. */
  'capacity.save': method(z.object({ engagementId: byId.shape.id, item: capacityItemInputSchema }), capacityListSchema),
  /** Soft delete; the finding the item raised stays. */
  'capacity.remove': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), capacityListSchema),
  /** Undoes a remove. */
  'capacity.restore': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), capacityListSchema),
  /** One item per resource in scope with its type's primary formula, skipping those already evaluated. */
  'capacity.seed': method(
    z.object({ engagementId: byId.shape.id }),
    capacityListSchema.extend({ added: z.number().int(), skipped: z.number().int() }),
  ),
  /** Re-evaluates every item (e.g. after the peak forecast changed): raises or updates findings. */
  'capacity.evaluate': method(z.object({ engagementId: byId.shape.id }), capacityListSchema),

  /** The firm's findings library, in both languages. */
  'library.list': method(z.object({ search: z.string().max(200).optional() }), z.array(libraryEntrySchema)),
  /** Without an id: a new entry; with the id of an entry: its new content. */
  'library.save': method(z.object({ entry: libraryEntryInputSchema }), libraryEntrySchema),
  'library.remove': method(byId, z.object({ id: z.string() })),
  /** A new open finding from a library entry, in the language asked for (the other one if that is empty). */
  'library.insert': method(
    z.object({ engagementId: byId.shape.id, libraryId: byId.shape.id, language: z.enum(LIBRARY_LANGUAGES) }),
    findingSchema,
  ),
  'library.saveFromFinding': method(
    z.object({
      engagementId: byId.shape.id,
      findingId: byId.shape.id,
      tags: libraryEntryInputSchema.shape.tags.default([]),
    }),
    libraryEntrySchema,
  ),
  'library.export': method(z.object({}), z.object({ fileName: z.string(), text: z.string() })),
  /** Validated in full; refused with every problem in `details`, nothing stored. Same id: updated. */
  'library.import': method(
    z.object({ fileName: z.string().min(1).max(260), text: z.string().max(20_000_000) }),
    z.object({ added: z.number().int(), updated: z.number().int() }),
  ),

  /**
   * Optimization plans: monitoring, traffic protection, database, bottleneck, process, disaster
   * recovery, emergency plans and drills, each with owner, due date and status.
   */
  'optimization.templates': method(z.object({}), z.array(optimizationTemplateSchema)),
  'optimization.list': method(z.object({ engagementId: byId.shape.id }), z.array(optimizationItemSchema)),
  /** Without an id: a new entry at the end of its kind's list; with one: that entry (its kind cannot change). */
  'optimization.save': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id.optional(), item: optimizationInputSchema }),
    optimizationItemSchema,
  ),
  'optimization.remove': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  /** Undoes a remove. */
  'optimization.restore': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), optimizationItemSchema),
  /** Copies templates in the engagement's language; one already in the engagement is skipped. */
  'optimization.addFromTemplates': method(
    z.object({ engagementId: byId.shape.id, templateIds: z.array(z.string().min(1).max(100)).min(1).max(200) }),
    z.object({ added: z.array(optimizationItemSchema), skipped: z.array(z.string()) }),
  ),
  /** The new order of one kind's entries: exactly its live entries, first to last. */
  'optimization.reorder': method(
    z.object({
      engagementId: byId.shape.id,
      kind: z.enum(OPTIMIZATION_KINDS, { message: 'validation.optimizationKind' }),
      ids: z.array(byId.shape.id).max(1000),
    }),
    z.array(optimizationItemSchema),
  ),

  /**
   * Checkpoints of the on-duty period: planned checks with the metrics to record and what was
   * observed. Recording appends a 'checkpoint' entry to the war-room log (refused once it is closed).
   */
  'checkpoint.list': method(z.object({ engagementId: byId.shape.id }), z.array(checkpointSchema)),
  /** Without an id: a new checkpoint; with one: its name, time, metrics and notes. */
  'checkpoint.save': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id.optional(), checkpoint: checkpointInputSchema }),
    checkpointSchema,
  ),
  /** Quick-add relative to the event window; `peakAt` (UTC) places the peak. One of each template. */
  'checkpoint.addFromTemplates': method(
    z.object({
      engagementId: byId.shape.id,
      templates: z
        .array(z.enum(CHECKPOINT_TEMPLATES, { message: 'validation.checkpointTemplate' }))
        .min(1)
        .max(20),
      peakAt: z.string().datetime({ message: 'validation.instant' }).optional(),
    }),
    z.object({ added: z.array(checkpointSchema), skipped: z.array(z.enum(CHECKPOINT_TEMPLATES)) }),
  ),
  /** Observed values (each at `observedAt` unless it says otherwise) and notes; appends the log entry. */
  'checkpoint.record': method(
    z.object({
      engagementId: byId.shape.id,
      id: byId.shape.id,
      observedAt: z.string().datetime({ message: 'validation.instant' }),
      values: z
        .array(
          z.object({
            metricId: z.string().min(1).max(100),
            value: z
              .number({ message: 'validation.metricValue' })
              .finite({ message: 'validation.metricValue' })
              .nullable(),
            observedAt: z.string().datetime({ message: 'validation.instant' }).optional(),
          }),
        )
        .max(50),
      notes: z.string().trim().max(4000, { message: 'validation.tooLong' }).optional(),
    }),
    checkpointSchema,
  ),
  'checkpoint.remove': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  /** Undoes a remove. */
  'checkpoint.restore': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), checkpointSchema),

  /**
   * Incidents: INC-nnn numbered per engagement and never reused, severity P1–P4, the five times in
   * order (start ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved), impact, cause, actions.
   */
  'incident.list': method(z.object({ engagementId: byId.shape.id }), z.array(incidentSchema)),
  'incident.save': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id.optional(), incident: incidentInputSchema }),
    incidentSchema,
  ),
  'incident.remove': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), z.object({ id: z.string() })),
  /** Undoes a remove; the number is the one it had. */
  'incident.restore': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), incidentSchema),
  /** The incident's own times and the war-room log entries naming it, oldest first. */
  'incident.timeline': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.array(timelineItemSchema),
  ),

  /**
   * Closing the war room: outcome, lessons and follow-ups, with a 'closure' log entry in the same
   * transaction. The summaries and acceptance reports cannot be signed until it is closed; once
   * closed, the log takes no entries until reopened with a reason.
   */
  'warroom.state': method(z.object({ engagementId: byId.shape.id }), warRoomStateSchema),
  'warroom.close': method(z.object({ engagementId: byId.shape.id, closure: closureInputSchema }), warRoomStateSchema),
  'warroom.reopen': method(z.object({ engagementId: byId.shape.id, reason: reopenReasonSchema }), warRoomStateSchema),

  /**
   * Evidence on answers and findings. `evidence.add` is asynchronous (images are re-encoded in a
   * worker): transports call the router's `invokeAsync` for the methods in ASYNC_METHODS.
   */
  'evidence.add': method(
    z.object({
      engagementId: byId.shape.id,
      targetKind: evidenceTargetKindSchema,
      targetId: z.string().min(1).max(200),
      fileName: z.string().min(1).max(260),
      /** What the renderer was told (File.type); the core sniffs the bytes and decides itself. */
      mediaType: z.string().max(200),
      dataBase64: z.string().max(EVIDENCE_MAX_BASE64_CHARS),
      caption: evidenceCaptionSchema.optional(),
    }),
    evidenceLinkSchema,
  ),
  'evidence.list': method(
    z.object({
      engagementId: byId.shape.id,
      targetKind: evidenceTargetKindSchema.optional(),
      targetId: z.string().min(1).max(200).optional(),
    }),
    z.array(evidenceLinkSchema),
  ),
  'evidence.caption': method(
    z.object({ engagementId: byId.shape.id, linkId: byId.shape.id, caption: evidenceCaptionSchema }),
    evidenceLinkSchema,
  ),
  /** Detaches; the file leaves the disk once no live link references it. */
  'evidence.remove': method(
    z.object({ engagementId: byId.shape.id, linkId: byId.shape.id }),
    z.object({ linkId: z.string(), fileRemoved: z.boolean() }),
  ),
  /**
   * `document`: the JPEG deliverables embed (≤ 1600 px, ≤ 180 KB), made at ingest; for an image
   * stored before that existed it is made on demand in a worker, hence asynchronous.
   */
  'evidence.read': method(
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), variant: z.enum(['thumbnail', 'full', 'document']) }),
    z.object({ mediaType: z.string(), dataBase64: z.string() }),
  ),

  /**
   * Credentials in the engagement's answers and findings, found before export, each with the
   * consultant's mask or keep (null: undecided, which the deliverables mask). Never the secret itself.
   */
  'redaction.scan': method(z.object({ engagementId: byId.shape.id }), z.array(redactionHitSchema)),
  /** Stores the decision for one hit; refused if the secret is no longer in that text. */
  'redaction.decide': method(
    redactionTargetSchema.extend({
      engagementId: byId.shape.id,
      kind: z.enum(SECRET_KINDS),
      decision: z.enum(REDACTION_DECISIONS),
    }),
    redactionTargetSchema.extend({ kind: z.enum(SECRET_KINDS), decision: z.enum(REDACTION_DECISIONS) }),
  ),
  /** Mask for every hit still undecided, in one transaction. */
  'redaction.maskUndecided': method(z.object({ engagementId: byId.shape.id }), z.object({ masked: z.number().int() })),

  /** The deliverables the engagement's catalog names; `available` when a builder exists, `blocking` its NB sections. */
  'deliverable.list': method(
    z.object({ engagementId: byId.shape.id }),
    z.array(
      z.object({
        id: z.string(),
        title: z.object({ en: z.string(), 'zh-CN': z.string() }),
        available: z.boolean(),
        blocking: z.number().int(),
      }),
    ),
  ),
  /** One deliverable as the document model, redacted and validated: what the renderers lay out. */
  'deliverable.preview': method(
    z.object({ engagementId: byId.shape.id, documentId: z.string().min(1).max(100) }),
    documentSchema,
  ),

  /**
   * Renders a deliverable as DOCX, PDF or both in the export worker, with progress events under
   * `jobId`; answers with the files' names and sizes (their bytes come by `deliverable.exportChunk`)
   * and a warning for each image printed as a placeholder.
   */
  'deliverable.export': method(
    z.object({
      engagementId: byId.shape.id,
      documentId: z.string().min(1).max(100),
      /** Each format once; a repeated one is rendered once. */
      formats: z
        .array(z.enum(['docx', 'pdf']))
        .min(1)
        .max(2),
      jobId: z.string().min(1).max(100),
    }),
    z.object({
      files: z.array(
        z.object({
          format: z.enum(['docx', 'pdf']),
          fileName: z.string(),
          mediaType: z.string(),
          bytes: z.number().int(),
          /** How many `deliverable.exportChunk` calls fetch the file. */
          chunks: z.number().int().positive(),
          millis: z.number(),
        }),
      ),
      warnings: z.array(z.object({ fileName: z.string(), problem: z.enum(['missing', 'unreadable', 'undecodable']) })),
    }),
  ),
  /**
   * One part of an exported file, base64, in order from 0: files of 20 MB travel in parts so that
   * neither the window nor the core stops for a single huge message. A file's parts are kept until
   * its last one is read (or ten minutes pass).
   */
  'deliverable.exportChunk': method(
    z.object({ jobId: z.string().min(1).max(100), format: z.enum(['docx', 'pdf']), index: z.number().int().min(0) }),
    z.object({ dataBase64: z.string(), last: z.boolean() }),
  ),
  /** Stops an export in progress; `cancelled` false when nothing of that job was still rendering. */
  'deliverable.cancelExport': method(
    z.object({ jobId: z.string().min(1).max(100) }),
    z.object({ cancelled: z.boolean() }),
  ),

  /**
   * Signs a deliverable as its next version N (asynchronous: the signed PDF and DOCX are rendered
   * in the export worker). Refused naming the field for a missing signer name, title or
   * organisation, a nearly empty signature or a seal that is not a PNG/JPEG; the acceptance report
   * is refused (CONFLICT, blockers in `details`) while critical or high findings lack a
   * disposition. Nothing is stored on a refusal.
   */
  'signoff.sign': method(signoffInputSchema, signedVersionSchema),
  /** What signing would freeze — version, fixed time, fingerprint — for the consent line; stores nothing. */
  'signoff.prepare': method(signoffInputSchema, preparedSigningSchema),
  /** A deliverable's signed versions (newest first), its current data against the latest, and what blocks signing. */
  'signoff.versions': method(
    z.object({ engagementId: byId.shape.id, documentId: z.string().min(1).max(100) }),
    z.object({
      versions: z.array(signedVersionSchema),
      current: signoffStateSchema,
      blockers: z.array(signoffBlockerSchema),
    }),
  ),
  /** Every deliverable of the engagement signed at least once, with its latest version and current state. */
  'signoff.status': method(
    z.object({ engagementId: byId.shape.id }),
    z.array(
      z.object({
        documentId: z.string(),
        latestVersion: z.number().int(),
        fingerprint: z.string(),
        current: signoffStateSchema,
      }),
    ),
  ),
  /**
   * A signed version's kept PDF or DOCX, exactly as signed, made ready to fetch in parts through
   * `deliverable.exportChunk` under `jobId` (asynchronous: the file is read and its hash checked).
   */
  'signoff.file': method(
    z.object({
      engagementId: byId.shape.id,
      documentId: z.string().min(1).max(100),
      version: z.number().int().positive(),
      format: z.enum(['docx', 'pdf']),
      jobId: z.string().min(1).max(100),
    }),
    z.object({
      fileName: z.string(),
      mediaType: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      chunks: z.number().int().positive(),
    }),
  ),
  /**
   * This installation's signing certificate (PEM), made on first use, for a customer to trust the
   * signatures; with its SHA-256 so both sides can compare it by phone.
   */
  'signoff.certificate': method(
    z.object({}),
    z.object({ fileName: z.string(), pem: z.string(), sha256: z.string(), subject: z.string() }),
  ),
  /**
   * Checks a signed file handed back: a PDF by its PAdES signature, a DOCX (and a PDF) against the
   * versions signed here by fingerprint and hash. `ours`: signed with this installation's key (PDF)
   * or a version signed here (DOCX).
   */
  'signoff.verify': method(
    z.object({
      fileName: z.string().min(1).max(260),
      dataBase64: z.string().max(Math.ceil((60 * 1024 * 1024 * 4) / 3)),
    }),
    z.object({
      fileName: z.string(),
      format: z.enum(['pdf', 'docx', 'other']),
      status: z.enum(['valid', 'modified', 'unknown', 'unreadable']),
      reason: z.string().optional(),
      signer: z.string().optional(),
      signedAt: z.string().optional(),
      fingerprint: z.string().optional(),
      ours: z.boolean(),
      match: z
        .object({
          engagementId: z.string(),
          customerOrg: z.string(),
          eventName: z.string(),
          documentId: z.string(),
          version: z.number().int(),
          number: z.string(),
          signedAtText: z.string(),
          /** Byte for byte the file kept at signing. */
          sameFile: z.boolean(),
        })
        .nullable(),
    }),
  ),
  /** Section ids that differ from signed version `from` to version `to`, or to today's data when `to` is left out. */
  'signoff.diff': method(
    z.object({
      engagementId: byId.shape.id,
      documentId: z.string().min(1).max(100),
      from: z.number().int().positive(),
      to: z.number().int().positive().optional(),
    }),
    z.object({ changedSections: z.array(z.string()) }),
  ),

  /**
   * Stress tests: the plan, scenarios with targets, imported runs and each scenario's verdict on the
   * run that counts for it (the latest with labels mapped to it), with the finding a miss raised.
   */
  'stress.view': method(z.object({ engagementId: byId.shape.id }), stressViewSchema),
  'stress.savePlan': method(z.object({ engagementId: byId.shape.id, plan: stressPlanSchema }), stressPlanSchema),
  /** Without an id: a new scenario. Validated in full (at least one target); re-judges the runs. */
  'stress.saveScenario': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id.optional(), scenario: stressScenarioFieldsSchema }),
    stressScenarioSchema,
  ),
  'stress.removeScenario': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  /** Undoes a remove. */
  'stress.restoreScenario': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  /** One run with its analysis (figures per label and overall, series over time). */
  'stress.run': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), stressRunSchema),
  'stress.updateRun': method(
    z.object({
      engagementId: byId.shape.id,
      id: byId.shape.id,
      patch: z
        .object({
          name: z.string().trim().min(1, { message: 'validation.runName' }).max(200, { message: 'validation.tooLong' }),
          notes: z.string().max(10_000, { message: 'validation.tooLong' }),
        })
        .partial(),
    }),
    stressRunSchema,
  ),
  'stress.removeRun': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  'stress.restoreRun': method(
    z.object({ engagementId: byId.shape.id, id: byId.shape.id }),
    z.object({ id: z.string() }),
  ),
  /** The run's whole label -> scenario mapping (null: the label counts for no scenario). */
  'stress.mapLabels': method(
    z.object({
      engagementId: byId.shape.id,
      id: byId.shape.id,
      labelScenarios: labelRecord(z.string().max(1000), byId.shape.id.nullable()),
    }),
    stressRunSchema,
  ),
  /**
   * A results file travels in parts (the window has its bytes, not its path): begin, then each part
   * in order from 0, at most `chunkBytes` each, into a staging file the core keeps until import.
   */
  'stress.uploadBegin': method(
    z.object({
      engagementId: byId.shape.id,
      fileName: z.string().min(1).max(260),
      bytes: z.number().int().min(1, { message: 'validation.emptyFile' }),
    }),
    z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  ),
  'stress.uploadChunk': method(
    z.object({
      uploadId: z.string().min(1).max(100),
      index: z.number().int().min(0),
      dataBase64: z.string().max(Math.ceil((STRESS_UPLOAD_CHUNK_MAX_BYTES * 4) / 3) + 4),
    }),
    z.object({ received: z.number().int(), complete: z.boolean() }),
  ),
  /** The detected format, headers, first rows and a suggested column mapping (asynchronous: reads the file). */
  'stress.preview': method(z.object({ uploadId: z.string().min(1).max(100) }), loadTestPreviewSchema),
  /**
   * Analyses the uploaded file in the import worker (progress as `stress.importProgress`) and stores
   * the run, its labels matched to scenarios by name, and the findings of missed targets, in one
   * transaction. A bad file is refused naming its lines; nothing is stored and the upload is gone.
   */
  'stress.import': method(
    z.object({
      uploadId: z.string().min(1).max(100),
      format: loadTestFormatSchema,
      mapping: columnMappingSchema.optional(),
      name: z.string().max(200, { message: 'validation.tooLong' }).optional(),
    }),
    stressRunSchema,
  ),
  /** Stops an import (or abandons an upload); `cancelled` false when there was nothing to stop. */
  'stress.cancelImport': method(
    z.object({ uploadId: z.string().min(1).max(100) }),
    z.object({ cancelled: z.boolean() }),
  ),

  /**
   * Engagement bundles (`.vigil`). Export writes the engagement's rows, evidence and signed files
   * with a manifest (sealed with the passphrase when one is given; asynchronous) and answers with
   * the file's name and size; its bytes come by `bundle.exportChunk`, read from disk, in order.
   */
  'bundle.export': method(
    z.object({ engagementId: byId.shape.id, passphrase: bundlePassphraseSchema.optional() }),
    z.object({
      exportId: z.string(),
      fileName: z.string(),
      bytes: z.number().int(),
      chunks: z.number().int().positive(),
      encrypted: z.boolean(),
      files: z.number().int(),
    }),
  ),
  'bundle.exportChunk': method(
    z.object({ exportId: z.string().min(1).max(100), index: z.number().int().min(0).max(1_000_000) }),
    z.object({ dataBase64: z.string(), last: z.boolean() }),
  ),
  /** A bundle to import travels in parts, like a results file: begin, then each part in order from 0. */
  'bundle.uploadBegin': method(
    z.object({
      fileName: z.string().min(1).max(260),
      bytes: z.number().int().min(1, { message: 'validation.emptyFile' }),
    }),
    z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  ),
  'bundle.uploadChunk': method(
    z.object({
      uploadId: z.string().min(1).max(100),
      index: z.number().int().min(0),
      dataBase64: z.string().max(Math.ceil((BUNDLE_UPLOAD_CHUNK_MAX_BYTES * 4) / 3) + 4),
    }),
    z.object({ received: z.number().int(), complete: z.boolean() }),
  ),
  /**
   * Checks the uploaded bundle completely (decrypting it with the passphrase when sealed) and tells
   * what it holds and whether its engagement is already here. A refused bundle is INVALID_INPUT
   * with `messageKey` `bundle.refused.<reason>`; nothing is written (asynchronous).
   */
  'bundle.inspect': method(
    z.object({ uploadId: z.string().min(1).max(100), passphrase: bundlePassphraseSchema.optional() }),
    bundleInspectionSchema,
  ),
  /**
   * Imports the checked bundle in one transaction. An engagement of the same id already here needs
   * `onExisting`: keep both (the copy gets new ids) or replace (after a backup); without it CONFLICT.
   */
  'bundle.import': method(
    z.object({
      uploadId: z.string().min(1).max(100),
      passphrase: bundlePassphraseSchema.optional(),
      onExisting: z.enum(ON_EXISTING).optional(),
    }),
    z.object({
      engagement: engagementSchema,
      mode: z.enum(['new', ...ON_EXISTING]),
      /** The backup taken before replacing. */
      backup: z.string().nullable(),
    }),
  ),
  /** Abandons an upload (and what was unpacked from it); `cancelled` false when there was none. */
  'bundle.cancel': method(z.object({ uploadId: z.string().min(1).max(100) }), z.object({ cancelled: z.boolean() })),

  /**
   * The war-room log, insert-only. Append writes one entry (time defaults to now; more than two
   * minutes back marks it late); revise adds a revision, keeping the earlier text. Refused while
   * the war room is closed and for archived or trashed engagements. Both announce `log.appended`.
   */
  'log.append': method(logEntryInputSchema.safeExtend({ engagementId: byId.shape.id }), logEntrySchema),
  'log.revise': method(
    logRevisionInputSchema.safeExtend({ engagementId: byId.shape.id, id: byId.shape.id }),
    logEntrySchema,
  ),
  /** Latest revision of each entry, oldest first, newest page first: `before` pages back in time. */
  'log.list': method(logListQuerySchema, logPageSchema),
  /** Every stored text of one entry, oldest first. */
  'log.revisions': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), z.array(logRevisionSchema)),

  /** The on-duty roster: roles and coverage, shifts, the plan's contacts and the checks on them. */
  'roster.get': method(z.object({ engagementId: byId.shape.id }), rosterViewSchema),
  /** Roles with required coverage and the longest shift; a role still holding shifts cannot go. */
  'roster.saveSettings': method(
    z.object({ engagementId: byId.shape.id, settings: rosterSettingsSchema }),
    rosterViewSchema,
  ),
  /** Without an id: a new shift. Refused, nothing stored, when it ends before it starts, leaves the window or names an unknown person or role. */
  'roster.saveShift': method(z.object({ engagementId: byId.shape.id, shift: shiftInputSchema }), rosterViewSchema),
  'roster.removeShift': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), rosterViewSchema),
  /** Undoes a remove. */
  'roster.restoreShift': method(z.object({ engagementId: byId.shape.id, id: byId.shape.id }), rosterViewSchema),
  /**
   * Shifts for the whole window from a pattern (3 × 8 h …); `replace` first removes the role's
   * shifts. Answers which shifts it removed and created, so the step can be undone.
   */
  'roster.generate': method(
    z.object({ engagementId: byId.shape.id, request: patternRequestSchema, replace: z.boolean().default(false) }),
    z.object({ view: rosterViewSchema, removedIds: z.array(z.string()), createdIds: z.array(z.string()) }),
  ),
  /** Undoes a generate: its shifts go, the ones it replaced come back (checked again), in one step. */
  'roster.undoGenerate': method(
    z.object({
      engagementId: byId.shape.id,
      removedIds: z.array(byId.shape.id).max(MAX_GENERATED_SHIFTS),
      createdIds: z.array(byId.shape.id).max(MAX_GENERATED_SHIFTS),
    }),
    rosterViewSchema,
  ),

  /** Global search over engagements, answers and findings (FTS5; LIKE below three characters). */
  'search.query': method(searchQuerySchema, z.array(searchResultSchema)),

  /** Renderer-side failures worth keeping: they go to the log file, never to the screen. */
  /** Backups in the data folder's backups folder, newest first (cheap checks: header and schema only). */
  'backup.list': method(z.object({}), z.array(backupInfoSchema)),
  /** A manual backup now, into the backups folder; the window then saves it where the consultant chooses. */
  'backup.create': method(z.object({}), backupInfoSchema),
  /** One part of a backup file, read from disk, for the window's download. */
  'backup.chunk': method(
    z.object({ fileName: backupFileNameSchema, index: z.number().int().min(0).max(1_000_000) }),
    z.object({ dataBase64: z.string(), last: z.boolean() }),
  ),
  /** The full check a restore runs (integrity_check, schema version, every file's checksum). */
  'backup.check': method(z.object({ fileName: backupFileNameSchema }), backupInfoSchema),
  'backup.remove': method(z.object({ fileName: backupFileNameSchema }), z.object({ removed: z.string() })),
  /** A backup file from elsewhere travels in parts, then `backup.add` checks it and lists it. */
  'backup.uploadBegin': method(
    z.object({
      fileName: z.string().min(1).max(260),
      bytes: z
        .number()
        .int()
        .min(1, { message: 'validation.emptyFile' })
        .max(64 * 1024 ** 3),
    }),
    z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  ),
  'backup.uploadChunk': method(
    z.object({
      uploadId: z.string().min(1).max(100),
      index: z.number().int().min(0),
      dataBase64: z.string().max(Math.ceil((4 * 1024 * 1024 * 4) / 3) + 4),
    }),
    z.object({ received: z.number().int(), complete: z.boolean() }),
  ),
  'backup.add': method(z.object({ uploadId: z.string().min(1).max(100) }), backupInfoSchema),
  /** Replaces the store with a checked backup after backing up the current one; the window reloads after. */
  'backup.restore': method(
    z.object({ fileName: backupFileNameSchema }),
    z.object({ restored: backupInfoSchema, safetyBackup: backupInfoSchema }),
  ),
  'log.write': method(
    z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string().max(4000) }),
    z.object({}),
  ),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

/** Methods whose handler returns a promise; the router's synchronous `invoke` refuses them. */
export const ASYNC_METHODS = [
  'bundle.export',
  'bundle.inspect',
  'bundle.import',
  'evidence.add',
  'evidence.read',
  'deliverable.export',
  'settings.setLogo',
  'signoff.sign',
  'signoff.prepare',
  'signoff.file',
  'stress.preview',
  'stress.import',
  'backup.create',
  'backup.restore',
] as const satisfies readonly Method[];
export type AsyncMethod = (typeof ASYNC_METHODS)[number];
export function isAsyncMethod(method: unknown): method is AsyncMethod {
  return (ASYNC_METHODS as readonly unknown[]).includes(method);
}

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'STORE_TOO_NEW',
  /** The store failed SQLite's quick_check (or is not a database): start-up offers a backup. */
  'STORE_DAMAGED',
  /** The consultant stopped a long operation (an export); nothing was saved. */
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English, readable by a person; the renderer prefers `messageKey` when it has a translation. */
  message: z.string(),
  /** Dotted path of the input field at fault, e.g. `patch.eventEndLocal`. */
  field: z.string().optional(),
  messageKey: z.string().optional(),
  /** Every problem when there are several, e.g. each bad path of an imported file. */
  details: z.array(z.string()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Push events from core to renderer, typed in the same place as the methods. */
export const events = {
  /** Something changed an engagement outside the current screen (another window, a menu). */
  'engagement.changed': z.object({ id: z.string() }),
  /**
   * A war-room log entry was written or revised. Lighter than `engagement.changed`, which makes
   * every open screen of the engagement refetch: a busy war room writes a line every few seconds.
   */
  'log.appended': z.object({ engagementId: z.string(), id: z.string() }),
  /** A `.vigil` file opened from the desktop was copied in as an upload: the window opens the import on it. */
  'bundle.opened': z.object({ uploadId: z.string(), fileName: z.string() }),
  /** The application menu asked for a command the renderer carries out. */
  'menu.command': z.object({ command: z.enum(['engagement.new', 'settings.open']) }),
  /** How far an export has got: `fraction` 0…1 over every format of the job. */
  'deliverable.exportProgress': z.object({
    jobId: z.string(),
    format: z.enum(['docx', 'pdf']),
    stage: z.enum(['building', 'images', 'layout', 'done']),
    fraction: z.number().min(0).max(1),
  }),
  /** How far a stress-test import has got: bytes of the file read and samples counted so far. */
  'stress.importProgress': z.object({
    uploadId: z.string(),
    stage: z.enum(['analysing', 'storing', 'done']),
    bytesRead: z.number(),
    totalBytes: z.number(),
    rows: z.number(),
  }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** What preload and the harness bridge both expose as `window.api`. */
export interface VigilApi {
  invoke<M extends Method>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The single IPC channel names; nothing else crosses the bridge. */
export const IPC_INVOKE_CHANNEL = 'vigil:invoke';
export const IPC_EVENT_CHANNEL = 'vigil:event';
