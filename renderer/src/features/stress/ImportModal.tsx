import {
  Alert,
  Button,
  Group,
  Modal,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import type { MethodOutput } from '@shared/contract';
import { type ColumnMapping, LOAD_TEST_FORMATS, type LoadTestFormat } from '@shared/domain/load-test';
import { IconFileAnalytics } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError, onEvent } from '../../api';
import { errorText } from '../../errors';
import { findingKeys } from '../findings/queries';
import { type StressRun, stressKeys, uploadResultsFile } from './queries';

type Preview = MethodOutput<'stress.preview'>;
type Step =
  | { kind: 'choose'; error?: string }
  | { kind: 'uploading'; fileName: string; sent: number; bytes: number }
  | { kind: 'preview'; fileName: string; preview: Preview; error?: string }
  | { kind: 'importing'; fileName: string; preview: Preview; read: number; bytes: number; rows: number };

const EMPTY_MAPPING: ColumnMapping = {
  timestamp: '',
  timestampUnit: 'ms',
  label: null,
  elapsed: '',
  elapsedUnit: 'ms',
  success: null,
};

const stem = (fileName: string) => fileName.replace(/\.[^.]+$/, '') || fileName;

/**
 * Import results: choose or drop a file, watch it upload, check the detected format and first
 * rows (and map the columns of a generic CSV), then import with progress and a way to stop.
 */
