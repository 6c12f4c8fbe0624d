// i18next for the page. Russian is first and the fallback; the language itself lives in the user's
// settings (settings.get / settings.update), so the first render waits for them (see app/App.tsx).
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../contract/config.ts';
import ru from './locales/ru.json';
import en from './locales/en.json';

export const resources = { ru: { translation: ru }, en: { translation: en } } as const;
export const DEFAULT_LANGUAGE: Language = 'ru';

export async function createI18n(language: Language): Promise<I18n> {
  const i18n = i18next.createInstance();
  i18n.use(initReactI18next);
  // <html lang> follows the language: screen readers, hyphenation, and tests read it.
  i18n.on('languageChanged', (lng) => {
    if (typeof document === 'undefined') return;
    document.documentElement.lang = lng;
    document.title = i18n.t('app.name');
  });
  await i18n.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['ru', 'en'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18n;
}
