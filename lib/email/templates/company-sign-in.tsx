import { defineEmail } from './context';
import { EmailLayout, Paragraph } from './layout';

const asked = { password_reset: 'companySignIn.askedReset', magic_link: 'companySignIn.askedLink', activation: 'companySignIn.askedActivation' } as const;

/**
 * The answer to a reset or sign-in link asked for an account whose company enforces its own
 * sign-in (by username or phone: an address of the company's domain is answered on the page).
 * The page said "check your email" as it does for anyone; this email says why no link came.
 * It is also the welcome of such an account: its company's sign-in activates it, no password.
 */
export const companySignIn = defineEmail<{ name: string | null; company: string; asked: 'password_reset' | 'magic_link' | 'activation'; email: string }>({
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
        <Paragraph>{t(asked[props.asked], { siteName, company })}</Paragraph>
        <Paragraph>{t('companySignIn.howTo', { company })}</Paragraph>
        {props.asked !== 'activation' && <Paragraph>{t('companySignIn.notYou')}</Paragraph>}
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', company: 'Acme', asked: 'password_reset', email: 'camille.dubois@acme.example' }, secrets: {} },
});
