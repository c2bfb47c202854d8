import { defineEmail } from './context';
import { EmailLayout, Paragraph } from './layout';

/**
 * To every administrator: a text people see where they sign in, or in a security email, has
 * just changed for everyone. An editor's phishing line would reach every visitor at once, so
 * the people who can undo it hear of each one.
 */
export const sensitiveTextPublished = defineEmail<{
  name: string | null;
  key: string;
  language: 'en' | 'fr';
  text: string;
  publisher: string;
  authors: string;
  how: 'approved' | 'rolledBack';
}>({
  subject: ({ t, siteName }) => t('sensitiveTextPublished.subject', { siteName }),
  render(context, props) {
    const { t } = context;
    const language = t(`sensitiveTextPublished.languages.${props.language}`);
    return (
      <EmailLayout
        context={context}
        preview={t('sensitiveTextPublished.preview', { publisher: props.publisher, key: props.key })}
        heading={t('sensitiveTextPublished.heading')}
        name={props.name}
        action={{ label: t('sensitiveTextPublished.button'), url: context.link(`/admin/translations/edit?key=${encodeURIComponent(props.key)}`) }}
      >
        <Paragraph>{t('sensitiveTextPublished.body', { publisher: props.publisher, language, key: props.key })}</Paragraph>
        <Paragraph>
          {props.how === 'approved'
            ? t('sensitiveTextPublished.approved', { authors: props.authors, publisher: props.publisher })
            : t('sensitiveTextPublished.rolledBack', { publisher: props.publisher })}
        </Paragraph>
        <Paragraph>{t('sensitiveTextPublished.newText')}</Paragraph>
        <Paragraph>{props.text}</Paragraph>
        <Paragraph>{t('sensitiveTextPublished.ifUnexpected')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: {
    props: {
      name: 'Alex Martin',
      key: 'ForgotPassword.title',
      language: 'fr',
      text: 'Mot de passe oublié\u202F?',
      publisher: 'Rose Rédactrice',
      authors: 'Ed Editor',
      how: 'approved',
    },
    secrets: {},
  },
});
