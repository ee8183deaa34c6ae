import { Group, MultiSelect, NumberInput, SegmentedControl, Select, Text, Textarea, TextInput } from '@mantine/core';
import type { AnswerValue, ChecklistItem } from '@shared/domain/checklist';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  item: ChecklistItem;
  value: AnswerValue | null;
  readOnly: boolean;
  onAnswer: (value: AnswerValue | null) => void;
  label: string;
};

/** The input for one item, by its answer type; choices and yes/no save on click, typing on leave. */
export function AnswerControl({ item, value, readOnly, onAnswer, label }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const choices = (item.choices ?? []).map((c) => ({ value: c.id, label: c.label[language] }));
  switch (item.answerType) {
    case 'yesNo':
      return (
        <SegmentedControl
          aria-label={label}
          readOnly={readOnly}
          value={value?.kind === 'yesNo' ? value.value : ''}
          onChange={(v) => onAnswer({ kind: 'yesNo', value: v as 'yes' | 'no' | 'na' })}
          data={[
            { value: 'yes', label: `${t('checklist.yes')} (1)` },
            { value: 'no', label: `${t('checklist.no')} (2)` },
            { value: 'na', label: `${t('checklist.na')} (3)` },
          ]}
        />
      );
    case 'singleChoice':
      return (
        <Select
          aria-label={label}
          readOnly={readOnly}
          data={choices}
          value={value?.kind === 'singleChoice' ? value.value : null}
          onChange={(v) => onAnswer(v ? { kind: 'singleChoice', value: v } : null)}
          w={320}
          clearable
        />
      );
    case 'multiChoice':
      return (
        <MultiSelect
          aria-label={label}
          readOnly={readOnly}
          data={choices}
          value={value?.kind === 'multiChoice' ? value.value : []}
          onChange={(v) => onAnswer(v.length > 0 ? { kind: 'multiChoice', value: v } : null)}
          w={420}
        />
      );
    case 'number':
      return (
        <NumberAnswer
          label={label}
          unit={item.unit}
          readOnly={readOnly}
          value={value?.kind === 'number' ? value.value : null}
          onAnswer={onAnswer}
        />
      );
    case 'date':
      return (
        <TextInput
          type="date"
          aria-label={label}
          readOnly={readOnly}
          defaultValue={value?.kind === 'date' ? value.value : ''}
          onBlur={(e) => {
            const v = e.currentTarget.value;
            if (v !== (value?.kind === 'date' ? value.value : '')) onAnswer(v ? { kind: 'date', value: v } : null);
          }}
          w={200}
        />
      );
    case 'text':
      return (
        <Textarea
          aria-label={label}
          readOnly={readOnly}
          autosize
          minRows={1}
          defaultValue={value?.kind === 'text' ? value.value : ''}
          onBlur={(e) => {
            const v = e.currentTarget.value;
            if (v !== (value?.kind === 'text' ? value.value : ''))
              onAnswer(v.trim() ? { kind: 'text', value: v } : null);
          }}
        />
      );
  }
}

function NumberAnswer(props: {
  label: string;
  unit?: string;
  readOnly: boolean;
  value: number | null;
  onAnswer: (v: AnswerValue | null) => void;
}) {
  const [draft, setDraft] = useState<string | number>(props.value ?? '');
  return (
    <Group gap="xs" wrap="nowrap">
      <NumberInput
        aria-label={props.label}
        readOnly={props.readOnly}
        value={draft}
        onChange={setDraft}
        onBlur={() => {
          const next = typeof draft === 'number' ? draft : null;
          if (next !== props.value) props.onAnswer(next === null ? null : { kind: 'number', value: next });
        }}
        w={160}
      />
      {props.unit && <Text size="sm">{props.unit}</Text>}
    </Group>
  );
}
