import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { phoneRegionOptions } from '@/components/form-text';
import { teamsInScope } from '@/lib/admin/users-in-scope';
import { getPathname } from '@/lib/i18n/navigation';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { grantableRoles, permissionTable } from '@/lib/permissions/policy';
import { requirePermission } from '@/lib/permissions/require-permission';
import { createUserAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.create' }))('title') };
}

/** A new account, offered only the roles and teams the actor may give. */
export default async function CreateUserPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'users.create', '/admin/users/new');
  const actor = session.user;
  const [t, ta, languages, teams] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.create' }),
    getTranslations({ locale, namespace: 'Admin' }),
    getTranslations({ locale, namespace: 'LanguageNames' }),
    teamsInScope(actor),
  ]);
  const chooseTeam = permissionTable[actor.role]['users.create'] === 'everyone';
  return (
    <section className="card">
      <AdminNav locale={locale} current="users" viewer={actor} />
      <h1>{t('title')}</h1>
      <p>{chooseTeam ? t('intro') : t('introManager', { team: actor.teamName ?? '' })}</p>
      <CreateUserForm
        locale={locale}
        action={createUserAction}
        roles={grantableRoles(actor.role).map((role) => ({ value: role, label: ta(`roles.${role}`) }))}
        teams={chooseTeam ? [{ value: '', label: t('fields.noTeam') }, ...teams.map((team) => ({ value: team.id, label: team.name }))] : null}
        languages={routing.locales.map((value) => ({ value, label: languages(value) }))}
        phoneRegion={await phoneRegionOptions(locale)}
        text={{
          name: t('fields.name'),
          email: t('fields.email'),
          username: t('fields.username'),
          usernameHint: t('fields.usernameHint'),
          phone: t('fields.phone'),
          phoneHint: t('fields.phoneHint'),
          role: t('fields.role'),
          team: t('fields.team'),
          language: t('fields.language'),
          languageHint: t('fields.languageHint'),
          submit: t('submit'),
          working: t('working'),
        }}
      />
      <ul className="help-links">
        <li>
          <a href={getPathname({ href: '/admin/users', locale })}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
