import { defineEmail, formatWhen } from './context';
import { EmailLayout, Paragraph } from './layout';

/** The welcome email of an account created for someone: its link sets the first password. */
export const activation = defineEmail<{ name: string | null; expiresAt: string }, { token: string }>({
  subject: ({ t, siteName }) => t('activation.subject', { siteName }),
  render(context, props, secrets) {
    const { t, siteName } = context;
    const date = formatWhen(context, props.expiresAt);
    return (
      <EmailLayout
        context={context}
        preview={t('activation.preview', { siteName })}
        heading={t('activation.heading', { siteName })}
        name={props.name}
        action={{ label: t('activation.button'), url: context.link(`/activate?token=${secrets.token}`) }}
        afterAction={<Paragraph>{t('activation.notYou')}</Paragraph>}
      >
        <Paragraph>{t('activation.body', { siteName, email: context.recipient })}</Paragraph>
        <Paragraph>{t('activation.expires', { date })}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', expiresAt: '2026-11-28T14:30:00Z' }, secrets: { token: 'preview-token-not-valid' } },
});
