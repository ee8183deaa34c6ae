/**
 * The plain data the core gathers for a deliverable: what `engagement.get`, `plan.get`,
 * `finding.list`, `checklist.view` (summarised) and `evidence.list` return, plus the issue's
 * metadata. Builders are pure functions of it; nothing here reads the store.
 */
import type { z } from 'zod';
import type { CapacityFormula, CapacityInputs } from '../domain/capacity';
import type { ChecklistKind } from '../domain/checklist';
import type { Engagement } from '../domain/engagement';
import type { Finding } from '../domain/finding';
import type { OptimizationItem } from '../domain/optimization';
import type { planViewSchema } from '../domain/plan';
import type { StressPlan, StressRun, StressScenario, StressScenarioResult } from '../domain/stress-test';
import type { ImageRef } from './model';
import type { DocLanguage } from './text';

export type PlanView = z.infer<typeof planViewSchema>;

/** One started checklist, summarised with `checklistProgress` over its visible items. */
export type ChecklistSummary = {
  templateId: string;
  kind: ChecklistKind;
  title: { en: string; 'zh-CN': string };
  answered: number;
  total: number;
  failed: number;
};

/** An evidence link (`evidence.list`); images print through their 'document' variant. */
export type ReportEvidence = {
  sha256: string;
  caption: string;
  fileName: string;
  mediaType: string;
  targetKind: 'answer' | 'finding';
  targetId: string;
};

export type FirmBranding = { name: string; logo?: ImageRef };

export type ReportInput = {
  engagement: Engagement;
  plan: PlanView;
  findings: readonly Finding[];
  checklists: readonly ChecklistSummary[];
  evidence?: readonly ReportEvidence[];
  firm?: FirmBranding;
  /** This issue of the document: number from the firm's pattern, version, date (event zone), author. */
  issue: { number: string; version: string; date: string; author: string };
  /** The document's signed versions before this issue and, when this issue is being signed, its signers. */
  signoff?: SignoffInput;
  /** Capacity evaluation (absent: none recorded). */
  capacity?: CapacityInput;
  /** Stress-test plan, scenarios, the imported runs that judge a scenario, and each scenario's verdict. */
  stress?: StressInput;
  /** Optimization plans: monitoring, traffic protection, database, bottleneck, process, DR, emergency, drills. */
  optimization?: readonly OptimizationItem[];
  /** The on-duty period: roster, war-room log, checkpoints, incidents and the closing (absent: none recorded). */
  onDuty?: OnDutyInput;
};

type Party = 'customer' | 'provider';
/** An instant, ISO-8601 UTC; documents print it in the event's zone. */
type Utc = string;

/**
 * What the documents print of the on-duty period, already resolved to names and figures (people
 * by name, incidents by INC-nnn with their MTTA and MTTR), so the builders need no lookups.
 */
