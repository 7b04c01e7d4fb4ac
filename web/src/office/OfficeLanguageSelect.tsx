import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageNames, useLanguage, type Language } from '../i18n/language.ts';

export function OfficeLanguageSelect() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const names = languageNames(t);
  return (
    <Select<Language>
      className="office-language"
      aria-label={t('common:language.label')}
      value={language}
      onChange={(value) => void setLanguage(value)}
      popupMatchSelectWidth={false}
      options={LANGUAGES.map((option) => ({
        value: option,
        label: <span lang={option}>{names[option]}</span>,
      }))}
    />
  );
}
