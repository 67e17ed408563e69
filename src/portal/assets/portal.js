// The portal's only script, served from its own origin (CSP script-src 'self'). Two jobs:
// trade a portal link's token (in the URL fragment, which never reaches a server) for the
// session cookie, and ask before a form whose button is marked "confirm" does something
// that cannot be undone.
(function () {
  'use strict';

  function openLink(opener) {
    var status = document.getElementById('opener-status');
    var token = decodeURIComponent(location.hash.slice(1));
    // The token leaves the address bar (and history) before anything else happens.
    history.replaceState(null, '', location.pathname);
    if (!token) {
      status.textContent = 'This link is incomplete. Ask for a new one.';
      return;
    }
    fetch(opener.dataset.exchange, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token }),
    })
      .then(function (response) {
        if (response.ok) {
          location.replace(opener.dataset.next);
          return;
        }
        return response.json().then(function (answer) {
          status.textContent = (answer && answer.error && answer.error.message) || 'This link could not be opened.';
          status.className = 'error';
        });
      })
      .catch(function () {
        status.textContent = 'The portal could not be reached. Check your connection and reload.';
        status.className = 'error';
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var opener = document.getElementById('opener');
    if (opener) openLink(opener);

    document.addEventListener('submit', function (event) {
      var button = event.submitter;
      if (button && button.classList.contains('confirm') && !window.confirm(button.textContent.trim() + '? This cannot be undone.')) {
        event.preventDefault();
      }
    });
  });
})();
