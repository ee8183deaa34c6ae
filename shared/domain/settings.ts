import { z } from 'zod';
import { DEFAULT_BACKUPS_KEPT, MAX_BACKUPS_KEPT } from './backup';
import {
  DEFAULT_DOCUMENT_NUMBER_PATTERN,
  DEFAULT_FILE_NAME_PATTERN,
  DEFAULT_PRIMARY_COLOR,
  documentNumberPatternProblem,
  fileNamePatternProblem,
  type PatternProblem,
  PRIMARY_COLOR,
} from './branding';
import { INVISIBLE } from './engagement';

export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export const COLOR_SCHEMES = ['auto', 'light', 'dark'] as const;

const pattern = (problem: (pattern: string) => PatternProblem | null) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const found = problem(value);
      if (found) ctx.addIssue({ code: 'custom', message: found.messageKey });
    });

/** Preferences of this installation, stored in the database so backups and bundles carry them. */
export const settingsSchema = z.object({
  uiLanguage: z.enum(UI_LANGUAGES, { message: 'validation.language' }),
  colorScheme: z.enum(COLOR_SCHEMES, { message: 'validation.colorScheme' }),
  /** Who the consultant is: written into `updated_by` of every change. */
  consultantName: z.string().trim().max(120, { message: 'validation.tooLong' }),
  /** The firm that issues the deliverables: on their covers and signature blocks. Empty: none printed. */
  firmName: z
    .string()
    .trim()
    .max(200, { message: 'validation.tooLong' })
    .refine((value) => !INVISIBLE.test(value), { message: 'validation.invisibleCharacters' }),
  /** Headings and table heads of the deliverables. */
  primaryColor: z.string().trim().regex(PRIMARY_COLOR, { message: 'validation.primaryColor' }).toUpperCase(),
  documentNumberPattern: pattern(documentNumberPatternProblem),
  fileNamePattern: pattern(fileNamePatternProblem),
  /**
   * SHA-256 of the firm's logo, a PNG under <dataDir>/branding/. Set only by `settings.setLogo`,
   * which validates the image, and cleared by `settings.clearLogo`.
   */
  firmLogo: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'validation.id' })
    .nullable(),
  /** How many rolling backups (daily, on quit) are kept in the backups folder. */
  backupsKept: z
    .number({ message: 'validation.backupsKept' })
    .int({ message: 'validation.backupsKept' })
    .min(1, { message: 'validation.backupsKept' })
    .max(MAX_BACKUPS_KEPT, { message: 'validation.backupsKept' }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What `settings.update` may change: everything but the logo, which arrives as a file. */
export const settingsPatchSchema = settingsSchema.omit({ firmLogo: true }).partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  uiLanguage: 'en',
  colorScheme: 'auto',
  consultantName: '',
  firmName: '',
  primaryColor: DEFAULT_PRIMARY_COLOR,
  documentNumberPattern: DEFAULT_DOCUMENT_NUMBER_PATTERN,
  fileNamePattern: DEFAULT_FILE_NAME_PATTERN,
  firmLogo: null,
  backupsKept: DEFAULT_BACKUPS_KEPT,
};
