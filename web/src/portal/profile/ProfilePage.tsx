import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { listDivisions } from '#shared/api/divisions';
import { AddressDetail, CitizenId, getProfile, ProfileInput, putProfile, type Profile } from '#shared/api/residence';
import { maskPhone } from '#shared/identity/masking';
import { shanghaiDate } from '#shared/policy/civil-time';
import { readCitizenId } from '#shared/residence/citizen-id';
import { EDUCATION_LEVELS, EMPLOYMENT_STATUSES, ETHNICITIES } from '#shared/residence/vocabulary';
import { ApiError } from '../../api/errors.ts';
import { formErrors, passesChecks, type FormErrors } from '../../api/form-errors.ts';
import { useServices } from '../../app/services.ts';
import { useSession } from '../../auth/session.tsx';
import { isolateLtr } from '../../i18n/bidi.ts';
import { checkField } from '../../i18n/issues.ts';
import { useLanguage } from '../../i18n/language.ts';
import { TextField } from '../TextField.tsx';
import { DivisionPicker, placeText, type ChosenDivision } from '../residence/DivisionPicker.tsx';
import { ChooserField, PickerField, ReadOnlyField, type Option } from '../residence/fields.tsx';
import { FormAlert, LoadError, LoadingBlock } from '../residence/states.tsx';
import { useLoadState } from '../../app/load.ts';
import { codeLabel, formatDay, type CodeList } from '../residence/words.ts';

type Field = 'name' | 'citizenId' | 'ethnicity' | 'hukou.division' | 'hukou.detail' | 'education' | 'employment' | 'employer';
const FIELDS: readonly Field[] = ['name', 'citizenId', 'ethnicity', 'hukou.division', 'hukou.detail', 'education', 'employment', 'employer'];

/** Where a page may send the user back to after the profile is saved (only our own paths). */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : undefined);

export const codeOptions = (t: Parameters<typeof codeLabel>[0], list: CodeList, codes: readonly string[]): Option[] =>
  codes.map((code) => ({ value: code, label: codeLabel(t, list, code) }));

/** `profile_not_found` is not a failure here: it is a profile still to be filled in. */
async function loadProfile(load: () => Promise<Profile>): Promise<Profile | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'profile_not_found') return null;
    throw error;
  }
}

/** 实名信息: the real-name profile a residence declaration is made in. */
export default function ProfilePage() {
  const { call } = useServices();
  const { state, retry } = useLoadState((signal) => loadProfile(() => call(getProfile, { signal })), 'profile');
  if (state.status === 'loading') return <LoadingBlock lines={8} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return <ProfileForm profile={state.value} key={state.value?.version ?? 0} />;
}

