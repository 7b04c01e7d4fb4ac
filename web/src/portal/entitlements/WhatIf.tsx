import { useId, useState } from 'react';
import { Button, DatePicker } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { addYears, type IsoDate } from '#shared/policy/civil-time';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { formatDay, isoFromPicker, pickerDate } from '../residence/words.ts';
import type { Birthday } from './lookahead.ts';

/** The questions asked of the engine: another day, a valid permit. */
export interface WhatIf {
  asOf?: IsoDate | undefined;
  permitValid: boolean;
}

export const isAsked = (whatIf: WhatIf) => Boolean(whatIf.asOf) || whatIf.permitValid;

/** How far ahead the date picker goes: as far as the API answers. */
const LOOK_AHEAD_YEARS = 20;

interface ControlsProps {
  value: WhatIf;
  onChange: (next: WhatIf) => void;
  today: IsoDate;
  birthdays: readonly Birthday[];
}

/** "If my permit were valid" and the days to look ahead to: the children's birthdays and any date. */
export function WhatIfControls({ value, onChange, today, birthdays }: ControlsProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [picking, setPicking] = useState(false);
  const titleId = useId();
  const aheadId = useId();
  const hintId = useId();
  const lookAt = (asOf: IsoDate) => onChange({ ...value, asOf: asOf === value.asOf ? undefined : asOf });

  return (
    <section className="rs-card ent-whatif" aria-labelledby={titleId}>
      <h2 id={titleId} className="rs-card-title">
        {t('entitlements:whatIf.title')}
      </h2>
      <label className="ent-switch">
        <input
          type="checkbox"
          role="switch"
          checked={value.permitValid}
          aria-describedby={hintId}
          onChange={(event) => onChange({ ...value, permitValid: event.target.checked })}
        />
        <span>{t('entitlements:whatIf.permitValid')}</span>
      </label>
      <p id={hintId} className="rs-field-note">
        {t('entitlements:whatIf.permitValidHint')}
      </p>

      <h3 id={aheadId} className="ent-whatif-subtitle">
        {t('entitlements:whatIf.lookAhead')}
      </h3>
      <div className="ent-chips" role="group" aria-labelledby={aheadId}>
        {birthdays.map((birthday) => (
          <Button
            key={`${birthday.childId}-${birthday.age}`}
            size="small"
            color="primary"
            fill={value.asOf === birthday.on ? 'solid' : 'outline'}
            aria-pressed={value.asOf === birthday.on}
            className="ent-chip"
            onClick={() => lookAt(birthday.on)}
          >
            <span className="ent-chip-text">{t('entitlements:whatIf.turns', { name: isolate(birthday.name), age: birthday.age })}</span>
            <span className="ent-chip-date">{formatDay(birthday.on, language, t)}</span>
          </Button>
        ))}
        <Button size="small" color="primary" fill="outline" className="ent-chip" onClick={() => setPicking(true)}>
          {t('entitlements:whatIf.pickDate')}
        </Button>
      </div>
      <DatePicker
        visible={picking}
        title={t('entitlements:whatIf.pickTitle')}
        precision="day"
        min={pickerDate(today)}
        max={pickerDate(addYears(today, LOOK_AHEAD_YEARS))}
        value={pickerDate(value.asOf ?? today)}
        onClose={() => setPicking(false)}
        onConfirm={(date) => onChange({ ...value, asOf: isoFromPicker(date) === today ? undefined : isoFromPicker(date) })}
        confirmText={t('entitlements:whatIf.confirm')}
        cancelText={t('entitlements:whatIf.cancel')}
      />
    </section>
  );
}

/** Which assumptions the answer below rests on, and the way back to today's facts. */
export function WhatIfBanner({ value, onReset }: { value: WhatIf; onReset: () => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (!isAsked(value)) return null;
  return (
    <section className="rs-banner ent-banner" role="status" aria-label={t('entitlements:banner.label')}>
      <ul className="ent-banner-list">
        {value.asOf && <li>{t('entitlements:banner.asOf', { date: isolate(formatDay(value.asOf, language, t)) })}</li>}
        {value.permitValid && <li>{t('entitlements:banner.permitValid')}</li>}
      </ul>
      <Button size="small" color="primary" fill="outline" onClick={onReset}>
        {t('entitlements:banner.reset')}
      </Button>
    </section>
  );
}
