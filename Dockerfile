# Sésame's image: the standalone build of the site, its compiled server, email worker, command
# line and migrations, run by Node.js as an unprivileged user. Nothing is built at start.
#   docker build -t sesame .
#   docker run -e DATABASE_URL=… -e APP_URL=https://… -e AUTH_SECRET=… -e TOTP_ENCRYPTION_KEY=… -e RESEND_API_KEY=… -e EMAIL_FROM=… -p 3000:3000 sesame
# The same image runs the worker (node dist/worker.mjs), the migrations (node dist/migrate.mjs)
# and the command line (node dist/sesame.mjs help). README "Deploying" says more.

FROM node:22-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The stack runs without install scripts (the project's npm holds them back as well). Not
# `npm ci`: npm 11 leaves some optional platform packages out of the lock, which npm ci then
# refuses (.ci/run installs the same way); the lock still pins every version.
RUN npm install --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
# Only what the build assembled: Next.js's traced server and the packages it loads, the static
# files, public/, the migrations and dist/. Owned by root, so the server cannot change its code;
# it writes only Next.js's cache and, without DATABASE_URL, the embedded database in /data.
COPY --from=build /src/.next/standalone ./
RUN mkdir -p /app/.next/cache /data && chown node:node /app/.next/cache /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node's flags for the server: scripts/runtime/server-node-flags.mjs says why.
CMD ["node", "--max-semi-space-size=64", "dist/server.mjs"]
