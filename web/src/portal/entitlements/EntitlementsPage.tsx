import { useCallback, useId, useState } from 'react';
import { Button, Tabs } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { getEntitlements, type EntitlementView } from '#shared/api/permit';
import { listChildren } from '#shared/api/residence';
import { shanghaiDate } from '#shared/policy/civil-time';
import type { CallOutput } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { useLoad } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { EntitlementCard } from './EntitlementCard.tsx';
import { birthdaysAhead } from './lookahead.ts';
import { WhatIfBanner, WhatIfControls, type WhatIf } from './WhatIf.tsx';
import '../residence/residence.css';
import './entitlements.css';

type Answer = CallOutput<typeof getEntitlements>;
type Person = Answer['people'][number];

const whatIfOf = (params: URLSearchParams): WhatIf => ({
  asOf: params.get('asOf') ?? undefined,
  permitValid: params.get('assume') === 'permitValid',
});

/** The what-if, kept in the address too, so a reload or a shared link shows what the person asked. */
function useWhatIf(): [WhatIf, (next: WhatIf) => void] {
  const [params, setParams] = useSearchParams();
  const [value, setValue] = useState(() => whatIfOf(params));
  const change = useCallback(
    (next: WhatIf) => {
      setValue(next);
      const search = new URLSearchParams();
      if (next.asOf) search.set('asOf', next.asOf);
      if (next.permitValid) search.set('assume', 'permitValid');
      setParams(search, { replace: true });
    },
    [setParams],
  );
  return [value, change];
}

/**
 * 我的权益: for the holder and each accompanying child, every entitlement of the pack by area, with
 * its status, the reason, where to apply, what to bring and the law; and "what if" questions
 * (a valid permit, a later day) answered by the same engine.
 */
export default function EntitlementsPage() {
  // Suspends until the namespaces are in: `policy` names services and offices, `residence` and `guide` word dates and articles.
  const { t } = useTranslation(['entitlements', 'policy', 'residence', 'guide']);
  const { language } = useLanguage();
  const { call } = useServices();
  const [whatIf, setWhatIf] = useWhatIf();
  // The server's today (it may run on another clock than the phone), learnt from an answer for today.
  const [today, setToday] = useState(() => shanghaiDate(new Date()));

  const answer = useLoad(
    (signal) =>
      call(getEntitlements, {
        query: { ...(whatIf.asOf ? { asOf: whatIf.asOf } : {}), ...(whatIf.permitValid ? { assume: 'permitValid' as const } : {}) },
        signal,
      }).then((result) => {
        if (!whatIf.asOf) setToday(result.asOf);
        return result;
      }),
    [whatIf.asOf, whatIf.permitValid, language],
  );
  const children = useLoad((signal) => call(listChildren, { signal }), ['children']);

  if (!answer.data) {
    if (answer.error !== undefined) {
      return (
        <div className="rs-page">
          <WhatIfBanner value={whatIf} onReset={() => setWhatIf({ permitValid: false })} />
          <LoadError error={answer.error} retry={answer.reload} />
        </div>
      );
    }
    return <LoadingBlock lines={8} />;
  }

  const data = answer.data;
  if (data.packId === null) {
    return (
      <div className="rs-page">
        <EmptyState title={t('entitlements:noResidence.title')} description={t('entitlements:noResidence.description')}>
          <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/residence">
            {t('portal:pages.residence')}
          </Link>
        </EmptyState>
      </div>
    );
  }

  const birthdays = birthdaysAhead(children.data?.children ?? [], today);
  return (
    <div className="rs-page ent-page">
      <p className="rs-lead">{t('entitlements:lead', { place: t(`policy:packs.${data.packId}`) })}</p>
      <WhatIfControls value={whatIf} onChange={setWhatIf} today={today} birthdays={birthdays} />
      <WhatIfBanner value={whatIf} onReset={() => setWhatIf({ permitValid: false })} />
      {answer.error !== undefined && (
        <div className="rs-inline-error" role="alert">
          <p>{messageOf(answer.error, t)}</p>
          <Button size="small" onClick={answer.reload}>
            {t('common:action.retry')}
          </Button>
        </div>
      )}
      <People people={data.people} busy={answer.loading} />
    </div>
  );
}

/** A tab per person (me, then each child by name) and the chosen person's entitlements. */
function People({ people, busy }: { people: Person[]; busy: boolean }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('self');
  const person = people.find((p) => p.who === chosen) ?? people[0]!;
  const title = (p: Person) => (p.who === 'self' ? t('entitlements:people.self') : <bdi>{p.name}</bdi>);
  return (
    <div aria-busy={busy} className={busy ? 'ent-people ent-people-busy' : 'ent-people'}>
      {people.length > 1 && (
        <div role="group" aria-label={t('entitlements:people.label')}>
          <Tabs activeKey={person.who} onChange={setChosen} className="ent-tabs">
            {people.map((p) => (
              <Tabs.Tab key={p.who} title={title(p)} />
            ))}
          </Tabs>
        </div>
      )}
      {busy && (
        <p className="visually-hidden" role="status">
          {t('entitlements:state.updating')}
        </p>
      )}
      <PersonEntitlements person={person} />
      {people.length === 1 && (
        <p className="rs-field-note ent-children-note">
          {t('entitlements:noChildren.text')} <Link to="/me/children/add">{t('portal:pages.addChild')}</Link>
        </p>
      )}
    </div>
  );
}

function PersonEntitlements({ person }: { person: Person }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="ent-person">
      <h2 id={headingId} className="visually-hidden">
        {person.who === 'self' ? t('entitlements:person.self') : t('entitlements:person.child', { name: isolate(person.name) })}
      </h2>
      <Summary person={person} />
      {person.groups.map((group) => (
        <section key={group.area} className="ent-area" aria-labelledby={`${headingId}-${group.area}`}>
          <h3 id={`${headingId}-${group.area}`} className="ent-area-title">
            {t(`policy:areas.${group.area}`)}
          </h3>
          <ul className="rs-cards">
            {group.items.map((item) => (
              <EntitlementCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** How many entitlements stand where: what a what-if changed shows here first. */
function Summary({ person }: { person: Person }) {
  const { t } = useTranslation();
  const items = person.groups.flatMap((group) => group.items);
  const count = (status: EntitlementView['status']) => items.filter((item) => item.status === status).length;
  const lines = [
    { status: 'eligible', text: t('entitlements:summary.eligible', { count: count('eligible') }) },
    { status: 'notYet', text: t('entitlements:summary.notYet', { count: count('notYet') }) },
    { status: 'missing', text: t('entitlements:summary.missing', { count: count('missing') }) },
    { status: 'notEligible', text: t('entitlements:summary.notEligible', { count: count('notEligible') }) },
  ] as const;
  return (
    <ul className="ent-summary" aria-label={t('entitlements:summary.label')}>
      {lines
        .filter((line) => count(line.status) > 0)
        .map((line) => (
          <li key={line.status} className={`ent-summary-${line.status}`}>
            {line.text}
          </li>
        ))}
    </ul>
  );
}
