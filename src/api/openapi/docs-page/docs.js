// Draws the reference from /openapi.json. validatorUrl: null keeps Swagger UI from sending the
// document to its public validator; nothing on this page talks to anyone but this server.
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    onComplete: function () {
      document.getElementById('reference').setAttribute('aria-busy', 'false');
    },
  });
});
