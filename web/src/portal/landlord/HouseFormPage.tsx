import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { getHouse, HouseInput, registerHouse, updateHouse, type House } from '#shared/api/landlord';
import { HOUSE_TYPES, SAFETY_ITEMS } from '#shared/landlord/house';
import { ApiError } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { checkField } from '../../i18n/issues.ts';
import { TextField } from '../TextField.tsx';
import { placeText } from '../residence/DivisionPicker.tsx';
import { AddressStep, streetAddressDone } from '../residence/declare/AddressStep.tsx';
import { useDraft } from '../residence/declare/draft.ts';
import { CheckSection, Row, StepActions, StepForm, StepHeading, SubmitPanel, useSteps } from '../residence/declare/steps.tsx';
import { CheckboxCards, RadioCards } from '../residence/fields.tsx';
import { LoadError, LoadingBlock } from '../residence/states.tsx';
import { translate } from '../residence/words.ts';
import { draftFromHouse, HOUSE_STEPS, houseInputFrom, housePatchFrom, NO_SAFETY, typedNumber, type HouseDraft, type HouseStep } from './house-draft.ts';
import { houseTypeLabel } from './words.ts';

type Mode = 'new' | 'edit';

/** 登记房屋 (`/houses/new`) and 修改房屋信息 (`/houses/:code/edit`): address, the house, safety, check. */
export default function HouseFormPage({ mode }: { mode: Mode }) {
  const { call } = useServices();
  const { code = '' } = useParams();
  const { state, retry, replace } = useLoadState(
    mode === 'edit' ? (signal) => call(getHouse, { params: { id: code }, signal }) : undefined,
    `${mode}|${code}`,
  );
  if (mode === 'new') return <HouseFlow />;
  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return (
    <HouseFlow
      house={state.value}
      reload={async () => {
        const fresh = await call(getHouse, { params: { id: code } });
        replace(fresh);
        return fresh;
      }}
    />
  );
}

interface FlowProps {
  /** The house being corrected; absent when registering a new one. */
  house?: House;
  reload?: () => Promise<House>;
}

type Update = (patch: Partial<HouseDraft>) => void;

const houseDone = (draft: HouseDraft) => {
  const { address: _address, safety: _safety, ...rest } = HouseInput.shape;
  const input = houseInputFrom(draft);
  return Object.entries(rest).every(([key, schema]) => schema.safeParse(input[key as keyof typeof input]).success);
};

