import { z } from 'zod';

export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export const COLOR_SCHEMES = ['auto', 'light', 'dark'] as const;

/** Preferences of this installation, stored in the database so backups and bundles carry them. */
export const settingsSchema = z.object({
  uiLanguage: z.enum(UI_LANGUAGES, { message: 'validation.language' }),
  colorScheme: z.enum(COLOR_SCHEMES, { message: 'validation.colorScheme' }),
  /** Who the consultant is: written into `updated_by` of every change. */
  consultantName: z.string().trim().max(120, { message: 'validation.tooLong' }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { uiLanguage: 'en', colorScheme: 'auto', consultantName: '' };
