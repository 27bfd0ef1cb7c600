# Signet's service image: the same build the README's commands use.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY . .
RUN npm ci --no-audit --no-fund && npm run build
ENV HOST=0.0.0.0 PORT=3000 SIGNET_DATA_DIR=/data
EXPOSE 3000
CMD ["node", "dist/apps/registry/src/main.js"]
