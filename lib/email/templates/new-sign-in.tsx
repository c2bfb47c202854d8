import { defineEmail, formatWhen } from './context';
import { EmailLayout, Paragraph } from './layout';

/**
 * Told once per browser: the first time a browser signs in to an account that had signed in
 * before. The button resets the password, which signs that browser out.
 */
export const newSignIn = defineEmail<{
  name: string | null;
  occurredAt: string;
  browser: string | null;
  os: string | null;
  ip: string | null;
}>({
  subject: ({ t, siteName }) => t('newSignIn.subject', { siteName }),
  render(context, props) {
    const { t, siteName } = context;
    const date = formatWhen(context, props.occurredAt);
    const device = props.browser && props.os ? t('newSignIn.device', { browser: props.browser, os: props.os }) : t('newSignIn.unknownDevice');
    return (
      <EmailLayout
        context={context}
        preview={t('newSignIn.preview', { device, date })}
        heading={t('newSignIn.heading')}
        name={props.name}
        action={{ label: t('newSignIn.button'), url: context.link('/forgot-password') }}
      >
        <Paragraph>{t('newSignIn.body', { siteName })}</Paragraph>
        <Paragraph>
          {t('newSignIn.when', { date })}
          <br />
          {device}
          {props.ip && (
            <>
              <br />
              {t('newSignIn.address', { ip: props.ip })}
            </>
          )}
        </Paragraph>
        <Paragraph>{t('newSignIn.ifYou')}</Paragraph>
        <Paragraph>{t('newSignIn.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: {
    props: { name: 'Emma Brown', occurredAt: '2026-11-21T09:05:00Z', browser: 'Firefox', os: 'Windows', ip: '203.0.113.7' },
    secrets: {},
  },
});
