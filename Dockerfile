# The Switchyard image: one image, the command picks the role (api, worker, migrate).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
# The launcher reinstalls when node_modules does not carry the lockfile's digest; record it so a
# container never installs at start-up.
RUN npm ci --omit=dev --no-audit --no-fund \
 && sha256sum package-lock.json | cut -d' ' -f1 > node_modules/.switchyard-lock-digest

COPY tsconfig.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities

USER node
ENTRYPOINT ["node", "src/launcher.mjs"]
CMD ["api"]
