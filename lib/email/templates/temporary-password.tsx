import { defineEmail, formatWhen } from './context';
import { CodeBox, EmailLayout, Paragraph } from './layout';

/**
 * A random password an admin had emailed to the account (Ooma's and RingCentral's reset): it
 * works once, within 24 hours, and only to choose a new one.
 */
export const temporaryPassword = defineEmail<{ name: string | null; expiresAt: string }, { password: string }>({
  subject: ({ t, siteName }) => t('temporaryPassword.subject', { siteName }),
  render(context, props, secrets) {
    const { t, siteName } = context;
    const date = formatWhen(context, props.expiresAt);
    return (
      <EmailLayout
        context={context}
        preview={t('temporaryPassword.preview', { date })}
        heading={t('temporaryPassword.heading')}
        name={props.name}
        action={{ label: t('temporaryPassword.button'), url: context.link('/login') }}
        afterAction={<Paragraph>{t('temporaryPassword.notExpected')}</Paragraph>}
      >
        <Paragraph>{t('temporaryPassword.body', { siteName })}</Paragraph>
        <CodeBox code={secrets.password} />
        <Paragraph>{t('temporaryPassword.expires', { date })}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', expiresAt: '2026-11-28T14:30:00Z' }, secrets: { password: 'K7QPM-X3RTW-9HDNA-F4VZC' } },
});
