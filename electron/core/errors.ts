import type { AppError, ErrorCode } from '@shared/contract';

/** An expected failure with a message fit for the consultant's eyes; anything else is INTERNAL. */
export type Failure = Error & { appError: AppError };

export function failure(code: ErrorCode, message: string, details: Omit<AppError, 'code' | 'message'> = {}): Failure {
  return Object.assign(new Error(message), { appError: { code, message, ...details } });
}

export function isFailure(error: unknown): error is Failure {
  return error instanceof Error && 'appError' in error;
}
