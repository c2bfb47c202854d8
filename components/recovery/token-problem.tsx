import { getTranslations } from 'next-intl/server';
import type { TokenProblem } from '@/lib/auth/token-state';

/** Why a link does not work, and the one thing to do about it. */
export async function TokenProblemCard({
  problem,
  action,
  children,
}: {
  problem: TokenProblem;
  action?: { href: string; label: string };
  children?: React.ReactNode;
}) {
  const t = await getTranslations('Recovery.tokenProblems');
  return (
    <section className="card" aria-labelledby="problem-title">
      <h1 id="problem-title">{t(`${problem}Title`)}</h1>
      <p>{t(problem)}</p>
      {children}
      {action && (
        <p>
          <a href={action.href}>{action.label}</a>
        </p>
      )}
    </section>
  );
}
