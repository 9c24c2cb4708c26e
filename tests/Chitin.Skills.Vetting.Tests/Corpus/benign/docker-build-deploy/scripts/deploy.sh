#!/usr/bin/env bash
set -euo pipefail
: "${REGISTRY:?set REGISTRY}"
: "${SERVICE:?set SERVICE}"
TAG="$(git rev-parse --short HEAD)"
rm -rf ./dist
npm ci
npm run build
docker build -t "$REGISTRY/$SERVICE:$TAG" .
docker push "$REGISTRY/$SERVICE:$TAG"
docker compose up -d
for i in $(seq 1 30); do
  if curl -fsS http://localhost:8080/healthz >/dev/null; then echo "healthy"; exit 0; fi
  sleep 2
done
echo "service did not become healthy" >&2
exit 1
