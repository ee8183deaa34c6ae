import type { UI_LANGUAGES } from '@shared/domain/settings';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function initI18n(language: UiLanguage) {
  return i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    // React escapes output already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function applyLanguage(language: UiLanguage) {
  document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

export { i18n };
