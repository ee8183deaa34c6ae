import { Button, List, Modal, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { errorText } from '../errors';

type Refusal = { file: string; message: string; problems: string[] };

type Mutation<I, R> = { isPending: boolean; mutateAsync: (input: I) => Promise<R> };

/** i18n keys: the button, the hidden input's name, and the refusal dialog's title (given {{file}}). */
type Labels = { button: string; chooseFile: string; failedTitle: string };

type Props<R> = {
  labels: Labels;
  /** Prefix of the test ids: `<testId>-input`, `<testId>-message`, `<testId>-errors`. */
  testId: string;
  onImported: (result: R) => void;
} & (
  | {
      /** The file's name and text go to the mutation, which parses and validates them. */
      read: 'text';
      mutation: Mutation<{ fileName: string; text: string }, R>;
    }
  | {
      /** The file is parsed here; i18n key of the message when it is not JSON (given {{file}} and {{message}}). */
      read: 'json';
      notJson: string;
      mutation: Mutation<unknown, R>;
    }
);

/**
 * "Import from file": a button and a hidden file input. The chosen file is read here and handed to
 * the mutation; the core validates it and stores nothing if it is bad. A refusal opens a dialog
 * listing each problem's path, or the error's message when there are none.
 */
export function JsonFileImport<R>(props: Props<R>) {
  const { labels, testId, onImported, mutation } = props;
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const submit = async (file: File, text: string): Promise<R | undefined> => {
    if (props.read === 'text') return props.mutation.mutateAsync({ fileName: file.name, text });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setRefusal({ file: file.name, message: t(props.notJson, { file: file.name, message }), problems: [] });
      return undefined;
    }
    return props.mutation.mutateAsync(data);
  };

  const read = async (file: File) => {
    try {
      const result = await submit(file, await file.text());
      if (result !== undefined) onImported(result);
    } catch (error) {
      const details = isApiError(error) ? (error.appError.details ?? []) : [];
      setRefusal({ file: file.name, message: details.length ? '' : errorText(t, error), problems: details });
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t(labels.chooseFile)}
        data-testid={`${testId}-input`}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so choosing the same file again after fixing it fires a change.
          event.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      <Button
        variant="default"
        leftSection={<IconFileImport size={18} />}
        loading={mutation.isPending}
        onClick={() => input.current?.click()}
      >
        {t(labels.button)}
      </Button>
      <Modal
        opened={refusal !== null}
        onClose={() => setRefusal(null)}
        title={refusal ? t(labels.failedTitle, { file: refusal.file }) : ''}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack gap="sm">
          {refusal?.message && <Text data-testid={`${testId}-message`}>{refusal.message}</Text>}
          {refusal && refusal.problems.length > 0 && (
            <List size="sm" spacing={4} data-testid={`${testId}-errors`}>
              {refusal.problems.map((problem) => (
                <List.Item key={problem}>
                  <Text component="code" ff="monospace" size="sm">
                    {problem}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Modal>
    </>
  );
}
