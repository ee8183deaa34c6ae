/**
 * A drawn signature with mouse, pen or touch (signature_pad: pressure-smoothed strokes), with clear
 * and undo. The canvas is scaled by the device pixel ratio so the signature prints sharp, and the
 * strokes are kept, so resizing the window redraws them rather than losing them.
 */
import { Box, Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconEraser } from '@tabler/icons-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePadLib, { type PointGroup } from 'signature_pad';

/** Below this much drawing (points over all strokes) a signature is refused as nearly empty. */
export const MIN_SIGNATURE_POINTS = 12;

export type SignaturePadHandle = {
  /** The signature as a transparent PNG data URL, or null when nearly empty. */
  toPng: () => string | null;
  clear: () => void;
};

type Props = { label: string; onChange?: (points: number) => void; height?: number };

export function pointCount(groups: readonly PointGroup[]): number {
  return groups.reduce((n, group) => n + group.points.length, 0);
}

export const SignaturePad = forwardRef<SignaturePadHandle, Props>(function SignaturePad(
  { label, onChange, height = 200 },
  ref,
) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadLib | null>(null);
  const [points, setPoints] = useState(0);

  // The latest callback, read at stroke time: a new function each render must not rebuild the pad
  // (that would wipe the strokes).
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const changed = useCallback(() => {
    const count = pointCount(pad.current?.toData() ?? []);
    setPoints(count);
    onChangeRef.current?.(count);
  }, []);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const created = new SignaturePadLib(element, { penColor: '#10243f', minWidth: 0.8, maxWidth: 2.6 });
    pad.current = created;
    created.addEventListener('endStroke', changed);
    // Sized to its box at the screen's pixel density; the strokes are redrawn after a resize.
    const fitToBox = () => {
      const data = created.toData();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      element.width = element.offsetWidth * ratio;
      element.height = element.offsetHeight * ratio;
      element.getContext('2d')?.scale(ratio, ratio);
      created.clear();
      created.fromData(data);
    };
    fitToBox();
    const observer = new ResizeObserver(fitToBox);
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.removeEventListener('endStroke', changed);
      created.off();
      pad.current = null;
    };
  }, [changed]);

  const clear = useCallback(() => {
    pad.current?.clear();
    changed();
  }, [changed]);

  const undo = useCallback(() => {
    const data = pad.current?.toData() ?? [];
    data.pop();
    pad.current?.fromData(data);
    changed();
  }, [changed]);

  useImperativeHandle(
    ref,
    () => ({
      toPng: () =>
        pad.current && pointCount(pad.current.toData()) >= MIN_SIGNATURE_POINTS
          ? pad.current.toDataURL('image/png')
          : null,
      clear,
    }),
    [clear],
  );

  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <Box
        style={{
          border: '1px dashed var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'white',
          height,
          touchAction: 'none',
        }}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('signoff.padLabel', { label })}
          data-testid="signature-pad"
          data-points={points}
          style={{ width: '100%', height: '100%', display: 'block', cursor: 'crosshair' }}
        />
      </Box>
      <Group gap="xs" mt={6} justify="space-between">
        <Text size="xs" c={points > 0 && points < MIN_SIGNATURE_POINTS ? 'red.8' : 'dimmed'}>
          {points === 0
            ? t('signoff.padHint')
            : points < MIN_SIGNATURE_POINTS
              ? t('signoff.padTooShort')
              : t('signoff.padReady')}
        </Text>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={undo}
            disabled={points === 0}
          >
            {t('signoff.undoStroke')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconEraser size={14} />}
            onClick={clear}
            disabled={points === 0}
          >
            {t('signoff.clear')}
          </Button>
        </Group>
      </Group>
    </div>
  );
});
