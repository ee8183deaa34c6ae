/**
 * How each kind's fields are edited and shown: the input to use, which choice list a field takes
 * its labels from, and which fields cannot be left empty (the schema says the same).
 */
import {
  DATABASE_AREAS,
  DRILL_RESULTS,
  MONITORING_LAYERS,
  type OptimizationKind,
  PROCESS_AREAS,
  PROTECTION_MECHANISMS,
} from '@shared/domain/optimization';

export type FieldSpec =
  | { name: string; type: 'text' | 'long' | 'date' | 'addresses' | 'plan'; required?: boolean }
  | { name: string; type: 'choice'; options: readonly string[]; labels: string };

const choice = (name: string, options: readonly string[], labels: string): FieldSpec => ({
  name,
  type: 'choice',
  options,
  labels,
});

export const FIELD_SPECS: Record<OptimizationKind, FieldSpec[]> = {
  monitoring: [
    choice('layer', MONITORING_LAYERS, 'layer'),
    { name: 'metric', type: 'text', required: true },
    { name: 'threshold', type: 'text', required: true },
    { name: 'window', type: 'text' },
    { name: 'channel', type: 'text', required: true },
    { name: 'escalation', type: 'long' },
    { name: 'dashboard', type: 'text' },
  ],
  trafficProtection: [
    choice('mechanism', PROTECTION_MECHANISMS, 'mechanism'),
    { name: 'target', type: 'text', required: true },
    { name: 'setting', type: 'long', required: true },
    { name: 'trigger', type: 'long' },
    { name: 'addresses', type: 'addresses' },
  ],
  database: [
    choice('area', DATABASE_AREAS, 'databaseArea'),
    { name: 'instance', type: 'text' },
    { name: 'current', type: 'long' },
    { name: 'proposal', type: 'long', required: true },
  ],
  bottleneck: [
    { name: 'resource', type: 'text', required: true },
    { name: 'symptom', type: 'long' },
    { name: 'proposal', type: 'long', required: true },
  ],
  process: [
    choice('area', PROCESS_AREAS, 'processArea'),
    { name: 'period', type: 'text' },
    { name: 'proposal', type: 'long', required: true },
  ],
  disasterRecovery: [
    { name: 'design', type: 'long', required: true },
    { name: 'rto', type: 'text' },
    { name: 'rpo', type: 'text' },
    { name: 'switchover', type: 'long' },
  ],
  emergency: [
    { name: 'scenario', type: 'text', required: true },
    { name: 'trigger', type: 'long', required: true },
    { name: 'action', type: 'long', required: true },
    { name: 'rollback', type: 'long' },
  ],
  drill: [
    { name: 'emergencyId', type: 'plan' },
    { name: 'scenario', type: 'text', required: true },
    { name: 'date', type: 'date' },
    choice('result', DRILL_RESULTS, 'result'),
    { name: 'findings', type: 'long' },
  ],
};

/** The i18n prefix of a choice field's labels, for table cells. */
export function choiceLabels(kind: OptimizationKind, field: string): string | null {
  const spec = FIELD_SPECS[kind].find((s) => s.name === field);
  return spec?.type === 'choice' ? spec.labels : null;
}

export const STATUS_COLORS = {
  proposed: 'gray',
  agreed: 'blue',
  inProgress: 'cyan',
  done: 'teal',
  declined: 'grape',
} as const;
