import { getFormatter } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import type { AppLocale } from '@/lib/i18n/routing';

type Passkey = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/**
 * A person's passkeys, for them on their account and for an admin on their page: when each
 * was added and last used, and a link to remove it (the page asks to confirm).
 */
export async function PasskeyTable({
  locale,
  passkeys,
  removeHref,
  text,
}: {
  locale: AppLocale;
  passkeys: Passkey[];
  removeHref: (id: string) => string;
  text: { columns: string[]; never: string; remove: string; removeNamed: (name: string) => string };
}) {
  const format = await getFormatter({ locale });
  const when = (date: Date) => <time dateTime={date.toISOString()}>{format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
  return (
    <DataTable columns={text.columns}>
      {passkeys.map((passkey) => (
        <tr key={passkey.id}>
          <td>{passkey.name}</td>
          <td>{when(passkey.createdAt)}</td>
          <td>{passkey.lastUsedAt ? when(passkey.lastUsedAt) : text.never}</td>
          <td>
            <a href={removeHref(passkey.id)} aria-label={text.removeNamed(passkey.name)}>
              {text.remove}
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
