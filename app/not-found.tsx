import Link from 'next/link';
import './globals.css';

// Reached only outside a locale (the proxy redirects or refuses everything else): both languages.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body>
        <main className="page">
          <h1>Page not found</h1>
          <p>
            <Link href="/en/login">Sign in</Link>
          </p>
          <h1 lang="fr">Page introuvable</h1>
          <p lang="fr">
            <Link href="/fr/login">Se connecter</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
