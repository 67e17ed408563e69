/**
 * GET /openapi.json, and /docs: a reference page drawn from it by Swagger UI, whose files are
 * served from here (swagger-ui-dist), so reading the docs fetches nothing from elsewhere.
 */
import path from 'node:path';
import express, { Router } from 'express';
import { apiDocument } from './api-document';

const swaggerUi = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const page = path.join(__dirname, 'docs-page');

function setDocsHeaders(res: express.Response): void {
  res.set({
    // Swagger UI sets style attributes as it draws, hence 'unsafe-inline' for styles only.
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  });
}

export function openApiRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(apiDocument());
  });
  router.use('/docs', (_req, res, next) => {
    setDocsHeaders(res);
    next();
  });
  router.get('/docs', (_req, res) => res.sendFile(path.join(page, 'index.html')));
  router.use('/docs/assets', express.static(page, { index: false, maxAge: '1h' }));
  router.use('/docs/swagger-ui', express.static(swaggerUi, { index: false, maxAge: '1h' }));
  return router;
}
