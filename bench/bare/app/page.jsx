import { connection } from 'next/server';

// The bare page the sign-in page is held to: what Next.js 16 sends and costs for a page rendered
// per request with one heading, one form, one field and one button, and nothing else.
export default async function Page() {
  await connection();
  return (
    <main>
      <h1>Connexion</h1>
      <form method="post" action="/">
        <label htmlFor="identifier">Identifiant</label>
        <input id="identifier" name="identifier" autoComplete="username" required />
        <button type="submit">Continuer</button>
      </form>
    </main>
  );
}
