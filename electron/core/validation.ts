import { validationMessage } from '@shared/domain/messages';
import type { z } from 'zod';
import { type Failure, failure } from './errors';

/** Turns the first zod issue into the contract's error: the field's path and a readable message. */
export function invalidInput(error: z.ZodError, fieldPrefix = ''): Failure {
  const issue = error.issues[0];
  const path = [fieldPrefix, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.');
  const key = issue?.message.startsWith('validation.') ? issue.message : undefined;
  const text = key ? validationMessage(key) : (issue?.message ?? 'Invalid input.');
  const message = path ? `${path}: ${text}` : text;
  return failure('INVALID_INPUT', message, {
    ...(path ? { field: path } : {}),
    ...(key ? { messageKey: key } : {}),
  });
}
