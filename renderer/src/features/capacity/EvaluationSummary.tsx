import { Badge, type BadgeProps, Stack, Text } from '@mantine/core';
import {
  type CapacityEvaluation,
  type CapacityFormula,
  type CapacityMissing,
  formatPct,
  formatQuantity,
} from '@shared/domain/capacity';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconFlame } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type Lang = 'en' | 'zh-CN';

export function uiLang(language: string): Lang {
  return language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** What an incomplete evaluation lacks, in the words of the formula's own fields. */
export function missingNames(
  t: TFunction,
  missing: readonly CapacityMissing[],
  formula: CapacityFormula | undefined,
  lang: Lang,
): string {
  const name = (m: CapacityMissing): string => {
    switch (m) {
      case 'formula':
        return t('capacity.missing.formula');
      case 'units':
        return formula?.labels.units?.[lang] ?? t('capacity.fields.units');
      case 'capacityPerUnit':
        return formula?.labels.capacityPerUnit?.[lang] ?? t('capacity.fields.perUnit');
      case 'currentCap':
        return formula?.labels.currentCap?.[lang] ?? t('capacity.fields.currentCap');
      case 'baseline':
        return formula?.labels.baseline[lang] ?? t('capacity.fields.baseline');
      default:
        return t('capacity.missing.forecast', { figure: t(`details.${m.slice('peak.'.length)}`) });
    }
  };
  return missing.map(name).join(lang === 'en' ? ', ' : '、');
}

/** A badge whose label may wrap: the verdict is a phrase, not a tag. */
const verdictBadge: BadgeProps = {
  variant: 'light',
  tt: 'none',
  h: 'auto',
  py: 2,
  styles: { label: { whiteSpace: 'normal', overflow: 'visible' } },
};

/**
 * Headroom at the peak as a coloured badge whose text says the verdict too (colour is never the
 * only signal): peak beyond capacity, below the margin, margin met, or not evaluated.
 */
export function HeadroomBadge({ evaluation }: { evaluation: CapacityEvaluation }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  if (evaluation.status === 'incomplete') {
    return (
      <Badge color="gray" {...verdictBadge} leftSection={<IconCircleDashed size={12} aria-hidden />}>
        {t('capacity.incomplete')}
      </Badge>
    );
  }
  const headroom = formatPct(evaluation.headroomPct, lang, 'down');
  const margin = formatPct(evaluation.marginPct, lang);
  if (evaluation.headroomPct < 0) {
    return (
      <Badge color="red" {...verdictBadge} leftSection={<IconFlame size={12} aria-hidden />}>
        {t('capacity.headroom.over', { headroom, margin })}
      </Badge>
    );
  }
  if (evaluation.belowMargin) {
    return (
      <Badge color="orange" {...verdictBadge} leftSection={<IconAlertTriangle size={12} aria-hidden />}>
        {t('capacity.headroom.below', { headroom, margin })}
      </Badge>
    );
  }
  return (
    <Badge color="teal" {...verdictBadge} leftSection={<IconCircleCheck size={12} aria-hidden />}>
      {t('capacity.headroom.met', { headroom, margin })}
    </Badge>
  );
}

/** The verdict, the figures behind it and the scaling, or what is still missing. */
export function EvaluationSummary({
  evaluation,
  formula,
}: {
  evaluation: CapacityEvaluation;
  formula: CapacityFormula;
}) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  if (evaluation.status === 'incomplete') {
    return (
      <Text size="sm">{t('capacity.missingList', { names: missingNames(t, evaluation.missing, formula, lang) })}</Text>
    );
  }
  const q = (value: number) => formatQuantity(value, formula.unit, lang);
  return (
    <Stack gap={4}>
      <HeadroomBadge evaluation={evaluation} />
      <Text size="sm">
        {t('capacity.summary', {
          capacity: q(evaluation.currentCapacity),
          peak: q(evaluation.predictedPeak),
          required: q(evaluation.requiredCapacity),
        })}
      </Text>
      <Text size="sm" fw={500}>
        {evaluation.recommendation.text[lang]}
      </Text>
    </Stack>
  );
}