function HouseFlow({ house, reload }: FlowProps) {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const editing = Boolean(house);
  const { draft, update, clear } = useDraft<HouseDraft>(
    house ? `landlord-house:edit:${house.id}` : 'landlord-house:new',
    () => (house ? draftFromHouse(house) : { safety: NO_SAFETY }),
    (stored) => !house || stored.basedOn === house.version,
  );
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  /** The house the landlord already registered at the address sent (`house_exists`). */
  const [existing, setExisting] = useState<string>();
  const [current, setCurrent] = useState(house);

  const requested = search.get('step');
  const step: HouseStep = (HOUSE_STEPS as readonly string[]).includes(requested ?? '') ? (requested as HouseStep) : 'address';
  const fromCheck = search.get('from') === 'check';
  const base = house ? `/houses/${house.id}/edit` : '/houses/new';
  const url = (next: HouseStep, from?: 'check') => `${base}?step=${next}${from ? `&from=${from}` : ''}`;
  const go = (next: HouseStep) => navigate(url(next));
  const advance = (next: HouseStep) => go(fromCheck ? 'check' : next);

  const firstOpen = !streetAddressDone(draft.address) ? 'address' : !houseDone(draft) ? 'house' : undefined;
  const stepIndex = HOUSE_STEPS.indexOf(step);
  const { blocked, heading } = useSteps(HOUSE_STEPS, step, firstOpen, url);
  if (blocked) return null;

  const titles: Record<HouseStep, string> = {
    address: t('landlord:form.steps.address'),
    house: t('landlord:form.steps.house'),
    safety: t('landlord:form.steps.safety'),
    check: t('landlord:form.steps.check'),
  };

  async function submit(idempotencyKey: string) {
    if (current) {
      const saved = await call(updateHouse, { params: { id: current.id }, body: housePatchFrom(draft, current.version) });
      clear();
      Toast.show({ icon: 'success', content: t('landlord:form.saved') });
      navigate(`/houses/${saved.id}`, { replace: true });
    } else {
      const created = await call(registerHouse, { body: houseInputFrom(draft), headers: { 'Idempotency-Key': idempotencyKey } });
      clear();
      navigate(`/houses/registered/${created.id}`, { replace: true });
    }
  }

  async function onFailure(error: unknown) {
    // The address is one of the owner's houses already: the message names its code, a link opens it.
    const registered = error instanceof ApiError && error.code === 'house_exists' ? error.details.houseId : undefined;
    setExisting(registered);
    if (registered) return;
    // Someone else (the owner or an agent) saved the house since it was loaded: show theirs.
    if (error instanceof ApiError && error.status === 409 && reload) {
      const fresh = await reload();
      setCurrent(fresh);
      update(draftFromHouse(fresh));
      setChangedElsewhere(true);
      window.scrollTo(0, 0);
    }
  }

  return (
    <div className="rs-page rs-flow">
      {changedElsewhere && (
        <div className="rs-banner rs-banner-warning" role="alert">
          <p>{t('landlord:form.changedElsewhere')}</p>
        </div>
      )}
      <StepHeading index={stepIndex} total={HOUSE_STEPS.length} title={titles[step]} headingRef={heading} />
      {step === 'address' && <HouseAddressStep draft={draft} update={update} locked={editing} onNext={() => advance('house')} />}
      {step === 'house' && <HouseStepForm draft={draft} update={update} onNext={() => advance('safety')} />}
      {step === 'safety' && <SafetyStep draft={draft} update={update} onNext={() => go('check')} />}
      {step === 'check' && (
        <div>
          <p className="rs-lead">{t('landlord:form.checkLead')}</p>
          <CheckSection title={titles.address} link={url('address', 'check')}>
            <Row label={t('landlord:form.street')}>
              <span lang="zh-CN">{placeText(draft.address?.path ?? [])}</span>
            </Row>
            <Row label={t('landlord:form.detail')}>
              <bdi>{draft.address?.detail}</bdi>
            </Row>
          </CheckSection>
          <CheckSection title={titles.house} link={url('house', 'check')}>
            <Row label={t('landlord:form.building')}>{draft.building?.trim() ? <bdi>{draft.building}</bdi> : t('landlord:form.none')}</Row>
            <Row label={t('landlord:form.unit')}>{draft.unit?.trim() ? <bdi>{draft.unit}</bdi> : t('landlord:form.none')}</Row>
            <Row label={t('landlord:form.room')}>{draft.room?.trim() ? <bdi>{draft.room}</bdi> : t('landlord:form.none')}</Row>
            <Row label={t('landlord:form.type')}>{draft.type && houseTypeLabel(t, draft.type)}</Row>
            <Row label={t('landlord:form.rooms')}>{typedNumber(draft.rooms)}</Row>
            <Row label={t('landlord:form.maxOccupants')}>{typedNumber(draft.maxOccupants)}</Row>
          </CheckSection>
          <CheckSection title={titles.safety} link={url('safety', 'check')}>
            {SAFETY_ITEMS.map((item) => (
              <Row key={item} label={translate(t)(`landlord:safety.${item}`)}>
                {(draft.safety ?? NO_SAFETY)[item] ? t('landlord:safety.yes') : t('landlord:safety.no')}
              </Row>
            ))}
          </CheckSection>
          <p className="rs-field-note rs-declaration-note">{t('landlord:form.truthful')}</p>
          <SubmitPanel
            submit={submit}
            onFailure={(error) => void onFailure(error)}
            label={editing ? t('landlord:form.save') : t('landlord:form.submit')}
            sendingLabel={t('landlord:form.submitting')}
          />
          {existing && (
            <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to={`/houses/${existing}`}>
              {t('landlord:form.openExisting')}
            </Link>
          )}
        </div>
      )}
    </div>
  );
}

