/**
 * One deliverable, opened from the list: what is missing before it can be signed (each item
 * linking to the screen that records it), its outline, the PDF as the customer will see it, and
 * export as DOCX, PDF or both with a progress bar and cancel.
 */
import { Alert, Anchor, Badge, Button, Group, Progress, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import type { Section } from '@shared/report/model';
import {
  IconDownload,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconPlayerStop,
  IconRefresh,
  IconSignature,
} from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { SigningModal } from '../signoff/SigningModal';
import { VersionsPanel } from '../signoff/VersionsPanel';
import { type ExportedFile, type ExportFormat, type ExportResult, saveFile, useExport } from './exporting';
import { preflightItems } from './preflight';
import { type DeliverableDocument, type DeliverableSummary, useDeliverablePreview } from './queries';

const PdfPreview = lazy(() => import('./PdfPreview'));

type Props = {
  engagement: Engagement;
  summary: DeliverableSummary;
  language: 'en' | 'zh-CN';
  undecidedSecrets: number;
};

export function DeliverableWorkspace({ engagement, summary, language, undecidedSecrets }: Props) {
  const { t } = useTranslation();
  const engagementId = engagement.id;
  const [signing, setSigning] = useState(false);
  const preview = useDeliverablePreview(engagementId, summary.id);
  const [tab, setTab] = useState<string | null>('preflight');
  const title = summary.title[language];

  if (preview.isPending) return <Skeleton h={240} />;
  if (preview.isError)
    return <Alert color="red">{t('deliverables.previewFailed', { message: errorText(t, preview.error) })}</Alert>;
  const document = preview.data;
  const missing = preflightItems(document);

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('deliverables.documentNumber', {
            number: document.number,
            version: document.version,
            date: document.date,
          })}
        </Text>
        {document.draft && (
          <Badge variant="light" color="gray">
            {t('deliverables.draft')}
          </Badge>
        )}
      </Group>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <ExportBar engagementId={engagementId} documentId={summary.id} title={title} />
        </div>
        <Button
          color="teal.9"
          leftSection={<IconSignature size={16} />}
          onClick={() => setSigning(true)}
          disabled={engagement.status === 'archived' || engagement.deletedAt !== null}
        >
          {t('signoff.open')}
        </Button>
      </Group>
      <SigningModal
        engagement={engagement}
        documentId={summary.id}
        title={title}
        version={document.version}
        opened={signing}
        onClose={() => setSigning(false)}
        onSigned={(version) => {
          setSigning(false);
          setTab('versions');
          notifications.show({ color: 'teal', message: t('signoff.signed', { title, version }) });
        }}
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="preflight"
            rightSection={
              <Badge
                size="sm"
                circle
                variant="filled"
                color={missing.some((m) => m.blocksSigning) ? 'red.9' : 'gray.7'}
                aria-label={t('deliverables.missingCount', { count: missing.length })}
              >
                {missing.length}
              </Badge>
            }
          >
            {t('deliverables.tabPreflight')}
          </Tabs.Tab>
          <Tabs.Tab value="outline">{t('deliverables.tabOutline')}</Tabs.Tab>
          <Tabs.Tab value="pdf">{t('deliverables.tabPdf')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('signoff.tabVersions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="preflight" pt="md">
          <Preflight document={document} engagementId={engagementId} undecidedSecrets={undecidedSecrets} />
        </Tabs.Panel>
        <Tabs.Panel value="outline" pt="md">
          <Stack gap="sm" data-testid="deliverable-outline" lang={document.language}>
            <OutlineSections sections={document.sections} depth={0} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="pdf" pt="md">
          <PdfTab engagementId={engagementId} documentId={summary.id} title={title} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionsPanel engagementId={engagementId} documentId={summary.id} language={document.language} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ExportBar({ engagementId, documentId, title }: { engagementId: string; documentId: string; title: string }) {
  const { t } = useTranslation();
  const { state, start, cancel } = useExport(engagementId, documentId);
  const running = state.status === 'running';
  const run = (formats: ExportFormat[]) => void start(formats, { save: true });
  return (
    <Stack gap="xs" role="group" aria-label={t('deliverables.exportActions', { title })}>
      <Group gap="xs">
        <Button leftSection={<IconFileTypePdf size={16} />} onClick={() => run(['pdf'])} disabled={running}>
          {t('deliverables.exportPdf')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileTypeDocx size={16} />}
          onClick={() => run(['docx'])}
          disabled={running}
        >
          {t('deliverables.exportDocx')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={() => run(['docx', 'pdf'])}
          disabled={running}
        >
          {t('deliverables.exportBoth')}
        </Button>
      </Group>
      <ExportStatus state={state} onCancel={() => void cancel()} />
    </Stack>
  );
}

function ExportStatus({ state, onCancel }: { state: ReturnType<typeof useExport>['state']; onCancel: () => void }) {
  const { t } = useTranslation();
  if (state.status === 'running') {
    const fraction = state.progress?.fraction ?? 0;
    const stage = state.progress?.stage ?? 'building';
    return (
      <Group gap="sm" wrap="nowrap" data-testid="export-progress">
        <Stack gap={2} style={{ flex: 1 }}>
          <Text size="sm" aria-live="polite">
            {t(`deliverables.stage.${stage}`)}
            {state.progress ? ` (${state.progress.format.toUpperCase()})` : ''}
          </Text>
          <Progress value={Math.round(fraction * 100)} aria-label={t('deliverables.exportProgress')} animated />
        </Stack>
        <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} onClick={onCancel}>
          {t('deliverables.cancelExport')}
        </Button>
      </Group>
    );
  }
  if (state.status === 'cancelled') return <Alert color="gray">{t('deliverables.exportCancelled')}</Alert>;
  if (state.status === 'failed')
    return (
      <Alert color="red" role="alert">
        {t('deliverables.exportFailed', { message: errorText(t, state.error) })}
      </Alert>
    );
  if (state.status === 'done') return <ExportDone result={state.result} />;
  return null;
}

function ExportDone({ result }: { result: ExportResult }) {
  const { t } = useTranslation();
  return (
    <Alert color={result.warnings.length > 0 ? 'yellow' : 'teal'} data-testid="export-done" role="status">
      <Text size="sm">
        {t('deliverables.exportedFiles', {
          count: result.files.length,
          names: result.files.map((f) => f.fileName).join(', '),
        })}
      </Text>
      {result.warnings.map((w) => (
        <Text size="sm" key={w.fileName}>
          {t('deliverables.imageWarning', { fileName: w.fileName })}
        </Text>
      ))}
    </Alert>
  );
}

function Preflight({
  document,
  engagementId,
  undecidedSecrets,
}: {
  document: DeliverableDocument;
  engagementId: string;
  undecidedSecrets: number;
}) {
  const { t } = useTranslation();
  const items = preflightItems(document);
  return (
    <Stack gap="sm" data-testid="preflight-list">
      <Text size="sm" c="dimmed">
        {items.length === 0 ? t('deliverables.preflightNone') : t('deliverables.preflightIntro')}
      </Text>
      {undecidedSecrets > 0 && (
        <Alert color="yellow" variant="light">
          {t('deliverables.undecidedSecrets', { count: undecidedSecrets })}
        </Alert>
      )}
      {items.length > 0 && (
        <Stack
          gap={6}
          component="ul"
          aria-label={t('deliverables.preflightList')}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((item, i) => (
            <Group
              component="li"
              // biome-ignore lint/suspicious/noArrayIndexKey: a section may hold several statements; the list is rebuilt whole.
              key={`${item.sectionId}-${i}`}
              justify="space-between"
              wrap="nowrap"
              align="flex-start"
              gap="sm"
              data-section={item.sectionId}
              p="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600} lang={document.language}>
                    {item.heading}
                  </Text>
                  {item.blocksSigning && (
                    <Badge size="xs" variant="outline" color="red.9">
                      {t('deliverables.blocksSigning')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed" lang={document.language}>
                  {item.text}
                </Text>
              </div>
              {item.screen ? (
                <Anchor
                  size="sm"
                  href={routeHref({ name: 'engagement', id: engagementId, section: item.screen })}
                  style={{ flexShrink: 0 }}
                >
                  {t('deliverables.goTo', { screen: t(`workspace.${item.screen}`) })}
                </Anchor>
              ) : (
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {t('deliverables.noScreenYet')}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function PdfTab({ engagementId, documentId, title }: { engagementId: string; documentId: string; title: string }) {
  const { t } = useTranslation();
  const { state, start, cancel } = useExport(engagementId, documentId);
  const [pdf, setPdf] = useState<ExportedFile | null>(null);
  const render = async () => {
    const result = await start(['pdf'], { save: false });
    const file = result?.files[0];
    if (file) setPdf(file);
  };
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void render()}
          disabled={state.status === 'running'}
        >
          {pdf ? t('deliverables.rerenderPreview') : t('deliverables.renderPreview')}
        </Button>
        {pdf && (
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => saveFile(pdf)}>
            {t('deliverables.savePdf')}
          </Button>
        )}
      </Group>
      {state.status !== 'done' && <ExportStatus state={state} onCancel={() => void cancel()} />}
      {pdf && (
        <Suspense fallback={<Skeleton h={400} />}>
          <PdfPreview bytes={pdf.data} title={title} />
        </Suspense>
      )}
    </Stack>
  );
}

export function OutlineSections({ sections, depth }: { sections: readonly Section[]; depth: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} component="ol" style={{ listStyle: 'none', paddingLeft: depth === 0 ? 0 : 20, margin: 0 }}>
      {sections.map((section) => (
        <li key={section.id} data-section={section.id}>
          <Text fw={depth === 0 ? 600 : 500} size={depth === 0 ? 'md' : 'sm'}>
            {section.number} {section.title}
          </Text>
          {section.blocks.flatMap((block, i) =>
            block.kind === 'notAssessed'
              ? [
                  // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no id; a section's blocks never reorder in place.
                  <Group key={`${section.id}-${i}`} gap="xs" wrap="nowrap" align="flex-start" pl={20}>
                    <Text size="sm" c="dimmed" fs="italic" data-testid="not-assessed">
                      {block.text}
                    </Text>
                    {block.blocksSigning && (
                      <Badge size="xs" variant="outline" color="red.9" style={{ flexShrink: 0 }}>
                        {t('deliverables.blocksSigning')}
                      </Badge>
                    )}
                  </Group>,
                ]
              : [],
          )}
          {section.subsections.length > 0 && <OutlineSections sections={section.subsections} depth={depth + 1} />}
        </li>
      ))}
    </Stack>
  );
}
