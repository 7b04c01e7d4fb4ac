import { useState, type FormEvent } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { ExclamationCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiKeyView, createApiKey, listApiKeys, revokeApiKey } from '#shared/api/agency';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useLoadState } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { TextField } from '../TextField.tsx';
import { EmptyState, FormAlert, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatMoment } from '../residence/words.ts';
import { isOrgAdmin } from './org-admin.ts';

type Key = z.infer<typeof ApiKeyView>;

/** A refusal that means "not the organisation's administrator": a notice, not an error to retry. */
const notAdmin = (error: unknown) => error instanceof ApiError && error.status === 403;

/**
 * API 密钥: the keys the organisation's own systems upload with. Only its administrator sees this
 * page's tools; a key's secret is shown once, when it is made.
 */
export default function ApiKeysPage() {
  const { sessions } = useServices();
  return isOrgAdmin(sessions.get()?.token) ? <ApiKeys /> : <NotAdmin />;
}

function NotAdmin() {
  const { t } = useTranslation();
  return (
    <div className="rs-page">
      <EmptyState title={t('agency:apiKeys.notAdmin')} />
    </div>
  );
}

function ApiKeys() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const { state, retry, replace } = useLoadState((signal) => call(listApiKeys, { signal }), 'api-keys');
  const [secret, setSecret] = useState<{ name: string; secret: string }>();

  if (state.status === 'loading') return <LoadingBlock lines={4} />;
  if (state.status === 'failed') return notAdmin(state.error) ? <NotAdmin /> : <LoadError error={state.error} retry={retry} />;
  const keys = state.value.items;

  async function revoke(key: Key) {
    const yes = await Dialog.confirm({
      title: t('agency:apiKeys.revokeTitle'),
      content: t('agency:apiKeys.revokeContent', { name: isolate(key.name) }),
      confirmText: t('agency:apiKeys.revoke'),
      cancelText: t('agency:upload.cancel'),
    });
    if (!yes) return;
    try {
      await call(revokeApiKey, { params: { id: key.id } });
      replace({ items: keys.filter((item) => item.id !== key.id) });
      Toast.show({ icon: 'success', content: t('agency:apiKeys.revoked') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
    }
  }

  return (
    <div className="rs-page">
      <p className="rs-lead">{t('agency:apiKeys.lead')}</p>
      {secret && <NewSecret name={secret.name} secret={secret.secret} onDone={() => setSecret(undefined)} />}
      <CreateKey
        onCreated={(answer) => {
          replace({ items: [answer.key, ...keys] });
          setSecret({ name: answer.key.name, secret: answer.secret });
        }}
      />
      {keys.length === 0 ? (
        <p className="rs-field-note ag-center">{t('agency:apiKeys.empty')}</p>
      ) : (
        <ul className="rs-cards" aria-label={t('agency:apiKeys.listLabel')}>
          {keys.map((key) => (
            <li key={key.id} className="rs-card ag-key" data-testid="api-key">
              <div className="ag-key-text">
                <strong className="ag-key-name">
                  <bdi>{key.name}</bdi>
                </strong>
                <bdi dir="ltr" className="rs-reference">
                  {key.prefix}…
                </bdi>
                <span className="rs-field-note">{t('agency:apiKeys.created', { name: isolate(key.createdBy), time: formatMoment(key.createdAt, language, t) })}</span>
                <span className="rs-field-note">
                  {key.lastUsedAt ? t('agency:apiKeys.lastUsed', { time: formatMoment(key.lastUsedAt, language, t) }) : t('agency:apiKeys.neverUsed')}
                </span>
              </div>
              <Button color="danger" fill="outline" size="small" onClick={() => void revoke(key)}>
                {t('agency:apiKeys.revoke')}
                <span className="visually-hidden"> {key.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateKey({ onCreated }: { onCreated: (answer: { key: Key; secret: string }) => void }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ name?: string; form?: string }>({});
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t('agency:apiKeys.nameRequired') });
      document.getElementById('api-key-name')?.focus();
      return;
    }
    setSending(true);
    try {
      onCreated(await call(createApiKey, { body: { name: name.trim() } }));
      setName('');
      setErrors({});
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldMessage('name') : undefined;
      setErrors(field ? { name: field } : { form: messageOf(error, t) });
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="rs-card" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="ag-key-create-title">
      <h2 id="ag-key-create-title" className="rs-card-title">
        {t('agency:apiKeys.createTitle')}
      </h2>
      <TextField
        id="api-key-name"
        label={t('agency:apiKeys.name')}
        value={name}
        maxLength={60}
        onChange={(value) => {
          setName(value);
          setErrors({});
        }}
        error={errors.name}
        hint={t('agency:apiKeys.nameHint')}
      />
      <FormAlert message={errors.form} />
      <Button type="submit" color="primary" size="large" block loading={sending}>
        {t('agency:apiKeys.create')}
      </Button>
    </form>
  );
}

/** The secret, this once: a warning, the key to select, and a copy button. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      Toast.show({ icon: 'success', content: t('agency:apiKeys.copied') });
    } catch {
      Toast.show({ content: t('agency:apiKeys.copyFailed'), duration: 4000 });
    }
  }

  return (
    <section className="rs-card ag-secret" aria-labelledby="ag-secret-title" data-testid="api-key-secret">
      <h2 id="ag-secret-title" className="rs-card-title">
        {t('agency:apiKeys.secretTitle', { name: isolate(name) })}
      </h2>
      <p className="rs-banner rs-banner-warning" role="alert">
        <ExclamationCircleFill aria-hidden="true" /> {t('agency:apiKeys.secretWarning')}
      </p>
      <output className="ag-secret-value" dir="ltr">
        {secret}
      </output>
      <div className="rs-actions">
        <Button color="primary" size="large" block onClick={() => void copy()}>
          {t('agency:apiKeys.copy')}
        </Button>
        <Button size="large" block onClick={onDone}>
          {t('agency:apiKeys.done')}
        </Button>
      </div>
    </section>
  );
}
