/** What every format's parser hands to the analysis. */
import type { LoadTestWarning } from '@shared/domain/load-test';
import type { LoadTestSamples } from '@shared/domain/load-test-stats';

export type ParsedLoadTest = { samples: LoadTestSamples; warnings: LoadTestWarning[] };

/** JMeter's parent sample of a Transaction Controller says this in its response message. */
export const CONTROLLER_MESSAGE = 'Number of samples in transaction';
/** A Transaction Controller that ran nothing: JMeter's dashboard skips it entirely. */
export const EMPTY_CONTROLLER_MESSAGE = 'Number of samples in transaction : 0';

/** Shortens a field for an error message. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
