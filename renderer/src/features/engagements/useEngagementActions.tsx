import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import { useTranslation } from 'react-i18next';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { useEngagementMutation } from './queries';

/** Archive, unarchive, trash and restore, each announced with an Undo that reverses it. */
export function useEngagementActions() {
  const { t } = useTranslation();
  const archive = useEngagementMutation('engagement.archive');
  const unarchive = useEngagementMutation('engagement.unarchive');
  const trash = useEngagementMutation('engagement.trash');
  const restore = useEngagementMutation('engagement.restore');

  const announce = (message: string, undo: () => Promise<unknown>) =>
    showUndoNotice(t, message, () => {
      undo().catch((error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) }));
    });

  const run = async (action: () => Promise<unknown>, message: string, undo: () => Promise<unknown>) => {
    try {
      await action();
      announce(message, undo);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    }
  };

  const name = (e: Engagement) => e.eventName;
  return {
    archive: (e: Engagement) =>
      run(
        () => archive.mutateAsync({ id: e.id }),
        t('actions.archived', { name: name(e) }),
        () => unarchive.mutateAsync({ id: e.id }),
      ),
    unarchive: (e: Engagement) =>
      run(
        () => unarchive.mutateAsync({ id: e.id }),
        t('actions.unarchived', { name: name(e) }),
        () => archive.mutateAsync({ id: e.id }),
      ),
    trash: (e: Engagement) =>
      run(
        () => trash.mutateAsync({ id: e.id }),
        t('actions.trashed', { name: name(e) }),
        () => restore.mutateAsync({ id: e.id }),
      ),
    restore: (e: Engagement) =>
      run(
        () => restore.mutateAsync({ id: e.id }),
        t('actions.restored', { name: name(e) }),
        () => trash.mutateAsync({ id: e.id }),
      ),
  };
}
