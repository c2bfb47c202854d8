import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Logs and metrics name a request by its route ("/[locale]/reset-password"), never by its
// address: addresses carry ids and tokens, and a metric label per address would grow without end.

interface ManifestRoute {
  page: string;
  regex: string;
}

export type RouteNamer = (pathname: string) => string;

/** Names from a build's routes manifest (`.next/routes-manifest.json`), in Next.js's matching order. */
export function routeNamer(routes: { staticRoutes: ManifestRoute[]; dynamicRoutes: ManifestRoute[] }, ownRoutes: readonly string[] = []): RouteNamer {
  const own = new Set(ownRoutes);
  const statics = new Map(routes.staticRoutes.map((route) => [route.page, route.page]));
  const dynamics = routes.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (own.has(pathname)) return pathname;
    if (pathname.startsWith('/_next/')) return pathname.startsWith('/_next/static/') ? '/_next/static' : '/_next';
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const exact = statics.get(trimmed);
    if (exact) return exact;
    // Files of public/ (the logo, the favicon) are served by name.
    if (/\.[a-z0-9]+$/i.test(trimmed)) return 'static file';
    return dynamics.find((route) => route.regex.test(pathname))?.page ?? 'unmatched';
  };
}

/** The namer of the build in `dir`; before a build exists (development), every page is "page". */
export function routeNamerFor(dir: string, ownRoutes: readonly string[]): RouteNamer {
  try {
    return routeNamer(JSON.parse(readFileSync(path.join(dir, '.next/routes-manifest.json'), 'utf8')), ownRoutes);
  } catch {
    return (pathname) => (ownRoutes.includes(pathname) ? pathname : pathname.startsWith('/_next/') ? '/_next' : 'page');
  }
}
