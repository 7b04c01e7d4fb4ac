import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Password, Username } from '#shared/api/identity';
import { formErrors, type FormErrors } from '../api/form-errors.ts';
import { useServices } from '../app/services.ts';
import { checkField } from '../i18n/issues.ts';
import { returnPath } from './RequireSession.tsx';
import { useSession } from './session.tsx';

type Field = 'username' | 'password';

/**
 * The state and submission of a username-and-password form, whatever UI kit draws it: fields are
 * checked with the shared contracts first, then the server's answer is spread over the form.
 */
export function usePasswordSignIn(homePath: string) {
  const { t, i18n } = useTranslation();
  const { auth } = useServices();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [signingIn, setSigningIn] = useState(false);

  useEffect(() => auth.prepare(), [auth]);
  // Messages were written in the language of the moment; after a switch they would be the odd ones out.
  useEffect(() => setErrors({}), [i18n.language]);

  async function submit() {
    const found: FormErrors<Field> = {
      username: checkField(t, Username, 'username', username),
      password: checkField(t, Password, 'password', password),
    };
    setErrors(found);
    if (found.username || found.password) return;
    setSigningIn(true);
    try {
      signIn(await auth.signInWithPassword(Username.parse(username), password));
      navigate(returnPath(location.state, homePath), { replace: true });
    } catch (error) {
      setErrors(formErrors(error, ['username', 'password'], t));
      setSigningIn(false);
    }
  }

  return { username, setUsername, password, setPassword, errors, signingIn, submit };
}
