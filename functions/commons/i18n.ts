/** Server-side translation: error messages, SMS texts and the policy engine's reasons in the caller's language. */
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '#shared/i18n/languages';
import zhErrors from '#locales/zh-CN/errors.json' with { type: 'json' };
import enErrors from '#locales/en/errors.json' with { type: 'json' };
import ugErrors from '#locales/ug/errors.json' with { type: 'json' };
import zhSms from '#locales/zh-CN/sms.json' with { type: 'json' };
import enSms from '#locales/en/sms.json' with { type: 'json' };
import ugSms from '#locales/ug/sms.json' with { type: 'json' };
import zhMessages from '#locales/zh-CN/messages.json' with { type: 'json' };
import enMessages from '#locales/en/messages.json' with { type: 'json' };
import ugMessages from '#locales/ug/messages.json' with { type: 'json' };
import zhPolicy from '#locales/zh-CN/policy.json' with { type: 'json' };
import enPolicy from '#locales/en/policy.json' with { type: 'json' };
import ugPolicy from '#locales/ug/policy.json' with { type: 'json' };
import zhSheet from '#locales/zh-CN/sheet.json' with { type: 'json' };
import enSheet from '#locales/en/sheet.json' with { type: 'json' };
import ugSheet from '#locales/ug/sheet.json' with { type: 'json' };

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: ['errors', 'sms', 'messages', 'policy', 'sheet'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  resources: {
    'zh-CN': { errors: zhErrors, sms: zhSms, messages: zhMessages, policy: zhPolicy, sheet: zhSheet },
    en: { errors: enErrors, sms: enSms, messages: enMessages, policy: enPolicy, sheet: enSheet },
    ug: { errors: ugErrors, sms: ugSms, messages: ugMessages, policy: ugPolicy, sheet: ugSheet },
  },
});

export const translator = (language: Language): TFunction => instance.getFixedT(language);
