import { defineEmail } from './context';
import { CodeBox, EmailLayout, Paragraph } from './layout';

/** Both a link and a code: a scanner that opens the link spends nothing, and either one works. */
export const passwordReset = defineEmail<
  { name: string | null; linkMinutes: number; codeMinutes: number },
  { token: string; code: string }
>({
  subject: ({ t, siteName }) => t('passwordReset.subject', { siteName }),
  render(context, props, secrets) {
    const { t } = context;
    return (
      <EmailLayout
        context={context}
        preview={t('passwordReset.preview', { minutes: props.codeMinutes })}
        heading={t('passwordReset.heading')}
        name={props.name}
        action={{ label: t('passwordReset.button'), url: context.link(`/reset-password?token=${secrets.token}`) }}
        afterAction={
          <>
            <Paragraph>{t('passwordReset.codeIntro', { minutes: props.codeMinutes })}</Paragraph>
            <CodeBox code={secrets.code} />
            <Paragraph>{t('passwordReset.notYou')}</Paragraph>
          </>
        }
      >
        <Paragraph>{t('passwordReset.body', { minutes: props.linkMinutes })}</Paragraph>
      </EmailLayout>
    );
  },
  preview: {
    props: { name: 'Camille Dubois', linkMinutes: 60, codeMinutes: 15 },
    secrets: { token: 'preview-token-not-valid', code: '482915' },
  },
});