export type OnDutyInput = {
  /** Shifts of the roster, in start order. */
  shifts: readonly { person: string; party: Party; role: string; startUtc: Utc; endUtc: Utc }[];
  /** Who is called, role by role, in escalation order. */
  escalation: readonly { role: string; person: string; party: Party; phone: string }[];
  /** Stretches of the window without the coverage a role requires. */
  gaps: readonly { role: string; startUtc: Utc; endUtc: Utc }[];
  /** War-room log entries (latest revision of each), in time order. */
  log: readonly { occurredAt: Utc; kind: string; text: string; author: string; late: boolean }[];
  checkpoints: readonly {
    name: string;
    plannedAt: Utc;
    observedAt: Utc | null;
    observations: readonly { metric: string; value: string }[];
    notes: string;
  }[];
  /** Hours each person was on duty inside the window, up to the closing; overlapping shifts count once. */
  served: readonly { person: string; party: Party; roles: readonly string[]; hours: number }[];
  /** The highest QPS and TPS observed at a checkpoint, each with when, against the plan's prediction. */
  peak: { qps: number | null; qpsAt: Utc | null; tps: number | null; tpsAt: Utc | null };
  incidents: readonly {
    ref: string;
    severity: 'P1' | 'P2' | 'P3' | 'P4';
    title: string;
    startedAt: Utc | null;
    detectedAt: Utc | null;
    acknowledgedAt: Utc | null;
    mitigatedAt: Utc | null;
    resolvedAt: Utc | null;
    impact: string;
    affectedServices: readonly string[];
    rootCause: string;
    /** A security event (attack, breach, malware): the Alibaba documents report these on their own. */
    security: boolean;
    actions: readonly { action: string; owner: string; due: string | null; status: string }[];
    mttaMinutes: number | null;
    mttrMinutes: number | null;
  }[];
  /** Per severity: how many, how many still open, mean MTTA and MTTR over the closed ones. */
  bySeverity: readonly {
    severity: 'P1' | 'P2' | 'P3' | 'P4';
    count: number;
    open: number;
    mttaMinutes: number | null;
    mttrMinutes: number | null;
  }[];
  /** Recorded when the war room closed; null while it is open. */
  closure: {
    closedAt: Utc;
    outcome: 'met' | 'partly' | 'notMet';
    summary: string;
    lessons: readonly string[];
    followUps: readonly { action: string; owner: string; due: string | null }[];
    /** Closed while the event window was still running. */
    closedBeforeWindowEnd: boolean;
    /** INC-nnn still open at the closing. */
    openIncidentsAtClose: readonly string[];
  } | null;
};

/** Capacity items in the consultant's order, with the formulas they name (the figures are computed). */
export type CapacityInput = {
  items: readonly { id: string; name: string; formulaId: string; inputs: CapacityInputs }[];
  formulas: readonly CapacityFormula[];
  /** Capacity item id → the finding it raised, when one is live. */
  findingIds: Readonly<Record<string, string>>;
};

export type StressInput = {
  plan: StressPlan;
  scenarios: readonly StressScenario[];
  /** Every imported run, newest first; with its analysis only when it judges a scenario. */
  runs: readonly (Omit<StressRun, 'analysis' | 'mapping'> & { analysis: StressRun['analysis'] | null })[];
  results: readonly StressScenarioResult[];
};

/** A signer as the signature block prints them. */
export type Signer = {
  name: string;
  title: string;
  org: string;
  /** sha256 of the drawn signature PNG. */
  signature: string;
};

/** The latest signed version of another deliverable of the engagement, as later documents cite it. */
export type SignedDeliverable = {
  documentId: string;
  version: number;
  number: string;
  /** ISO-8601 UTC. */
  signedAt: string;
  fingerprint: string;
  /** The customer's signer. */
  signer: string;
};

export type SignoffInput = {
  /** The other deliverables' latest signed versions: referenced documents and acceptance cite them. */
  signedDeliverables?: readonly SignedDeliverable[];
  /** Earlier signed versions, oldest first: the version history names them. */
  earlier: { version: number; date: string; author: string; signer: string }[];
  /** Present when this issue is the one signed (or rebuilt to compare with it). */
  signing?: {
    version: number;
    /** ISO-8601 UTC; printed in the event's zone. */
    signedAt: string;
    customer: Signer & { seal?: string };
    provider: Signer;
    /** The acceptance reports' conclusion, recorded by the signers at signing. */
    conclusion?: { verdict: AcceptanceVerdict; note: string };
  };
};

export const ACCEPTANCE_VERDICTS = ['accepted', 'reservations', 'notAccepted'] as const;
export type AcceptanceVerdict = (typeof ACCEPTANCE_VERDICTS)[number];

export type BuildOptions = {
  /** Masks secrets in free text; the core passes the engagement's redactor. Default: identity. */
  redact?: (text: string) => string;
  /** Defaults to the engagement's deliverable language. */
  language?: DocLanguage;
};
