import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DeliverableLanguage } from '@shared/domain/engagement';
import {
  CHOICE_FIELDS,
  OPTIMIZATION_COLUMNS,
  OPTIMIZATION_KINDS,
  type OptimizationKind,
  type OptimizationTemplate,
  templateSearchText,
} from '@shared/domain/optimization';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { useOptimizationMutation, useOptimizationTemplates } from './queries';

/** The first text column of a template, as the line under its title. */
function gist(template: OptimizationTemplate, language: DeliverableLanguage): string {
  const draft = template[language];
  const fields: Record<string, unknown> = draft.fields;
  // A choice (such as a database area) is a key, not text to read: the line shows a text field.
  const choices: Record<string, readonly string[]> = CHOICE_FIELDS[template.kind];
  const texts = OPTIMIZATION_COLUMNS[template.kind]
    .filter((column) => !(column in choices))
    .map((column) => fields[column])
    .filter((value): value is string => typeof value === 'string' && value.length > 12);
  return texts[0] ?? '';
}

/**
 * "Add from templates": the shipped common entries in the engagement's deliverable language,
 * searchable and filtered by kind, several chosen at once; ones already added, or of a kind the
 * edition leaves out, cannot be chosen.
 */
export function TemplatePicker(props: {
  engagementId: string;
  language: DeliverableLanguage;
  opened: boolean;
  initialKind: OptimizationKind;
  /** Template ids already live in the engagement. */
  present: ReadonlySet<string>;
  /** Kinds the engagement's edition leaves out: their templates cannot be chosen. */
  outOfEdition: ReadonlySet<OptimizationKind>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const templates = useOptimizationTemplates(props.opened);
  const add = useOptimizationMutation('optimization.addFromTemplates');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OptimizationKind | 'all'>(props.initialKind);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    if (props.opened) {
      setSearch('');
      setKind(props.initialKind);
      setChosen([]);
    }
  }, [props.opened, props.initialKind]);

  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (templates.data ?? []).filter(
      (template) =>
        (kind === 'all' || template.kind === kind) &&
        (needle === '' || templateSearchText(template, props.language).includes(needle)),
    );
  }, [templates.data, kind, search, props.language]);

  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((c) => c !== id) : [...current, id]));

  const submit = () =>
    add.mutate(
      { engagementId: props.engagementId, templateIds: chosen },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message: t('optimization.templates.done', { count: result.added.length }),
          });
          props.onClose();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('optimization.templates.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <Stack gap="sm">
        <Group grow align="flex-end">
          <TextInput
            label={t('optimization.templates.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-autofocus
          />
          <Select
            label={t('optimization.templates.kind')}
            data={[
              { value: 'all', label: t('optimization.templates.allKinds') },
              ...OPTIMIZATION_KINDS.map((k) => ({ value: k, label: t(`optimization.kinds.${k}`) })),
            ]}
            value={kind}
            onChange={(value) => {
              const next = OPTIMIZATION_KINDS.find((k) => k === value);
              setKind(next ?? 'all');
            }}
            allowDeselect={false}
          />
        </Group>
        <Text size="xs" c="dimmed">
          {t('optimization.templates.language', { language: t(`languages.${props.language}`) })}
        </Text>
        <ScrollArea.Autosize mah={440}>
          <Stack gap="xs" data-testid="optimization-templates">
            {shown.length === 0 && !templates.isPending && (
              <Text c="dimmed" size="sm">
                {t('optimization.templates.none')}
              </Text>
            )}
            {shown.map((template) => {
              const draft = template[props.language];
              const added = props.present.has(template.id);
              const excluded = props.outOfEdition.has(template.kind);
              return (
                <Paper key={template.id} withBorder p="sm" radius="md" data-template={template.id}>
                  <Group wrap="nowrap" align="flex-start" justify="space-between" gap="sm">
                    <Checkbox
                      label={<Text fw={600}>{draft.title}</Text>}
                      description={
                        <Text size="sm" c="dimmed" lineClamp={2} span>
                          {gist(template, props.language)}
                        </Text>
                      }
                      checked={added || chosen.includes(template.id)}
                      disabled={added || excluded}
                      onChange={() => toggle(template.id)}
                      style={{ minWidth: 0 }}
                    />
                    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                      {kind === 'all' && (
                        <Badge variant="light" color="gray" styles={{ label: { overflow: 'visible' } }}>
                          {t(`optimization.kinds.${template.kind}`)}
                        </Badge>
                      )}
                      {added && (
                        <Badge variant="outline" color="teal" styles={{ label: { overflow: 'visible' } }}>
                          {t('optimization.templates.added')}
                        </Badge>
                      )}
                      {excluded && !added && (
                        <Badge variant="outline" color="yellow" styles={{ label: { overflow: 'visible' } }}>
                          {t('optimization.templates.notInEdition')}
                        </Badge>
                      )}
                    </Group>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('form.cancel')}
          </Button>
          <Button disabled={chosen.length === 0} loading={add.isPending} onClick={submit}>
            {t('optimization.templates.addSelected', { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
