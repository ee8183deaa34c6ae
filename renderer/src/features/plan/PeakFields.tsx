import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { BANDWIDTH_UNITS, type EngagementDetails } from '@shared/domain/plan';
import { useTranslation } from 'react-i18next';

type Peak = EngagementDetails['peak'];
const FIGURES = ['qps', 'tps', 'concurrentUsers', 'bandwidth'] as const;

/**
 * The predicted peak (QPS, TPS, concurrent users, bandwidth with its unit), used by the wizard
 * and the overview. `onCommit` is told when a figure is left or the unit chosen: the moment to save.
 */
export function PeakFields(props: {
  peak: Peak;
  readOnly?: boolean;
  onChange: (peak: Peak) => void;
  onCommit?: (peak: Peak) => void;
}) {
  const { t } = useTranslation();
  const { peak, readOnly = false, onChange, onCommit } = props;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }}>
      {FIGURES.map((key) => (
        <NumberInput
          key={key}
          label={t(`details.${key}`)}
          min={0}
          thousandSeparator={key === 'bandwidth' ? undefined : ','}
          readOnly={readOnly}
          value={peak[key] ?? ''}
          onChange={(value) => onChange({ ...peak, [key]: typeof value === 'number' ? value : null })}
          onBlur={() => onCommit?.(peak)}
        />
      ))}
      <Select
        label={t('details.bandwidthUnit')}
        data={[...BANDWIDTH_UNITS]}
        value={peak.bandwidthUnit}
        readOnly={readOnly}
        allowDeselect={false}
        onChange={(value) => {
          if (!value) return;
          const next = { ...peak, bandwidthUnit: value as Peak['bandwidthUnit'] };
          onChange(next);
          onCommit?.(next);
        }}
      />
    </SimpleGrid>
  );
}
