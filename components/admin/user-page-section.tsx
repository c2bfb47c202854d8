import type { ReactNode } from 'react';

/**
 * One part of an account's admin page (access keys, passkeys, company identities): a heading the
 * page's links can jump to (`#id`), what the part is about, and the outcome of the last action
 * taken in it, announced to screen readers.
 */
export function UserPageSection({ id, title, intro, notice, children }: { id: string; title: string; intro: string; notice: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="stack" id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{intro}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {children}
    </section>
  );
}
