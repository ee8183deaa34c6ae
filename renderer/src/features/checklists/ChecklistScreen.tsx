import {
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  Kbd,
  Paper,
  Progress,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type AnswerValue,
  answerId,
  type ChecklistItem,
  type ChecklistKind,
  checklistProgress,
  visibleItems,
} from '@shared/domain/checklist';
import type { Engagement } from '@shared/domain/engagement';
import { IconAlertTriangle, IconArrowBackUp, IconClipboardList } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { AutosaveIndicator, type AutosaveState } from '../../components/AutosaveIndicator';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../errors';
import { EvidencePanel, type EvidencePanelHandle } from '../evidence/EvidencePanel';
import { ProposeFindingModal } from '../findings/FindingModal';
import { AnswerControl } from './AnswerControl';

type View = Awaited<ReturnType<typeof fetchView>>;
type Answer = View['answers'][number];
type Filter = 'all' | 'unanswered' | 'failed';

const fetchView = (engagementId: string, templateId: string) => call('checklist.view', { engagementId, templateId });
const viewKey = (engagementId: string, templateId: string) => ['checklist', engagementId, templateId] as const;

/** The engagement's checklist of one kind (survey, inspection, security). */
export function ChecklistScreen({ engagement, kind }: { engagement: Engagement; kind: ChecklistKind }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const templates = useQuery({ queryKey: ['checklist', 'templates'], queryFn: () => call('checklist.templates', {}) });
  if (templates.isPending) return <Skeleton h={240} />;
  const template = templates.data?.find((tpl) => tpl.kind === kind);
  if (!template) {
    return (
      <EmptyState
        icon={<IconClipboardList size={32} />}
        title={t('checklist.noTemplate')}
        body={t('checklist.noTemplateBody')}
      />
    );
  }
  return (
    <Answering key={template.id} engagement={engagement} templateId={template.id} title={template.title[language]} />
  );
}

