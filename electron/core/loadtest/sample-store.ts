/**
 * Where parsers put samples: growable typed arrays (start, elapsed, flags, label index) and a label
 * table, so a million rows cost about 21 MB instead of a million objects. The label table is
 * bounded: labels are cut to MAX_LABEL_CHARS and those past LABEL_CAP share one row.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import type { LoadTestSamples } from '@shared/domain/load-test-stats';

export type SampleStore = {
  /** Adds one sample; `line` is only used to name the first row that is out of time order. */
  add(startMs: number, elapsedMs: number, flags: number, label: string, line: number): void;
  readonly count: number;
  samples(): LoadTestSamples;
  /** Warnings about the order, length and number of labels, once parsing is done. */
  warnings(): LoadTestWarning[];
};

/**
 * Distinct labels kept by name; the samples of any label after these are counted as OTHER_LABELS.
 * Past this many the per-label table stops being readable (ids in URLs, most likely), and the
 * label table, the figures per label and the stored analysis would grow with every new id.
 */
export const LABEL_CAP = 1_000;
export const OTHER_LABELS = '(other labels)';
/** Longer labels are cut (a 2 MB label is a logging mistake, and stress.mapLabels takes names up to 1,000 characters). */
export const MAX_LABEL_CHARS = 500;

/** A label cut to MAX_LABEL_CHARS, ending in an ellipsis, never between the halves of a surrogate pair. */
function cutLabel(label: string): string {
  let end = MAX_LABEL_CHARS - 1;
  const last = label.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${label.slice(0, end)}…`;
}

/**
 * A copy of a label that shares no memory with the text it was cut from: a parser's field is a
 * slice of its whole read chunk (or of a 2 MB line), which a kept label would otherwise hold on to.
 */
function ownCopy(label: string): string {
  return Buffer.from(label, 'utf8').toString('utf8');
}

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
  let cutLabels = 0;
  let otherLabelsId = -1;
  let folded = 0;

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

  function newLabel(name: string): number {
    const id = labels.length;
    const kept = ownCopy(name);
    labels.push(kept);
    labelIds.set(kept, id);
    return id;
  }

  function labelId(label: string): number {
    if (label === lastLabel && lastLabelId >= 0) return lastLabelId;
    const name = label.length > MAX_LABEL_CHARS ? cutLabel(label) : label;
    let id = labelIds.get(name);
    if (id === undefined) {
      if (labels.length - (otherLabelsId >= 0 ? 1 : 0) < LABEL_CAP) {
        id = newLabel(name);
        if (name !== label) cutLabels += 1;
      } else {
        // Folded names are not remembered: that is the memory the cap saves.
        if (otherLabelsId < 0) otherLabelsId = labelIds.get(OTHER_LABELS) ?? newLabel(OTHER_LABELS);
        id = otherLabelsId;
      }
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
      const id = labelId(label);
      labelIndex[count] = id;
      if (id === otherLabelsId) folded += 1;
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
      if (cutLabels > 0)
        warnings.push({
          code: 'longLabels',
          message: `${cutLabels.toLocaleString('en')} label(s) longer than ${MAX_LABEL_CHARS} characters were cut to their first ${MAX_LABEL_CHARS - 1} and "…"; labels that begin alike beyond that share a row.`,
        });
      if (folded > 0)
        warnings.push({
          code: 'manyLabels',
          message: `The file has more than ${LABEL_CAP.toLocaleString('en')} distinct labels (request names with ids or URLs in them, probably): the first ${LABEL_CAP.toLocaleString('en')} keep their names and the ${folded.toLocaleString('en')} sample(s) of the others are counted together as "${OTHER_LABELS}". Name the requests in the test plan to tell them apart.`,
        });
      return warnings;
    },
  };
}
