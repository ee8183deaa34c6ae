import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * Every row is built to merge one day across laptops: a client-made UUIDv7 id, created/updated
 * times in ISO-8601 UTC, who and which device changed it last, and soft deletes (no cascades).
 */
const mergeable = {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  deviceId: text('device_id').notNull(),
  deletedAt: text('deleted_at'),
};

export const engagements = sqliteTable(
  'engagements',
  {
    ...mergeable,
    customerOrg: text('customer_org').notNull(),
    eventName: text('event_name').notNull(),
    eventKind: text('event_kind').notNull(),
    eventStartUtc: text('event_start_utc').notNull(),
    eventEndUtc: text('event_end_utc').notNull(),
    /** Wall times as the consultant entered them, kept so lists need no time-zone arithmetic. */
    eventStartLocal: text('event_start_local').notNull(),
    eventEndLocal: text('event_end_local').notNull(),
    /** IANA zone the event is planned in; the UTC times above are shown in it. */
    timeZone: text('time_zone').notNull(),
    catalogId: text('catalog_id').notNull(),
    editionId: text('edition_id').notNull(),
    language: text('language').notNull(),
    status: text('status').notNull(),
    statusBeforeArchive: text('status_before_archive'),
    /** Set when the trash is emptied: the row stays as a tombstone so a sync peer learns of it. */
    purgedAt: text('purged_at'),
  },
  (t) => [index('engagements_live_idx').on(t.deletedAt, t.status), index('engagements_updated_idx').on(t.updatedAt)],
);

/** Installation preferences, one zod-validated JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Columns every engagement-owned row carries, besides the mergeable ones. */
const owned = { ...mergeable, engagementId: text('engagement_id').notNull() };

/**
 * Catalog content an engagement was started from, stored once per content hash. Editing or
 * re-importing a catalog later makes a new hash and never changes a running or signed engagement.
 */
export const catalogSnapshots = sqliteTable('catalog_snapshots', {
  hash: text('hash').primaryKey(),
  catalogId: text('catalog_id').notNull(),
  version: text('version').notNull(),
  content: text('content').notNull(),
  createdAt: text('created_at').notNull(),
});

/** A firm's own catalogs (duplicated, edited or imported); the shipped ones live in resources/. */
export const firmCatalogs = sqliteTable(
  'firm_catalogs',
  {
    ...mergeable,
    catalogId: text('catalog_id').notNull(),
    version: text('version').notNull(),
    hash: text('hash').notNull(),
    content: text('content').notNull(),
  },
  (t) => [index('firm_catalogs_catalog_idx').on(t.catalogId)],
);

/** Working-day calendars the user added or edited; shipped ones live in resources/calendars. */
export const firmCalendars = sqliteTable('firm_calendars', {
  ...mergeable,
  calendarId: text('calendar_id').notNull(),
  content: text('content').notNull(),
});

/** Planning facts of an engagement (one row per engagement, id = engagement id). */
export const engagementPlans = sqliteTable('engagement_plans', {
  ...owned,
  catalogHash: text('catalog_hash').notNull(),
  /** Items the consultant picked for an edition that lets them choose (JSON array of ids). */
  pickedItemIds: text('picked_item_ids').notNull(),
  calendarId: text('calendar_id').notNull(),
  /** N: the date the service application or request is submitted, YYYY-MM-DD. */
  applicationDate: text('application_date').notNull(),
  orderDate: text('order_date'),
  largeResources: integer('large_resources', { mode: 'boolean' }).notNull(),
  serviceDays: integer('service_days').notNull(),
  remoteDays: integer('remote_days').notNull(),
  /** Predicted peak, objectives and SLOs (zod-validated JSON). */
  details: text('details').notNull(),
  /**
   * Edition and picked items the tasks were generated for (JSON); when they differ from the
   * engagement's, the plan offers to regenerate rather than silently discarding task edits.
   */
  tasksBasis: text('tasks_basis').notNull().default(''),
});

