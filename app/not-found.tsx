import './globals.css';

// Reached only outside a locale (the proxy redirects or refuses everything else): both languages.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body>
        <main className="page">
          <h1>Page not found</h1>
          <p>
            <a href="/en/login">Sign in</a>
          </p>
          <h1 lang="fr">Page introuvable</h1>
          <p lang="fr">
            <a href="/fr/login">Se connecter</a>
          </p>
        </main>
      </body>
    </html>
  );
}
