import { getTranslations } from 'next-intl/server';
import { saveConnectionAction } from '@/app/[locale]/admin/sso/actions';
import { SsoConnectionForm, type ConnectionValues } from '@/components/admin/sso-connection-form';
import { teamsInScope } from '@/lib/admin/users-in-scope';
import { ssoModes } from '@/lib/db/schema';
import type { AppLocale } from '@/lib/i18n/routing';
import type { Actor } from '@/lib/permissions/can';
import { callbackAddress } from '@/lib/sso/company-sign-in';
import { companyRoles } from '@/lib/sso/connection-input';

const modeLabel = { allow: 'modeAllow', enforce: 'modeEnforce' } as const;

/** The connection form with its words and choices, for the new and the edit page alike. */
export async function SsoConnectionEditor({ locale, actor, connectionId, initial }: { locale: AppLocale; actor: Actor; connectionId: string; initial: ConnectionValues }) {
  const [t, ta, teams] = await Promise.all([
    getTranslations({ locale, namespace: 'AdminSso.form' }),
    getTranslations({ locale, namespace: 'Admin' }),
    teamsInScope(actor),
  ]);
  return (
    <SsoConnectionForm
      locale={locale}
      action={saveConnectionAction}
      connectionId={connectionId}
      redirectUri={callbackAddress()}
      initial={initial}
      modes={ssoModes.map((mode) => ({ value: mode, label: t(modeLabel[mode]) }))}
      teams={[{ value: '', label: t('noTeam') }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
      roles={companyRoles.map((role) => ({ value: role, label: ta(`roles.${role}`) }))}
      text={{
        redirectUri: t('redirectUri'),
        redirectUriHint: t('redirectUriHint'),
        name: t('name'),
        nameHint: t('nameHint'),
        issuer: t('issuer'),
        issuerHint: t('issuerHint'),
        clientId: t('clientId'),
        clientSecret: t('clientSecret'),
        clientSecretHint: connectionId ? t('clientSecretEditHint') : t('clientSecretNewHint'),
        scopes: t('scopes'),
        scopesHint: t('scopesHint'),
        domains: t('domains'),
        domainsHint: t('domainsHint'),
        mode: t('mode'),
        createAccounts: t('createAccounts'),
        createAccountsHint: t('createAccountsHint'),
        defaultTeam: t('defaultTeam'),
        defaultRole: t('defaultRole'),
        submit: t('submit'),
        working: t('working'),
      }}
    />
  );
}
