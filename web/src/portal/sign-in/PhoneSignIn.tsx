import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { OneTimeCode, Phone } from '#shared/api/identity';
import { formErrors, type FormErrors } from '../../api/form-errors.ts';
import { useServices } from '../../app/services.ts';
import { returnPath } from '../../auth/RequireSession.tsx';
import { useSession } from '../../auth/session.tsx';
import { isolateLtr } from '../../i18n/bidi.ts';
import { checkField } from '../../i18n/issues.ts';
import { maskPhone } from '#shared/identity/masking';
import { TextField } from '../TextField.tsx';
import { SignInForm } from './SignInForm.tsx';
import { useCountdown } from './useCountdown.ts';

/** How long "get code" stays disabled after a code is sent. */
const RESEND_SECONDS = 60;

type Field = 'phone' | 'code';

export function PhoneSignIn() {
  const { t, i18n } = useTranslation();
  const { auth } = useServices();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const countdown = useCountdown();
  const codeInput = useRef<HTMLInputElement>(null);

  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [sent, setSent] = useState<{ phone: string; minutes: number }>();
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);

  useEffect(() => auth.prepare(), [auth]);
  // Messages were written in the language of the moment; after a switch they would be the odd ones out.
  useEffect(() => setErrors({}), [i18n.language]);

  async function sendCode() {
    const phoneError = checkField(t, Phone, 'phone', phone);
    setErrors(phoneError ? { phone: phoneError } : {});
    if (phoneError) return;
    setSending(true);
    try {
      const { expiresInSeconds } = await auth.requestCode(phone.trim());
      countdown.start(RESEND_SECONDS);
      setSent({ phone: isolateLtr(maskPhone(phone.trim())), minutes: Math.ceil(expiresInSeconds / 60) });
      codeInput.current?.focus();
      // While the user types the code, fetch the screens that come after signing in.
      void import('../signed-in/SignedInPortal.tsx');
    } catch (error) {
      setErrors(formErrors(error, ['phone'], t));
    } finally {
      setSending(false);
    }
  }

  async function submit() {
    const found: FormErrors<Field> = {
      phone: checkField(t, Phone, 'phone', phone),
      code: checkField(t, OneTimeCode, 'code', code),
    };
    setErrors(found);
    if (found.phone || found.code) return;
    setSigningIn(true);
    try {
      signIn(await auth.signInWithCode(phone.trim(), code.trim()));
      navigate(returnPath(location.state, '/'), { replace: true });
    } catch (error) {
      setErrors(formErrors(error, ['phone', 'code'], t));
      setSigningIn(false);
    }
  }

  const sentHint = sent
    ? sent.minutes <= 60
      ? t('auth:phone.codeSentValidFor', { phone: sent.phone, minutes: sent.minutes })
      : t('auth:phone.codeSent', { phone: sent.phone })
    : undefined;

  return (
    <SignInForm
      title={t('auth:phone.title')}
      onSubmit={() => void submit()}
      submitting={signingIn}
      formError={errors.form}
      note={<p className="signin-note">{t('auth:phone.newNumberNote')}</p>}
    >
      <TextField
        id="phone"
        label={t('errors:fields.phone')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={11}
        placeholder={t('auth:phone.placeholder')}
        value={phone}
        onChange={(value) => setPhone(value.replace(/\D/g, ''))}
        error={errors.phone}
        trailing={
          <Button
            className="signin-get-code"
            size="small"
            color="primary"
            fill="outline"
            disabled={sending || countdown.remaining > 0}
            loading={sending}
            onClick={() => void sendCode()}
          >
            {countdown.remaining > 0
              ? t('auth:phone.resendIn', { seconds: countdown.remaining })
              : sent
                ? t('auth:phone.resend')
                : t('auth:phone.getCode')}
          </Button>
        }
      />
      <TextField
        id="code"
        label={t('errors:fields.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        placeholder={t('auth:phone.codePlaceholder')}
        value={code}
        onChange={(value) => setCode(value.replace(/\D/g, ''))}
        error={errors.code}
        hint={sentHint}
        inputRef={codeInput}
      />
    </SignInForm>
  );
}