export function ImportModal(props: {
  engagementId: string;
  opened: boolean;
  onClose: () => void;
  onImported: (run: StressRun) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [format, setFormat] = useState<LoadTestFormat>('jmeterCsv');
  const [mapping, setMapping] = useState<ColumnMapping>(EMPTY_MAPPING);
  const [name, setName] = useState('');
  const uploadId = useRef<string | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (props.opened) {
      setStep({ kind: 'choose' });
      uploadId.current = null;
      cancelled.current = false;
    }
  }, [props.opened]);

  useEffect(
    () =>
      onEvent('stress.importProgress', (p) => {
        if (p.uploadId !== uploadId.current) return;
        setStep((current) =>
          current.kind === 'importing' ? { ...current, read: p.bytesRead, bytes: p.totalBytes, rows: p.rows } : current,
        );
      }),
    [],
  );

  const fail = (error: unknown) => {
    uploadId.current = null;
    setStep({ kind: 'choose', error: errorText(t, error) });
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    cancelled.current = false;
    setStep({ kind: 'uploading', fileName: file.name, sent: 0, bytes: file.size });
    setName(stem(file.name));
    try {
      const id = await uploadResultsFile(
        props.engagementId,
        file,
        (begun) => {
          uploadId.current = begun;
        },
        (sent) => setStep({ kind: 'uploading', fileName: file.name, sent, bytes: file.size }),
        () => cancelled.current,
      );
      if (cancelled.current) return;
      const preview = await call('stress.preview', { uploadId: id });
      setFormat(preview.format ?? 'genericCsv');
      setMapping(preview.suggestedMapping ?? { ...EMPTY_MAPPING, timestamp: preview.headers[0] ?? '' });
      setStep({ kind: 'preview', fileName: file.name, preview });
    } catch (error) {
      if (!cancelled.current) fail(error);
    }
  };

  const start = async (fileName: string, preview: Preview) => {
    const id = uploadId.current;
    if (!id) return;
    setStep({ kind: 'importing', fileName, preview, read: 0, bytes: 0, rows: 0 });
    try {
      const run = await call('stress.import', {
        uploadId: id,
        format,
        ...(format === 'genericCsv' ? { mapping } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      uploadId.current = null;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: stressKeys.engagement(props.engagementId) }),
        queryClient.invalidateQueries({ queryKey: findingKeys.engagement(props.engagementId) }),
      ]);
      notifications.show({ color: 'teal', message: t('stress.imported', { name: run.name, rows: run.rows }) });
      props.onImported(run);
      props.onClose();
    } catch (error) {
      if (isApiError(error) && error.appError.code === 'CANCELLED') {
        uploadId.current = null;
        setStep({ kind: 'choose' });
        return;
      }
      if (isApiError(error) && error.appError.code === 'INVALID_INPUT') {
        // The core keeps the upload: another format or mapping can be tried without sending it again.
        setStep({ kind: 'preview', fileName, preview, error: errorText(t, error) });
        return;
      }
      fail(error);
    }
  };

  const cancel = () => {
    cancelled.current = true;
    const id = uploadId.current;
    if (id) void call('stress.cancelImport', { uploadId: id }).catch(() => {});
    if (step.kind !== 'importing') {
      uploadId.current = null;
      setStep({ kind: 'choose' });
    }
  };

  const close = () => {
    if (step.kind === 'uploading' || step.kind === 'preview') cancel();
    props.onClose();
  };

  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={t('stress.importTitle')}
      size="xl"
      closeOnClickOutside={step.kind === 'choose'}
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      {step.kind === 'choose' && (
        <Stack gap="sm">
          {step.error && (
            <Alert color="red" title={t('stress.importFailed')} data-testid="import-error">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {step.error}
              </Text>
            </Alert>
          )}
          <Dropzone
            onDrop={(files) => void choose(files[0])}
            onReject={(rejections) => void choose(rejections[0]?.file)}
            multiple={false}
            aria-label={t('stress.chooseFile')}
          >
            <Stack align="center" gap={4} mih={120} justify="center" style={{ pointerEvents: 'none' }}>
              <IconFileAnalytics size={32} aria-hidden />
              <Text fw={600}>{t('stress.dropFile')}</Text>
              <Text size="sm" c="dimmed" ta="center">
                {t('stress.dropFileHint')}
              </Text>
            </Stack>
          </Dropzone>
        </Stack>
      )}

      {step.kind === 'uploading' && (
        <Stack gap="sm">
          <Text size="sm">{t('stress.uploading', { file: step.fileName })}</Text>
          <Progress
            value={step.bytes > 0 ? (step.sent / step.bytes) * 100 : 0}
            aria-label={t('stress.uploadProgress')}
            animated
          />
          <Text size="xs" c="dimmed">
            {t('stress.bytesOf', { done: number(step.sent), total: number(step.bytes) })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              {t('stress.cancel')}
            </Button>
          </Group>
        </Stack>
      )}

      {step.kind === 'preview' && (
        <Stack gap="sm">
          {step.error && (
            <Alert color="red" title={t('stress.importFailed')} data-testid="import-error">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {step.error}
              </Text>
              <Text size="sm" mt={4}>
                {t('stress.importRetryHint')}
              </Text>
            </Alert>
          )}
          <Text size="sm">
            {step.preview.format
              ? t('stress.detected', { file: step.fileName, format: t(`stress.format.${step.preview.format}`) })
              : t('stress.notDetected', { file: step.fileName })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('stress.formatLabel')}
              data={LOAD_TEST_FORMATS.map((f) => ({ value: f, label: t(`stress.format.${f}`) }))}
              value={format}
              onChange={(value) => value && setFormat(value as LoadTestFormat)}
              allowDeselect={false}
            />
            <TextInput label={t('stress.runName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </SimpleGrid>
          {format === 'genericCsv' && (
            <MappingFields headers={step.preview.headers} mapping={mapping} onChange={setMapping} />
          )}
          {step.preview.headers.length > 0 && (
            <ScrollArea type="auto" offsetScrollbars>
              <Table
                striped
                withTableBorder
                fz="xs"
                aria-label={t('stress.firstRows')}
                style={{ whiteSpace: 'nowrap' }}
              >
                <Table.Thead>
                  <Table.Tr>
                    {step.preview.headers.map((h, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their position is their identity.
                      <Table.Th key={i}>{h}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {step.preview.rows.slice(0, 5).map((row, r) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows of a preview have no identity but their order.
                    <Table.Tr key={r}>
                      {row.map((cell, c) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells by position.
                        <Table.Td key={c}>{cell}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              {t('form.cancel')}
            </Button>
            <Button
              onClick={() => void start(step.fileName, step.preview)}
              disabled={format === 'genericCsv' && (mapping.timestamp === '' || mapping.elapsed === '')}
            >
              {t('stress.importButton')}
            </Button>
          </Group>
        </Stack>
      )}

      {step.kind === 'importing' && (
        <Stack gap="sm">
          <Text size="sm">{t('stress.analysing', { file: step.fileName })}</Text>
          <Progress
            value={step.bytes > 0 ? (step.read / step.bytes) * 100 : 0}
            aria-label={t('stress.importProgress')}
            animated
          />
          <Text size="xs" c="dimmed">
            {t('stress.rowsRead', { rows: number(step.rows) })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel}>
              {t('stress.cancelImport')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The mapping step of a generic CSV: which column is which, and in what unit. */
function MappingFields(props: { headers: string[]; mapping: ColumnMapping; onChange: (m: ColumnMapping) => void }) {
  const { t } = useTranslation();
  const { mapping, onChange } = props;
  const columns = [...new Set(props.headers)].map((h) => ({ value: h, label: h }));
  const none = { value: '', label: t('stress.mapping.none') };
  return (
    <Stack gap="xs" data-testid="column-mapping">
      <Text size="sm" fw={600}>
        {t('stress.mapping.title')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('stress.mapping.timestamp')}
          data={columns}
          value={mapping.timestamp || null}
          onChange={(v) => onChange({ ...mapping, timestamp: v ?? '' })}
          withAsterisk
        />
        <Select
          label={t('stress.mapping.timestampUnit')}
          data={(['ms', 's', 'iso'] as const).map((u) => ({ value: u, label: t(`stress.mapping.unit.${u}`) }))}
          value={mapping.timestampUnit}
          onChange={(v) => v && onChange({ ...mapping, timestampUnit: v as ColumnMapping['timestampUnit'] })}
          allowDeselect={false}
        />
        <Select
          label={t('stress.mapping.elapsed')}
          data={columns}
          value={mapping.elapsed || null}
          onChange={(v) => onChange({ ...mapping, elapsed: v ?? '' })}
          withAsterisk
        />
        <Select
          label={t('stress.mapping.elapsedUnit')}
          data={(['ms', 's', 'us'] as const).map((u) => ({ value: u, label: t(`stress.mapping.unit.${u}`) }))}
          value={mapping.elapsedUnit}
          onChange={(v) => v && onChange({ ...mapping, elapsedUnit: v as ColumnMapping['elapsedUnit'] })}
          allowDeselect={false}
        />
        <Select
          label={t('stress.mapping.label')}
          data={[none, ...columns]}
          value={mapping.label ?? ''}
          onChange={(v) => onChange({ ...mapping, label: v ? v : null })}
          allowDeselect={false}
        />
        <Select
          label={t('stress.mapping.success')}
          description={t('stress.mapping.successHint')}
          data={[none, ...columns]}
          value={mapping.success ?? ''}
          onChange={(v) => onChange({ ...mapping, success: v ? v : null })}
          allowDeselect={false}
        />
      </SimpleGrid>
    </Stack>
  );
}