function Answering({ engagement, templateId, title }: { engagement: Engagement; templateId: string; title: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const queryClient = useQueryClient();
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const view = useQuery({
    queryKey: viewKey(engagement.id, templateId),
    queryFn: () => fetchView(engagement.id, templateId),
  });
  const [filter, setFilter] = useState<Filter>('all');
  const [focused, setFocused] = useState(0);
  const [noteOpen, setNoteOpen] = useState<string | null>(null);
  const [proposing, setProposing] = useState<ChecklistItem | null>(null);
  const [saveState, setSaveState] = useState<AutosaveState>({ kind: 'idle' });
  const undoStack = useRef<string[]>([]);
  const evidencePanel = useRef<EvidencePanelHandle | null>(null);
  // One query for the whole checklist's evidence: counts per answer, the panel only on the focused item.
  const evidence = useQuery({
    queryKey: ['evidence', engagement.id, 'answer'],
    queryFn: () => call('evidence.list', { engagementId: engagement.id, targetKind: 'answer' }),
  });
  const evidenceCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const link of evidence.data ?? []) counts.set(link.targetId, (counts.get(link.targetId) ?? 0) + 1);
    return counts;
  }, [evidence.data]);
  const rowRefs = useRef(new Map<string, HTMLDivElement>());

  const applyAnswer = (answer: Answer) =>
    queryClient.setQueryData(viewKey(engagement.id, templateId), (old: View | undefined) =>
      old ? { ...old, answers: [...old.answers.filter((a) => a.itemId !== answer.itemId), answer] } : old,
    );
  const answerMutation = useMutation({
    mutationFn: (input: { itemId: string; value?: AnswerValue | null; note?: string }) => {
      const current = view.data?.answers.find((a) => a.itemId === input.itemId);
      return call('checklist.answer', {
        engagementId: engagement.id,
        templateId,
        itemId: input.itemId,
        value: input.value === undefined ? (current?.value ?? null) : input.value,
        ...(input.note !== undefined ? { note: input.note } : {}),
      });
    },
    onMutate: () => setSaveState({ kind: 'saving' }),
    onSuccess: (answer) => {
      applyAnswer(answer);
      undoStack.current.push(answer.itemId);
      setSaveState({ kind: 'saved' });
    },
    onError: (error) => setSaveState({ kind: 'failed', message: errorText(t, error) }),
  });
  const undoMutation = useMutation({
    mutationFn: (itemId: string) => call('checklist.undo', { engagementId: engagement.id, templateId, itemId }),
    onSuccess: (answer) => {
      applyAnswer(answer);
      notifications.show({ color: 'teal', message: t('checklist.undone') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
  });

  const answers = useMemo(() => new Map((view.data?.answers ?? []).map((a) => [a.itemId, a])), [view.data]);
  const values = useMemo(() => {
    const map = new Map<string, AnswerValue>();
    for (const [itemId, a] of answers) if (a.value) map.set(itemId, a.value);
    return map;
  }, [answers]);
  const scope = useMemo(() => new Set(view.data?.resourceTypesInScope ?? []), [view.data]);
  const sections = view.data ? visibleItems(view.data.template, values, scope) : [];
  const progress = view.data
    ? checklistProgress(view.data.template, values, scope)
    : { answered: 0, total: 0, failed: 0 };
  const shown = sections
    .map(({ section, items }) => ({
      section,
      items: items.filter((item) => {
        const a = answers.get(item.id);
        if (filter === 'unanswered') return !a?.value;
        if (filter === 'failed') return a?.fails === true;
        return true;
      }),
    }))
    .filter((s) => s.items.length > 0);
  const flat = shown.flatMap((s) => s.items);
  const focusedItem = flat[Math.min(focused, flat.length - 1)];

  useEffect(() => {
    if (focusedItem) rowRefs.current.get(focusedItem.id)?.focus({ preventScroll: false });
  }, [focusedItem]);

  const answer = (item: ChecklistItem, value: AnswerValue | null) => {
    if (!readOnly) answerMutation.mutate({ itemId: item.id, value });
  };
  const undo = () => {
    const itemId = undoStack.current.pop();
    if (itemId) undoMutation.mutate(itemId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !typing) {
      event.preventDefault();
      undo();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const move = (delta: number) => {
      event.preventDefault();
      setFocused((i) => Math.max(0, Math.min(flat.length - 1, i + delta)));
    };
    if (event.key === 'j' || event.key === 'ArrowDown') return move(1);
    if (event.key === 'k' || event.key === 'ArrowUp') return move(-1);
    if (!focusedItem) return;
    if (focusedItem.answerType === 'yesNo' && ['1', '2', '3'].includes(event.key)) {
      event.preventDefault();
      const value = (['yes', 'no', 'na'] as const)[Number(event.key) - 1] ?? 'na';
      answer(focusedItem, { kind: 'yesNo', value });
      return;
    }
    if (event.key === 'n') {
      event.preventDefault();
      event.stopPropagation();
      setNoteOpen(focusedItem.id);
      return;
    }
    if (event.key === 'e' && !readOnly) {
      event.preventDefault();
      evidencePanel.current?.openFileDialog();
      return;
    }
    if (event.key === 'f' && answers.get(focusedItem.id)?.fails) {
      event.preventDefault();
      setProposing(focusedItem);
    }
  };

  if (view.isPending) return <Skeleton h={320} />;
  if (view.isError) return <Alert color="red">{errorText(t, view.error)}</Alert>;

  return (
    // The container owns the keyboard: j/k or arrows move, 1/2/3 answer, n opens the note.
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts for the whole checklist.
    <div onKeyDown={onKeyDown} data-testid="checklist">
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {title}
              </Title>
              <Text size="sm" c="dimmed">
                {t('checklist.progress', progress)}
              </Text>
            </div>
            <Group gap="sm">
              <AutosaveIndicator state={saveState} onRetry={() => answerMutation.reset()} />
              <Button
                variant="default"
                size="xs"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={undo}
                disabled={readOnly}
              >
                {t('checklist.undo')}
              </Button>
            </Group>
          </Group>
          <Progress.Root mt="sm" size="lg">
            <Progress.Section
              value={progress.total ? ((progress.answered - progress.failed) / progress.total) * 100 : 0}
              color="teal"
              aria-label={t('checklist.passedShare')}
            />
            <Progress.Section
              value={progress.total ? (progress.failed / progress.total) * 100 : 0}
              color="red"
              aria-label={t('checklist.failedShare')}
            />
          </Progress.Root>
          <Group justify="space-between" mt="sm">
            <SegmentedControl
              aria-label={t('checklist.filter')}
              value={filter}
              onChange={(v) => {
                setFilter(v as Filter);
                setFocused(0);
              }}
              data={[
                { value: 'all', label: t('checklist.filterAll') },
                { value: 'unanswered', label: t('checklist.filterUnanswered') },
                { value: 'failed', label: t('checklist.filterFailed') },
              ]}
            />
            <Text size="xs" c="dimmed">
              <Kbd>J</Kbd>/<Kbd>K</Kbd> {t('checklist.keysMove')} · <Kbd>1</Kbd> <Kbd>2</Kbd> <Kbd>3</Kbd>{' '}
              {t('checklist.keysAnswer')} · <Kbd>N</Kbd> {t('checklist.keysNote')} · <Kbd>E</Kbd>{' '}
              {t('checklist.keysEvidence')} · <Kbd>F</Kbd> {t('checklist.keysFinding')} · <Kbd>Ctrl</Kbd>+<Kbd>Z</Kbd>{' '}
              {t('checklist.keysUndo')}
            </Text>
          </Group>
        </Paper>
        {shown.length === 0 && <Text c="dimmed">{t('checklist.nothingToShow')}</Text>}
        {shown.map(({ section, items }) => (
          <section key={section.id} aria-labelledby={`section-${section.id}`}>
            <Title order={3} size="h5" id={`section-${section.id}`} mb="xs">
              {section.title[language]}
            </Title>
            <Stack gap={6}>
              {items.map((item) => {
                const current = answers.get(item.id);
                const isFocused = focusedItem?.id === item.id;
                return (
                  <Paper
                    key={item.id}
                    withBorder
                    p="sm"
                    radius="md"
                    tabIndex={-1}
                    ref={(el: HTMLDivElement | null) => {
                      if (el) rowRefs.current.set(item.id, el);
                      else rowRefs.current.delete(item.id);
                    }}
                    onFocus={() => setFocused(flat.indexOf(item))}
                    data-item={item.id}
                    data-focused={isFocused || undefined}
                    style={{
                      outline: isFocused ? '2px solid var(--mantine-primary-color-filled)' : undefined,
                      borderLeft: current?.fails ? '4px solid var(--mantine-color-red-7)' : undefined,
                    }}
                  >
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <div style={{ flex: 1 }}>
                        <Text fw={500}>{item.prompt[language]}</Text>
                        {item.products && (
                          <Text size="xs" c="dimmed">
                            {[item.products.alibaba, item.products.huawei].filter(Boolean).join(' · ')}
                          </Text>
                        )}
                        <Collapse expanded={isFocused}>
                          <Text size="sm" c="dimmed" mt={4}>
                            {item.guidance[language]}
                          </Text>
                        </Collapse>
                      </div>
                      <Stack gap={4} align="flex-end">
                        <AnswerControl
                          item={item}
                          value={current?.value ?? null}
                          readOnly={readOnly}
                          onAnswer={(v) => answer(item, v)}
                          label={item.prompt[language]}
                        />
                        {current?.updatedBy && current.value && (
                          <Text size="xs" c="dimmed">
                            {t('checklist.answeredBy', {
                              who: current.updatedBy,
                              when: new Date(current.updatedAt).toLocaleString(i18n.language),
                            })}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                    {current?.fails && (
                      <Group mt="xs" gap="xs">
                        <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />} tt="none">
                          {t('checklist.failed')}
                        </Badge>
                        {!readOnly && (
                          <Button size="compact-xs" variant="default" onClick={() => setProposing(item)}>
                            {t('checklist.proposeFinding')}
                          </Button>
                        )}
                      </Group>
                    )}
                    {(noteOpen === item.id || (current?.note ?? '') !== '') && (
                      <Textarea
                        mt="xs"
                        label={t('checklist.note')}
                        autosize
                        minRows={1}
                        readOnly={readOnly}
                        defaultValue={current?.note ?? ''}
                        autoFocus={noteOpen === item.id}
                        onBlur={(e) => {
                          const note = e.currentTarget.value;
                          if (note !== (current?.note ?? '')) answerMutation.mutate({ itemId: item.id, note });
                          setNoteOpen(null);
                        }}
                        onKeyDown={(e) => {
                          // Escape leaves the note and gives the keyboard back to the item.
                          if (e.key === 'Escape') {
                            e.stopPropagation();
                            (e.currentTarget as HTMLTextAreaElement).blur();
                            rowRefs.current.get(item.id)?.focus();
                          }
                        }}
                      />
                    )}
                    {isFocused ? (
                      <div style={{ marginTop: 8 }}>
                        <EvidencePanel
                          ref={evidencePanel}
                          engagementId={engagement.id}
                          targetKind="answer"
                          targetId={answerId(engagement.id, templateId, item.id)}
                          readOnly={readOnly}
                        />
                      </div>
                    ) : (evidenceCount.get(answerId(engagement.id, templateId, item.id)) ?? 0) > 0 ? (
                      <Text size="xs" c="dimmed" mt={4}>
                        {t('checklist.evidenceCount', {
                          count: evidenceCount.get(answerId(engagement.id, templateId, item.id)),
                        })}
                      </Text>
                    ) : null}
                  </Paper>
                );
              })}
            </Stack>
          </section>
        ))}
      </Stack>
      <ProposeFindingModal
        engagementId={engagement.id}
        opened={proposing !== null}
        onClose={() => setProposing(null)}
        initial={
          proposing
            ? {
                title: proposing.prompt[engagement.language],
                severity: proposing.severity,
                recommendation: proposing.recommendation[engagement.language],
                description: answers.get(proposing.id)?.note ?? '',
                answerId: answers.get(proposing.id)?.id,
                templateId,
                itemId: proposing.id,
              }
            : {}
        }
      />
    </div>
  );
}
