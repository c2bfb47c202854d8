/**
 * Module hooks for the command-line scripts. `server-only` guards lib/ against being bundled
 * into the browser, and throws in any Node process that is not a React Server Components
 * build; the scripts are Node processes by design, so for them it is an empty module. They
 * must not run under the react-server condition instead: under it `react-dom/server` refuses
 * to load, and the worker renders emails with it.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {};', shortCircuit: true };
  return nextResolve(specifier, context);
}
