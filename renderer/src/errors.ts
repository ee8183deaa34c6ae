import type { TFunction } from 'i18next';
import { isApiError } from './api';

/** The text to show for a failed call: translated when the core named a message key. */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const key = error.appError.messageKey;
    if (key) return t(key);
    return error.appError.code === 'INTERNAL' ? t('app.unexpected') : error.appError.message;
  }
  return t('app.unexpected');
}
