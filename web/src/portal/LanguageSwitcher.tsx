import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageNames, useLanguage } from '../i18n/language.ts';

/**
 * The three languages as buttons, each named in itself: one tap, no pop-up, and a reader who cannot
 * read the current language still finds theirs.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const names = languageNames(t);
  return (
    <div className={['language-switcher', className].filter(Boolean).join(' ')} role="group" aria-label={t('common:language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          dir={option === 'ug' ? 'rtl' : 'ltr'}
          aria-pressed={option === language}
          className="language-switcher-option"
          onClick={() => void setLanguage(option)}
        >
          {names[option]}
        </button>
      ))}
    </div>
  );
}
