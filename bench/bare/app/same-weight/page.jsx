import { connection } from 'next/server';

// Rendered per request, like every page of Sésame: a form about the size of the sign-in form,
// whose country list is what makes most of its weight.
const COUNTRIES = Array.from({ length: 245 }, (_, index) => ({ code: `C${index}`, label: `Pays numéro ${index} +${100 + index}` }));

export default async function Page() {
  await connection();
  return (
    <main>
      <h1>Connexion</h1>
      <p>Saisissez votre adresse e-mail, votre nom d’utilisateur ou votre numéro de téléphone.</p>
      <form method="post" action="/">
        <input type="hidden" name="locale" value="fr" />
        <label htmlFor="identifier">Identifiant</label>
        <input id="identifier" name="identifier" autoComplete="username" required />
        <label htmlFor="region">Pays</label>
        <select id="region" name="region" defaultValue="C0">
          {COUNTRIES.map(({ code, label }) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit">Continuer</button>
      </form>
      <p>Rendu le {new Date().toISOString()}</p>
    </main>
  );
}
