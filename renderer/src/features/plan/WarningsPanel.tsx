import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { instant } from '../../format';
import { type PlanView, usePlanMutation } from './queries';

type Warning = PlanView['warnings'][number];

/** Rule warnings where they apply, each citing its source, each overridable with a recorded reason. */
export function WarningsPanel({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [overriding, setOverriding] = useState<Warning | null>(null);
  const withdraw = usePlanMutation('plan.withdrawOverride', plan.engagementId);
  if (plan.warnings.length === 0) {
    return (
      <Alert color="teal" icon={<IconShieldCheck size={18} />} title={t('plan.noWarnings')}>
        {t('plan.noWarningsBody')}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="plan-warnings">
      {plan.warnings.map((warning) => {
        const overridden = warning.override !== null;
        return (
          <Alert
            key={warning.ruleId}
            color={overridden ? 'gray' : warning.severity === 'warning' ? 'orange' : 'blue'}
            icon={warning.severity === 'warning' ? <IconAlertTriangle size={18} /> : <IconInfoCircle size={18} />}
            title={warning.text[language]}
            data-rule={warning.ruleId}
          >
            <Stack gap={4}>
              {warning.figure && (
                <Text size="sm">
                  {t('plan.figure', {
                    actual: warning.figure.actual,
                    required: warning.figure.required,
                    unit: t(`plan.units.${warning.figure.unit}`, { defaultValue: warning.figure.unit }),
                    comparison: t(`plan.comparison.${warning.figure.comparison}`),
                  })}
                </Text>
              )}
              {warning.source && (
                <Text size="xs" c="dimmed">
                  {t('plan.source', { document: warning.source.document, section: warning.source.section })}
                </Text>
              )}
              {warning.override ? (
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" data-testid="override-note">
                    {t('plan.overriddenBy', {
                      author: warning.override.author,
                      when: instant(warning.override.createdAt, i18n.language),
                      reason: warning.override.reason,
                    })}
                  </Text>
                  {!readOnly && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => warning.override && withdraw.mutate({ overrideId: warning.override.id })}
                    >
                      {t('plan.withdrawOverride')}
                    </Button>
                  )}
                </Group>
              ) : (
                !readOnly &&
                warning.severity === 'warning' && (
                  <Group>
                    <Button size="compact-sm" variant="light" color="orange" onClick={() => setOverriding(warning)}>
                      {t('plan.override')}
                    </Button>
                  </Group>
                )
              )}
            </Stack>
          </Alert>
        );
      })}
      <OverrideDialog plan={plan} warning={overriding} onClose={() => setOverriding(null)} />
    </Stack>
  );
}

function OverrideDialog({ plan, warning, onClose }: { plan: PlanView; warning: Warning | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const override = usePlanMutation('plan.overrideRule', plan.engagementId);
  const submit = async () => {
    if (!warning) return;
    if (reason.trim().length < 5) {
      setError(t('validation.overrideReason'));
      return;
    }
    try {
      await override.mutateAsync({ ruleId: warning.ruleId, reason });
      setReason('');
      setError(null);
      onClose();
    } catch (failure) {
      setError(errorText(t, failure));
    }
  };
  return (
    <Modal
      opened={warning !== null}
      onClose={onClose}
      title={t('plan.overrideTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <Stack>
        <Text size="sm">{warning?.text[language]}</Text>
        <Textarea
          label={t('plan.overrideReason')}
          description={t('plan.overrideReasonHint')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={error}
          autosize
          minRows={3}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button color="orange" onClick={() => void submit()} loading={override.isPending}>
            {t('plan.recordOverride')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
