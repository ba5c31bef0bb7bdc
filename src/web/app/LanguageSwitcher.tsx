import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../domain/i18n/languages.ts';
import { useMe, useSaveLanguage } from '../auth/queries.ts';
import { changeLanguage } from './i18n.ts';

/**
 * Switches the interface language. Before sign-in the choice is remembered on this device;
 * after sign-in it is also saved on the user's account.
 */
export function LanguageSwitcher({ testId = 'language' }: { testId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { data: me } = useMe();
  const save = useSaveLanguage();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        data-testid={testId}
        value={i18n.language}
        onChange={(event) => {
          const language = event.target.value;
          if (!isLanguage(language)) return;
          if (me) save.mutate(language);
          else void changeLanguage(language);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
