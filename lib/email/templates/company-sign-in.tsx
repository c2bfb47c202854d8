import { defineEmail } from './context';
import { EmailLayout, Paragraph } from './layout';

/**
 * The answer to a reset or sign-in link asked for an account whose company enforces its own
 * sign-in (by username or phone: an address of the company's domain is answered on the page).
 * The page said "check your email" as it does for anyone; this email says why no link came.
 */
export const companySignIn = defineEmail<{ name: string | null; company: string; asked: 'password_reset' | 'magic_link'; email: string }>({
  subject: ({ t, siteName }, { company }) => t('companySignIn.subject', { siteName, company }),
  render(context, props) {
    const { t, siteName } = context;
    const { company } = props;
    return (
      <EmailLayout
        context={context}
        preview={t('companySignIn.preview', { siteName, company })}
        heading={t('companySignIn.heading')}
        name={props.name}
        action={{ label: t('companySignIn.button', { company }), url: context.link(`/login/sso?identifier=${encodeURIComponent(props.email)}`) }}
      >
        <Paragraph>{props.asked === 'password_reset' ? t('companySignIn.askedReset', { siteName, company }) : t('companySignIn.askedLink', { siteName, company })}</Paragraph>
        <Paragraph>{t('companySignIn.howTo', { company })}</Paragraph>
        <Paragraph>{t('companySignIn.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', company: 'Acme', asked: 'password_reset', email: 'camille.dubois@acme.example' }, secrets: {} },
});
