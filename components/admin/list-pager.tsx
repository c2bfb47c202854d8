/**
 * The links between the pages of an admin list, plain links that work without JavaScript. Lists
 * page by cursor, so there is no page number to show: the first page, the previous and the next.
 */
export function ListPager({ label, links }: { label: string; links: Array<{ href: string; text: string; rel?: 'prev' | 'next' } | null> }) {
  const shown = links.filter((link) => link !== null);
  if (shown.length === 0) return null;
  return (
    <nav aria-label={label} className="actions">
      {shown.map((link) => (
        <a key={link.text} href={link.href} rel={link.rel}>
          {link.text}
        </a>
      ))}
    </nav>
  );
}
