import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePasswordSignIn } from '../../auth/usePasswordSignIn.ts';
import { OfficeLanguageSelect } from '../OfficeLanguageSelect.tsx';

/** Username and password: officers, agency staff and administrators. */
export function OfficeSignInPage() {
  const { t } = useTranslation();
  const { username, setUsername, password, setPassword, errors, signingIn, submit } = usePasswordSignIn('/office');

  return (
    <div className="office-signin">
      <div className="office-signin-top">
        <OfficeLanguageSelect />
      </div>
      <main className="office-signin-main">
        <Card className="office-signin-card">
          <Typography.Title level={1} className="office-signin-title">
            {t('common:app.name')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('office:signIn.subtitle')}</Typography.Paragraph>
          <Form layout="vertical" requiredMark={false} onFinish={() => void submit()}>
            <Form.Item
              label={t('errors:fields.username')}
              htmlFor="office-username"
              validateStatus={errors.username ? 'error' : undefined}
              help={errors.username}
            >
              <Input
                id="office-username"
                size="large"
                autoComplete="username"
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('errors:fields.password')}
              htmlFor="office-password"
              validateStatus={errors.password ? 'error' : undefined}
              help={errors.password}
            >
              <Input.Password
                id="office-password"
                size="large"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Form.Item>
            {errors.form && <Alert className="office-signin-alert" type="error" showIcon title={errors.form} role="alert" />}
            <Button type="primary" htmlType="submit" size="large" block loading={signingIn}>
              {t('auth:signIn.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="office-signin-note">
            {t('office:signIn.residentsNote')} <a href="/">{t('office:signIn.toPortal')}</a>
          </Typography.Paragraph>
        </Card>
      </main>
    </div>
  );
}
