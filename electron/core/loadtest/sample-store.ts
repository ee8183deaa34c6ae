/**
 * Where parsers put samples: growable typed arrays (start, elapsed, flags, label index) and a label
 * table, so a million rows cost about 21 MB instead of a million objects.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import type { LoadTestSamples } from '@shared/domain/load-test-stats';

export type SampleStore = {
  /** Adds one sample; `line` is only used to name the first row that is out of time order. */
  add(startMs: number, elapsedMs: number, flags: number, label: string, line: number): void;
  readonly count: number;
  samples(): LoadTestSamples;
  /** Warnings about the order and number of labels, once parsing is done. */
  warnings(): LoadTestWarning[];
};

/** Past this many distinct labels the per-label table stops being readable (ids in URLs, most likely). */
const MANY_LABELS = 1_000;

export function createSampleStore(options: { initialCapacity?: number; jmeterWindow?: boolean } = {}): SampleStore {
  const initialCapacity = options.initialCapacity ?? 1 << 16;
  let capacity = Math.max(16, initialCapacity);
  let startMs = new Float64Array(capacity);
  let elapsedMs = new Float64Array(capacity);
  let flags = new Uint8Array(capacity);
  let labelIndex = new Uint32Array(capacity);
  const labels: string[] = [];
  const labelIds = new Map<string, number>();
  let count = 0;
  let latestStart = Number.NEGATIVE_INFINITY;
  let outOfOrder = 0;
  let firstOutOfOrderLine = 0;
  // The label of the previous row: consecutive rows often share one, and a string compare beats a Map lookup.
  let lastLabel = '';
  let lastLabelId = -1;

  function grow(): void {
    capacity *= 2;
    const grown = <T extends Float64Array | Uint8Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    startMs = grown(startMs, new Float64Array(capacity));
    elapsedMs = grown(elapsedMs, new Float64Array(capacity));
    flags = grown(flags, new Uint8Array(capacity));
    labelIndex = grown(labelIndex, new Uint32Array(capacity));
  }

  function labelId(label: string): number {
    if (label === lastLabel && lastLabelId >= 0) return lastLabelId;
    let id = labelIds.get(label);
    if (id === undefined) {
      id = labels.length;
      labels.push(label);
      labelIds.set(label, id);
    }
    lastLabel = label;
    lastLabelId = id;
    return id;
  }

  return {
    add(start, elapsed, flag, label, line) {
      if (count === capacity) grow();
      startMs[count] = start;
      elapsedMs[count] = elapsed;
      flags[count] = flag;
      labelIndex[count] = labelId(label);
      count += 1;
      if (start < latestStart) {
        if (outOfOrder === 0) firstOutOfOrderLine = line;
        outOfOrder += 1;
      } else latestStart = start;
    },
    get count() {
      return count;
    },
    samples: () => ({ count, startMs, elapsedMs, flags, labelIndex, labels }),
    warnings() {
      const warnings: LoadTestWarning[] = [];
      if (outOfOrder > 0)
        warnings.push({
          code: 'outOfOrder',
          message: `${outOfOrder.toLocaleString('en')} row(s) start earlier than a row before them (first at line ${firstOutOfOrderLine}); tools write samples as they finish, so this is usual. ${options.jmeterWindow ? "Figures do not depend on row order, except JMeter's percentile window, which follows the file as JMeter's dashboard does." : 'Figures do not depend on row order.'}`,
          line: firstOutOfOrderLine,
        });
      if (labels.length > MANY_LABELS)
        warnings.push({
          code: 'manyLabels',
          message: `${labels.length.toLocaleString('en')} distinct labels: the requests are probably named by URL with ids in it; consider naming them in the test plan.`,
        });
      return warnings;
    },
  };
}
