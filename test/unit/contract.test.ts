import { appErrorSchema, contract, ERROR_CODES, events } from '@shared/contract';
import { validationMessagesEn } from '@shared/domain/messages';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const methods = Object.keys(contract) as (keyof typeof contract)[];
const eventNames = Object.keys(events) as (keyof typeof events)[];

describe('contract', () => {
  it('has methods', () => {
    expect(methods.length).toBeGreaterThan(0);
  });

  it.each(methods)('%s has a zod input schema and a zod output schema', (method) => {
    const entry: Record<string, unknown> = contract[method];
    expect(Object.keys(entry).sort()).toEqual(['input', 'output']);
    expect(entry.input).toBeInstanceOf(z.ZodType);
    expect(entry.output).toBeInstanceOf(z.ZodType);
  });

  it.each(methods)('%s is named area.verb', (method) => {
    expect(method).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it.each(methods)('%s takes an object as input', (method) => {
    expect(contract[method].input).toBeInstanceOf(z.ZodObject);
  });

  it.each(eventNames)('event %s has a zod payload schema', (event) => {
    expect(events[event]).toBeInstanceOf(z.ZodType);
  });

  it('lists the same error codes as the error schema accepts', () => {
    for (const code of ERROR_CODES) {
      expect(appErrorSchema.safeParse({ code, message: 'x' }).success).toBe(true);
    }
    expect(appErrorSchema.safeParse({ code: 'TEAPOT', message: 'x' }).success).toBe(false);
  });

  it('has English text for every validation key the shared schemas use', () => {
    const keys = new Set<string>();
    const collect = (schema: z.ZodType, input: unknown) => {
      const result = schema.safeParse(input);
      if (!result.success) for (const issue of result.error.issues) keys.add(issue.message);
    };
    for (const method of methods) {
      collect(contract[method].input, { id: 1, patch: { customerOrg: 1, timeZone: '' }, search: 'x'.repeat(201) });
    }
    collect(contract['engagement.create'].input, {});
    collect(contract['settings.update'].input, {
      uiLanguage: 'fr',
      colorScheme: 'sepia',
      consultantName: 'x'.repeat(121),
    });
    const validationKeys = [...keys].filter((key) => key.startsWith('validation.'));
    expect(validationKeys.length).toBeGreaterThan(5);
    for (const key of validationKeys) expect(validationMessagesEn).toHaveProperty([key]);
  });
});
