import { connection } from 'next/server';

// The bench's second yardstick: rendered per request, like every page of Sésame, with a form
// about the size of the sign-in form as it was, whose 245-country list made most of its weight
// (passed through the RSC payload and rendered as React elements). Against it, the figure says
// what the framework around a page of that weight costs; against the bare page (../page.jsx),
// what a person waits for.
const COUNTRIES = Array.from({ length: 245 }, (_, index) => ({ code: `C${index}`, label: `Pays numéro ${index} +${100 + index}` }));

export default async function Page() {
  await connection();
  return (
    <main>
      <h1>Connexion</h1>
      <p>Saisissez votre adresse e-mail, votre nom d’utilisateur ou votre numéro de téléphone.</p>
      <form method="post" action="/same-weight">
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
