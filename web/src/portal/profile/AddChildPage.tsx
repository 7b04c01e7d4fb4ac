import { useState, type FormEvent } from 'react';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { addChild, CalendarDate, CitizenId, PersonName, type ChildInput } from '#shared/api/residence';
import { shanghaiDate } from '#shared/policy/civil-time';
import { readCitizenId } from '#shared/residence/citizen-id';
import { SCHOOL_STATUSES } from '#shared/residence/vocabulary';
import { formErrors, passesChecks, type FormErrors } from '../../api/form-errors.ts';
import { useServices } from '../../app/services.ts';
import { checkField } from '../../i18n/issues.ts';
import { useLanguage } from '../../i18n/language.ts';
import { TextField } from '../TextField.tsx';
import { DateField, PickerField, RadioCards, ReadOnlyField } from '../residence/fields.tsx';
import { FormAlert } from '../residence/states.tsx';
import { codeLabel, formatDay } from '../residence/words.ts';
import { codeOptions } from './ProfilePage.tsx';

type Field = 'name' | 'citizenId' | 'birthDate' | 'sex' | 'schoolStatus';
const FIELDS: readonly Field[] = ['name', 'citizenId', 'birthDate', 'sex', 'schoolStatus'];

/** Adds one accompanying child: by ID number when the child has one, else by birth date and sex. */
export default function AddChildPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [hasId, setHasId] = useState<'yes' | 'no'>('yes');
  const [citizenId, setCitizenId] = useState('');
  const [birthDate, setBirthDate] = useState<string | undefined>();
  const [sex, setSex] = useState<string | undefined>();
  const [schoolStatus, setSchoolStatus] = useState<string | undefined>();
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [saving, setSaving] = useState(false);

  const today = shanghaiDate(new Date());
  const read = hasId === 'yes' ? readCitizenId(citizenId, today) : undefined;
  const facts = read?.ok ? read.facts : undefined;

  function check(): FormErrors<Field> {
    const found: FormErrors<Field> = {};
    found.name = checkField(t, PersonName, 'name', name);
    if (hasId === 'yes') found.citizenId = checkField(t, CitizenId, 'citizenId', citizenId);
    else {
      found.birthDate = birthDate ? checkField(t, CalendarDate, 'birthDate', birthDate) : t('residence:children.birthDateRequired');
      found.sex = sex ? undefined : t('residence:children.sexRequired');
    }
    found.schoolStatus = schoolStatus ? undefined : t('residence:children.schoolStatusRequired');
    return found;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (!passesChecks(found, (field) => `child-${field}`)) return;
    setSaving(true);
    const body: ChildInput =
      hasId === 'yes'
        ? { name, citizenId, schoolStatus: schoolStatus as ChildInput['schoolStatus'] }
        : { name, birthDate, sex: sex as ChildInput['sex'], schoolStatus: schoolStatus as ChildInput['schoolStatus'] };
    try {
      await call(addChild, { body });
      Toast.show({ icon: 'success', content: t('residence:children.added') });
      navigate('/me/children', { replace: true });
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="rs-page" noValidate onSubmit={save} aria-labelledby="portal-page-title">
      <p className="rs-lead">{t('residence:children.addLead')}</p>
      <section className="rs-card">
        <TextField id="child-name" label={t('residence:children.name')} value={name} onChange={setName} error={errors.name} maxLength={40} />
        <RadioCards
          name="child-hasId"
          legend={t('residence:children.hasIdQuestion')}
          options={[
            { value: 'yes', label: t('residence:children.hasId') },
            { value: 'no', label: t('residence:children.noId') },
          ]}
          value={hasId}
          onChange={(value) => setHasId(value as 'yes' | 'no')}
        />
        {hasId === 'yes' ? (
          <>
            <TextField
              id="child-citizenId"
              label={t('residence:children.citizenId')}
              value={citizenId}
              onChange={(value) => setCitizenId(value.replace(/\s/g, '').toUpperCase())}
              error={errors.citizenId}
              maxLength={18}
              autoComplete="off"
            />
            {facts && (
              <div className="rs-derived" role="status">
                <ReadOnlyField label={t('residence:children.birthDate')}>{formatDay(facts.birthDate, language, t)}</ReadOnlyField>
                <ReadOnlyField label={t('residence:children.sex')}>{codeLabel(t, 'sexes', facts.sex)}</ReadOnlyField>
              </div>
            )}
          </>
        ) : (
          <>
            <DateField
              id="child-birthDate"
              label={t('residence:children.birthDate')}
              value={birthDate}
              onChange={setBirthDate}
              min={`${Number(today.slice(0, 4)) - 17}-01-01`}
              max={today}
              error={errors.birthDate}
              format={(iso) => formatDay(iso, language, t)}
            />
            <RadioCards
              name="child-sex"
              legend={t('residence:children.sex')}
              options={[
                { value: 'male', label: codeLabel(t, 'sexes', 'male') },
                { value: 'female', label: codeLabel(t, 'sexes', 'female') },
              ]}
              value={sex}
              onChange={setSex}
              error={errors.sex}
            />
          </>
        )}
        <PickerField
          id="child-schoolStatus"
          label={t('residence:children.schoolStatus')}
          options={codeOptions(t, 'schoolStatuses', SCHOOL_STATUSES)}
          value={schoolStatus}
          onChange={setSchoolStatus}
          error={errors.schoolStatus}
        />
      </section>
      <FormAlert message={errors.form} />
      <div className="rs-actions">
        <Button type="submit" color="primary" size="large" block loading={saving} loadingText={t('residence:form.saving')}>
          {t('residence:children.save')}
        </Button>
      </div>
    </form>
  );
}