function HouseAddressStep({ draft, update, locked, onNext }: { draft: HouseDraft; update: Update; locked: boolean; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <AddressStep
      idPrefix="house"
      address={draft.address}
      onChange={(address) => update({ address })}
      labels={{
        street: t('landlord:form.street'),
        streetRequired: t('landlord:form.streetRequired'),
        detail: t('landlord:form.detail'),
        detailPlaceholder: t('landlord:form.detailPlaceholder'),
      }}
      streetLocked={locked}
      onNext={onNext}
    >
      <p className="rs-lead">{locked ? t('landlord:form.streetLocked') : t('landlord:form.addressLead')}</p>
    </AddressStep>
  );
}

type HouseField = 'building' | 'unit' | 'room' | 'type' | 'rooms' | 'maxOccupants';

function HouseStepForm({ draft, update, onNext }: { draft: HouseDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Partial<Record<HouseField, string | undefined>>>({});
  const shape = HouseInput.shape;

  function next() {
    const input = houseInputFrom(draft);
    const found: Partial<Record<HouseField, string | undefined>> = {
      building: checkField(t, shape.building, 'building', input.building),
      unit: checkField(t, shape.unit, 'unit', input.unit),
      room: checkField(t, shape.room, 'room', input.room),
      type: draft.type ? undefined : t('landlord:form.choiceRequired'),
      rooms: checkField(t, shape.rooms, 'rooms', input.rooms),
      maxOccupants: checkField(t, shape.maxOccupants, 'maxOccupants', input.maxOccupants),
    };
    setErrors(found);
    const first = (Object.keys(found) as HouseField[]).find((key) => found[key]);
    if (first) (document.getElementById(`house-${first}`) ?? document.querySelector<HTMLElement>(`input[name="house-${first}"]`))?.focus();
    else onNext();
  }

  const text = (field: 'building' | 'unit' | 'room' | 'rooms' | 'maxOccupants', label: string, options: { numeric?: boolean; hint?: string } = {}) => (
    <TextField
      id={`house-${field}`}
      label={label}
      value={draft[field] ?? ''}
      onChange={(value) => update({ [field]: value })}
      error={errors[field]}
      inputMode={options.numeric ? 'numeric' : undefined}
      maxLength={options.numeric ? 4 : 20}
      hint={options.hint}
    />
  );

  return (
    <StepForm onSubmit={next}>
      <section className="rs-card">
        <p className="rs-lead">{t('landlord:form.unitLead')}</p>
        {text('building', t('landlord:form.buildingOptional'))}
        {text('unit', t('landlord:form.unitOptional'))}
        {text('room', t('landlord:form.roomOptional'))}
      </section>
      <section className="rs-card">
        <RadioCards
          name="house-type"
          legend={t('landlord:form.type')}
          options={HOUSE_TYPES.map((type) => ({ value: type, label: houseTypeLabel(t, type) }))}
          value={draft.type}
          onChange={(value) => update({ type: value as HouseDraft['type'] })}
          error={errors.type}
        />
      </section>
      <section className="rs-card">
        {text('rooms', t('landlord:form.rooms'), { numeric: true })}
        {text('maxOccupants', t('landlord:form.maxOccupants'), { numeric: true, hint: t('landlord:form.maxOccupantsHint') })}
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

function SafetyStep({ draft, update, onNext }: { draft: HouseDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <StepForm onSubmit={onNext}>
      <section className="rs-card">
        <CheckboxCards
          legend={t('landlord:form.safetyLegend')}
          hint={t('landlord:form.safetyHint')}
          options={SAFETY_ITEMS.map((item) => ({ value: item, label: translate(t)(`landlord:safety.${item}`) }))}
          value={draft.safety ?? NO_SAFETY}
          onChange={(safety) => update({ safety })}
        />
      </section>
      <StepActions onNext={onNext} />
    </StepForm>
  );
}
