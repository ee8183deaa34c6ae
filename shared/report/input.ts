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