export const scopeResources = sqliteTable(
  'scope_resources',
  {
    ...owned,
    resourceType: text('resource_type').notNull(),
    spec: text('spec').notNull(),
    count: integer('count').notNull(),
    region: text('region').notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [index('scope_resources_engagement_idx').on(t.engagementId)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    ...owned,
    party: text('party').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull(),
    /** The project manager with full authority that both offerings require of the customer. */
    projectManager: integer('project_manager', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('contacts_engagement_idx').on(t.engagementId)],
);

export const planTasks = sqliteTable(
  'plan_tasks',
  {
    ...owned,
    templateId: text('template_id'),
    phase: text('phase').notNull(),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    owner: text('owner').notNull(),
    status: text('status').notNull(),
    raciCustomer: text('raci_customer').notNull(),
    raciProvider: text('raci_provider').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('plan_tasks_engagement_idx').on(t.engagementId)],
);

export const onSiteDays = sqliteTable(
  'on_site_days',
  {
    ...owned,
    date: text('date').notNull(),
    persons: integer('persons').notNull(),
  },
  (t) => [index('on_site_days_engagement_idx').on(t.engagementId)],
);

/** A consultant's recorded decision to go ahead despite a rule warning; insert-only. */
export const ruleOverrides = sqliteTable(
  'rule_overrides',
  {
    ...owned,
    ruleId: text('rule_id').notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
  },
  (t) => [index('rule_overrides_engagement_idx').on(t.engagementId)],
);

/** Checklist template content an engagement answers, stored once per content hash. */
export const checklistSnapshots = sqliteTable('checklist_snapshots', {
  hash: text('hash').primaryKey(),
  templateId: text('template_id').notNull(),
  version: text('version').notNull(),
  content: text('content').notNull(),
  createdAt: text('created_at').notNull(),
});

/** A checklist started in an engagement, pinned to the template content it was started from. */
export const engagementChecklists = sqliteTable(
  'engagement_checklists',
  {
    ...owned,
    templateId: text('template_id').notNull(),
    templateHash: text('template_hash').notNull(),
  },
  (t) => [index('engagement_checklists_engagement_idx').on(t.engagementId)],
);

/**
 * The current answer to one item. Its id is deterministic (UUIDv5 of engagement, template and
 * item) so two consultants answering one item meet on one row; every change is also appended to
 * answer_history, which is never updated.
 */
export const checklistAnswers = sqliteTable(
  'checklist_answers',
  {
    ...owned,
    templateId: text('template_id').notNull(),
    itemId: text('item_id').notNull(),
    /** AnswerValue JSON, or null when the answer was cleared (undone). */
    value: text('value'),
    note: text('note').notNull(),
    fails: integer('fails', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('checklist_answers_lookup_idx').on(t.engagementId, t.templateId)],
);

export const answerHistory = sqliteTable(
  'answer_history',
  {
    id: text('id').primaryKey(),
    answerId: text('answer_id').notNull(),
    engagementId: text('engagement_id').notNull(),
    value: text('value'),
    note: text('note').notNull(),
    author: text('author').notNull(),
    deviceId: text('device_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('answer_history_answer_idx').on(t.answerId)],
);

export const findings = sqliteTable(
  'findings',
  {
    ...owned,
    /** The failing answer that raised it, if any; a re-run links rather than duplicates. */
    answerId: text('answer_id'),
    templateId: text('template_id'),
    itemId: text('item_id'),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    affectedResources: text('affected_resources').notNull(),
    recommendation: text('recommendation').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date'),
    status: text('status').notNull(),
    /** Required when the customer accepts the risk: who decided and why. */
    disposition: text('disposition').notNull(),
  },
  (t) => [index('findings_engagement_idx').on(t.engagementId, t.status)],
);

/** Evidence content, stored once by SHA-256 under <dataDir>/evidence/. */
export const evidenceFiles = sqliteTable('evidence_files', {
  sha256: text('sha256').primaryKey(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  width: integer('width'),
  height: integer('height'),
  /** SHA-256 of the thumbnail file, for images. */
  thumbnail: text('thumbnail'),
  createdAt: text('created_at').notNull(),
});

/** Evidence attached to an answer or a finding, with its caption. */
export const evidenceLinks = sqliteTable(
  'evidence_links',
  {
    ...owned,
    fileSha256: text('file_sha256').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    caption: text('caption').notNull(),
  },
  (t) => [
    index('evidence_links_target_idx').on(t.targetKind, t.targetId),
    index('evidence_links_file_idx').on(t.fileSha256),
  ],
);

/** Reusable findings of the firm, in both languages. */
export const findingsLibrary = sqliteTable('findings_library', {
  ...mergeable,
  severity: text('severity').notNull(),
  /** Localized title, description, recommendation (JSON {en, zh-CN}). */
  title: text('title').notNull(),
  description: text('description').notNull(),
  recommendation: text('recommendation').notNull(),
  tags: text('tags').notNull(),
});

/**
 * The consultant's choice for one credential found in an engagement's text: mask it in the
 * deliverables or keep it. Keyed by where it is (source, field) and the SHA-256 of the matched
 * text, so it survives unrelated edits of the field and is asked again when the secret changes.
 * The stored text itself is never changed.
 */
export const redactionDecisions = sqliteTable(
  'redaction_decisions',
  {
    ...owned,
    /** 'answer' or 'finding'. */
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id').notNull(),
    /** 'note', 'value', 'title', 'description' or 'recommendation'. */
    field: text('field').notNull(),
    fingerprint: text('fingerprint').notNull(),
    kind: text('kind').notNull(),
    /** 'mask' or 'keep'. */
    decision: text('decision').notNull(),
  },
  (t) => [index('redaction_decisions_lookup_idx').on(t.engagementId, t.sourceKind, t.sourceId, t.field, t.fingerprint)],
);

/**
 * The number a deliverable of an engagement carries: given the first time the document is
 * previewed or exported, then kept, so every preview and export of it shows the same number even
 * after the firm changes its pattern. The id is a UUIDv5 of engagement and deliverable, so two
 * laptops numbering one document meet on one row. The year's sequence is the highest `seq` of the
 * year plus one, read from this table in the same write transaction: rows are never deleted, so
 * no separate counter can drift from the numbers actually given.
 */
export const documentNumbers = sqliteTable(
  'document_numbers',
  {
    ...owned,
    /** The catalog's deliverable id, e.g. `work-plan`. */
    documentId: text('document_id').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** As printed, formatted from the pattern of the moment it was given. */
    number: text('number').notNull(),
  },
  (t) => [
    index('document_numbers_engagement_idx').on(t.engagementId, t.documentId),
    index('document_numbers_year_seq_idx').on(t.year, t.seq),
  ],
);

/**
 * A deliverable as signed, version N (1, 2, …) per engagement and document: the document model
 * frozen as canonical JSON with its SHA-256 fingerprint, who signed it and when, the drawn
 * signatures and seal (content-addressed files under `<dataDir>/signoff/`) and the hashes of the
 * files rendered from it. Rows are only ever inserted: a signed version never changes; a later
 * edit to the data makes the next version, which needs new signatures.
 */
export const signedVersions = sqliteTable(
  'signed_versions',
  {
    ...owned,
    /** The catalog's deliverable id, e.g. `acceptance-report`. */
    documentId: text('document_id').notNull(),
    version: integer('version').notNull(),
    /** The document number it carries (document_numbers); the same in every version. */
    number: text('number').notNull(),
    /** The model exactly as signed (draft false, signature blocks filled), canonical JSON. */
    model: text('model').notNull(),
    /** sha256 (hex) of `model`: what the signed files print as the document fingerprint. */
    fingerprint: text('fingerprint').notNull(),
    /** The instant of signing, ISO-8601 UTC, and the event's zone it is printed in. */
    signedAt: text('signed_at').notNull(),
    timeZone: text('time_zone').notNull(),
    customerName: text('customer_name').notNull(),
    customerTitle: text('customer_title').notNull(),
    customerOrg: text('customer_org').notNull(),
    /** sha256 of the drawn signature's PNG under `<dataDir>/signoff/`. */
    customerSignature: text('customer_signature').notNull(),
    /** sha256 of the company seal's PNG, when one was given. */
    customerSeal: text('customer_seal'),
    consultantName: text('consultant_name').notNull(),
    consultantTitle: text('consultant_title').notNull(),
    consultantOrg: text('consultant_org').notNull(),
    consultantSignature: text('consultant_signature').notNull(),
    /** The acceptance reports' conclusion as signed, JSON `{verdict, note}`; null for other documents. */
    conclusion: text('conclusion'),
    /** sha256 of the rendered files as stored under `<dataDir>/signoff/`. */
    pdfSha256: text('pdf_sha256').notNull(),
    docxSha256: text('docx_sha256').notNull(),
  },
  (t) => [uniqueIndex('signed_versions_document_version_idx').on(t.engagementId, t.documentId, t.version)],
);

/**
 * Capacity evaluation: one row per resource (or resource metric) evaluated. The formula it uses is
 * data (`resources/capacity/formulas.json`, by id); `inputs` holds the consultant's figures as
 * zod-validated JSON (units, capacity per unit, baseline utilisation, multiplier, margin…). The
 * figures derived from them are computed, never stored, so a formula fix re-evaluates every row.
 */
export const capacityItems = sqliteTable(
  'capacity_items',
  {
    ...owned,
    /** The resource in scope it evaluates, when it is one (scope_resources.id). */
    scopeResourceId: text('scope_resource_id'),
    formulaId: text('formula_id').notNull(),
    name: text('name').notNull(),
    inputs: text('inputs').notNull(),
    notes: text('notes').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('capacity_items_engagement_idx').on(t.engagementId)],
);

/**
 * The stress-test plan of an engagement (one per engagement): objectives, pass criteria,
 * environment and tools, bottlenecks and conclusions as zod-validated JSON.
 */
export const stressPlans = sqliteTable(
  'stress_plans',
  {
    ...owned,
    plan: text('plan').notNull(),
  },
  (t) => [uniqueIndex('stress_plans_engagement_idx').on(t.engagementId)],
);

/** A scenario of the stress-test plan: target TPS/QPS, concurrency, duration, ramp-up, data set. */
export const stressScenarios = sqliteTable(
  'stress_scenarios',
  {
    ...owned,
    name: text('name').notNull(),
    /** Targets and load model as zod-validated JSON. */
    scenario: text('scenario').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('stress_scenarios_engagement_idx').on(t.engagementId)],
);

/**
 * One imported load-test run: the source file (name, size, sha256, format, column mapping) and the
 * analysis computed from it in the import worker (figures per label and overall, series over time)
 * as JSON. Raw samples are not kept in the store; the source file is, under `<dataDir>/loadtests/`.
 */
export const stressRuns = sqliteTable(
  'stress_runs',
  {
    ...owned,
    name: text('name').notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    fileSha256: text('file_sha256').notNull(),
    format: text('format').notNull(),
    /** The column mapping used for a generic CSV (JSON), or null. */
    mapping: text('mapping'),
    /** Which scenario each imported label counts for (JSON: label -> scenario id). */
    labelScenarios: text('label_scenarios').notNull(),
    analysis: text('analysis').notNull(),
    notes: text('notes').notNull(),
    /** When the run itself happened (first sample), ISO-8601 UTC. */
    startedAt: text('started_at').notNull(),
  },
  (t) => [index('stress_runs_engagement_idx').on(t.engagementId)],
);

/**
 * Optimization plans: monitoring and alerting, traffic protection, database, resource bottleneck,
 * process, disaster recovery, emergency plans and drills. One row per entry; the fields each kind
 * has (metric/threshold/channel, scenario/trigger/action/rollback, drill result…) are JSON.
 */
export const optimizationItems = sqliteTable(
  'optimization_items',
  {
    ...owned,
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    fields: text('fields').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date'),
    status: text('status').notNull(),
    /** The shipped template entry it was started from, if any. */
    templateId: text('template_id'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('optimization_items_engagement_idx').on(t.engagementId, t.kind)],
);

/**
 * On-duty settings of an engagement (one row): the duty roles with the coverage each needs at
 * every minute of the window, the longest shift allowed, and the war room's state (opened,
 * closed with its outcome, lessons and follow-ups), all zod-validated JSON.
 */
export const onDutySettings = sqliteTable(
  'on_duty_settings',
  {
    ...owned,
    settings: text('settings').notNull(),
    /** When the war room was closed, ISO-8601 UTC; null while open. The sign-off gate waits for it. */
    closedAt: text('closed_at'),
    /** Outcome, lessons learned and follow-up actions recorded at closing (JSON). */
    closure: text('closure'),
  },
  (t) => [uniqueIndex('on_duty_settings_engagement_idx').on(t.engagementId)],
);

/** A shift of the on-duty roster: one person (a contact of the plan) in one role, UTC instants. */
export const shifts = sqliteTable(
  'shifts',
  {
    ...owned,
    contactId: text('contact_id').notNull(),
    roleId: text('role_id').notNull(),
    startUtc: text('start_utc').notNull(),
    endUtc: text('end_utc').notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [index('shifts_engagement_idx').on(t.engagementId, t.startUtc)],
);

/**
 * The war-room log, insert-only: an edit is a new row whose `revision_of` names the entry it
 * revises (the first row's id), so the earlier text is kept. `occurred_at` is when it happened
 * (editable for late entries), `created_at` when it was written; `late` marks the difference.
 */
export const logEntries = sqliteTable(
  'log_entries',
  {
    ...owned,
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    occurredAt: text('occurred_at').notNull(),
    late: integer('late', { mode: 'boolean' }).notNull(),
    author: text('author').notNull(),
    incidentId: text('incident_id'),
    checkpointId: text('checkpoint_id'),
    revisionOf: text('revision_of'),
  },
  (t) => [
    index('log_entries_engagement_idx').on(t.engagementId, t.occurredAt),
    index('log_entries_revision_idx').on(t.revisionOf),
    // An incident's timeline reads only the entries naming it.
    index('log_entries_incident_idx').on(t.incidentId),
  ],
);

/** A planned checkpoint (T-24h, T-1h, peak…) with the metrics to record and what was observed (JSON). */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    ...owned,
    name: text('name').notNull(),
    plannedAt: text('planned_at').notNull(),
    checkpoint: text('checkpoint').notNull(),
  },
  (t) => [index('checkpoints_engagement_idx').on(t.engagementId, t.plannedAt)],
);

/** An incident (INC-nnn by `seq`): severity, the times of its life, impact, cause and actions (JSON). */
export const incidents = sqliteTable(
  'incidents',
  {
    ...owned,
    seq: integer('seq').notNull(),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    incident: text('incident').notNull(),
  },
  (t) => [uniqueIndex('incidents_engagement_seq_idx').on(t.engagementId, t.seq)],
);
