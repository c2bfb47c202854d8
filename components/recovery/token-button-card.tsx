import type { ReactNode } from 'react';

/**
 * The page an emailed link opens: mail scanners open links too, so the page only explains and
 * shows a button, and the button's POST is what spends the token.
 */
export function TokenButtonCard({
  title,
  intro,
  locale,
  token,
  action,
  submit,
  children,
}: {
  title: string;
  intro: string;
  locale: string;
  token: string;
  action: (form: FormData) => Promise<void>;
  submit: string;
  children?: ReactNode;
}) {
  return (
    <section className="card">
      <h1>{title}</h1>
      <p>{intro}</p>
      {children}
      <form action={action} className="stack">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">{submit}</button>
      </form>
    </section>
  );
}