function ProfileForm({ profile }: { profile: Profile | null }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const { me } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [name, setName] = useState(profile?.name ?? '');
  const [citizenId, setCitizenId] = useState('');
  const [ethnicity, setEthnicity] = useState<string | undefined>(profile?.ethnicity);
  const [hukou, setHukou] = useState<ChosenDivision | undefined>(
    profile ? { code: profile.hukou.division, path: profile.hukou.path } : undefined,
  );
  const [detail, setDetail] = useState(profile?.hukou.detail ?? '');
  const [education, setEducation] = useState<string | undefined>(profile?.education);
  const [employment, setEmployment] = useState<string | undefined>(profile?.employment);
  const [employer, setEmployer] = useState(profile?.employer ?? '');
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState(false);
  const hukouButton = useRef<HTMLButtonElement>(null);

  const today = shanghaiDate(new Date());
  const read = readCitizenId(citizenId, today);
  const facts = read.ok ? read.facts : undefined;
  const issuing = facts?.issuingDivision;

  // The first six digits name the county where the number was issued, usually the hukou county:
  // offered as the answer when that county still exists and the user has not chosen one.
  useEffect(() => {
    if (!issuing || hukou) return;
    const controller = new AbortController();
    call(listDivisions, { query: { parent: issuing.slice(0, 4) }, signal: controller.signal }).then(
      (answer) => {
        const county = answer.divisions.find((node) => node.code === issuing);
        if (county && !controller.signal.aborted) {
          setHukou((chosen) => chosen ?? { code: county.code, path: [...(answer.parent?.path ?? []), county.name] });
        }
      },
      () => undefined, // Only a suggestion: the picker is still there.
    );
    return () => controller.abort();
  }, [issuing, hukou, call]);

  const phone = me.status === 'ready' && me.me.phone ? maskPhone(me.me.phone) : undefined;

  function check(): FormErrors<Field> {
    const found: FormErrors<Field> = {};
    const shape = ProfileInput.shape;
    found.name = checkField(t, shape.name, 'name', name);
    found.citizenId = checkField(t, CitizenId, 'citizenId', citizenId);
    found.ethnicity = checkField(t, shape.ethnicity, 'ethnicity', ethnicity);
    found['hukou.division'] = hukou ? undefined : t('residence:profile.hukouRequired');
    found['hukou.detail'] = checkField(t, AddressDetail, 'hukou.detail', detail);
    found.education = checkField(t, shape.education, 'education', education);
    found.employment = checkField(t, shape.employment, 'employment', employment);
    found.employer = checkField(t, shape.employer, 'employer', employer.trim() || undefined);
    return found;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (!passesChecks(found, fieldId)) return;
    setSaving(true);
    try {
      await call(putProfile, {
        body: {
          name,
          citizenId,
          ethnicity: ethnicity as ProfileInput['ethnicity'],
          hukou: { division: hukou!.code, detail },
          education: education as ProfileInput['education'],
          employment: employment as ProfileInput['employment'],
          employer: employer.trim() || undefined,
          version: profile?.version,
        },
      });
      Toast.show({ icon: 'success', content: t('residence:profile.saved') });
      const next = safeNext(search.get('next'));
      navigate(next ?? '/me', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'citizen_id_taken') {
        setErrors({ citizenId: error.message });
        document.getElementById('profile-citizenId')?.focus();
      } else setErrors(formErrors(error, FIELDS, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="rs-page" noValidate onSubmit={save} aria-labelledby="portal-page-title">
      <p className="rs-lead">{profile ? t('residence:profile.leadUpdate') : t('residence:profile.leadNew')}</p>

      <section className="rs-card">
        <TextField id="profile-name" label={t('residence:profile.name')} value={name} onChange={setName} error={errors.name} autoComplete="name" maxLength={40} />
        <TextField
          id="profile-citizenId"
          label={t('residence:profile.citizenId')}
          value={citizenId}
          onChange={(value) => setCitizenId(value.replace(/\s/g, '').toUpperCase())}
          error={errors.citizenId}
          hint={
            profile && !citizenId
              ? t('residence:profile.citizenIdAgain', { masked: isolateLtr(profile.citizenIdMasked) })
              : undefined
          }
          maxLength={18}
          autoComplete="off"
          placeholder={t('residence:profile.citizenIdPlaceholder')}
        />
        {facts && (
          <div className="rs-derived" role="status">
            <ReadOnlyField label={t('residence:profile.birthDate')}>{formatDay(facts.birthDate, language, t)}</ReadOnlyField>
            <ReadOnlyField label={t('residence:profile.sex')}>{codeLabel(t, 'sexes', facts.sex)}</ReadOnlyField>
            <p className="rs-field-note">{t('residence:profile.derivedNote')}</p>
          </div>
        )}
        <PickerField
          id="profile-ethnicity"
          label={t('residence:profile.ethnicity')}
          options={codeOptions(t, 'ethnicities', ETHNICITIES)}
          value={ethnicity}
          onChange={setEthnicity}
          error={errors.ethnicity}
        />
        {phone && (
          <ReadOnlyField label={t('residence:profile.phone')}>
            <bdi dir="ltr">{phone}</bdi>
          </ReadOnlyField>
        )}
      </section>

      <section className="rs-card" aria-labelledby="profile-hukou-title">
        <h3 id="profile-hukou-title" className="rs-card-title">
          {t('residence:profile.hukouTitle')}
        </h3>
        <ChooserField
          id="profile-hukou-division"
          buttonRef={hukouButton}
          label={t('residence:profile.hukouCounty')}
          text={hukou ? placeText(hukou.path) : undefined}
          placeholder={t('residence:picker.choose')}
          onOpen={() => setPicking(true)}
          error={errors['hukou.division']}
          hint={hukou && issuing === hukou.code ? t('residence:profile.hukouFromId') : undefined}
          chineseValue
        />
        <TextField
          id="profile-hukou-detail"
          label={t('residence:profile.hukouDetail')}
          value={detail}
          onChange={setDetail}
          error={errors['hukou.detail']}
          maxLength={120}
          placeholder={t('residence:profile.hukouDetailPlaceholder')}
        />
      </section>

      <section className="rs-card">
        <PickerField
          id="profile-education"
          label={t('residence:profile.education')}
          options={codeOptions(t, 'education', EDUCATION_LEVELS)}
          value={education}
          onChange={setEducation}
          error={errors.education}
        />
        <PickerField
          id="profile-employment"
          label={t('residence:profile.employment')}
          options={codeOptions(t, 'employment', EMPLOYMENT_STATUSES)}
          value={employment}
          onChange={setEmployment}
          error={errors.employment}
        />
        <TextField
          id="profile-employer"
          label={t('residence:profile.employer')}
          value={employer}
          onChange={setEmployer}
          error={errors.employer}
          maxLength={80}
          autoComplete="organization"
        />
      </section>

      <FormAlert message={errors.form} />
      <div className="rs-actions">
        <Button type="submit" color="primary" size="large" block loading={saving} loadingText={t('residence:form.saving')}>
          {t('residence:profile.save')}
        </Button>
      </div>

      <DivisionPicker
        visible={picking}
        level="county"
        title={t('residence:profile.hukouCounty')}
        current={hukou}
        onChoose={(chosen) => {
          setHukou(chosen);
          setPicking(false);
        }}
        onClose={() => setPicking(false)}
        returnFocus={hukouButton}
      />
    </form>
  );
}

const fieldId = (field: Field) => `profile-${field.replace('.', '-')}`;
