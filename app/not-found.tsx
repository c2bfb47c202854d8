/**
 * The root segment's not-found, reached only for a first segment that is no language and that
 * the proxy lets through (one with a dot in it): app/global-not-found.tsx serves every other
 * unknown address, in its language. Empty on purpose: Next.js puts a segment's not-found element
 * in the payload of every page under it, and its own default, a styled English page, was 1.3 KB
 * of each page's HTML. The root layout has no document of its own, so Next.js answers such an
 * address with its bare error document and a 404 either way.
 */
export default function RootNotFound() {
  return null;
}
