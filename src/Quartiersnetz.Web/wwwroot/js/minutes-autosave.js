// Autosave of the minutes editor: every 30 seconds, when the text changed, posts it with the revision it started from
// to the same conflict check as the save button. A conflict stops autosaving and says so; the button then shows both
// texts. Without JavaScript the button alone saves.
(function () {
    'use strict';

    const form = document.querySelector('form[data-minutes-autosave="on"]');
    if (!form) {
        return;
    }

    const text = form.querySelector('textarea[name="Input.Text"]');
    const base = form.querySelector('input[name="Input.BaseRevision"]');
    const status = document.getElementById('minutes-autosave-status');
    const token = form.querySelector('input[name="__RequestVerificationToken"]');
    let saved = text.value;
    let stopped = false;
    let busy = false;

    async function autosave() {
        if (stopped || busy || text.value === saved || text.value.trim() === '') {
            return;
        }

        busy = true;
        const sent = text.value;
        const body = new URLSearchParams();
        body.set('Input.Text', sent);
        body.set('Input.BaseRevision', base.value);
        body.set('__RequestVerificationToken', token.value);
        try {
            const response = await fetch(form.getAttribute('data-autosave-url'), {
                method: 'POST',
                body: body,
                credentials: 'same-origin',
                headers: { 'Accept': 'application/json' },
            });
            const answer = await response.json();
            status.textContent = answer.message;
            if (response.ok) {
                base.value = answer.revision;
                saved = sent;
            } else if (response.status === 409) {
                stopped = true;
            }
        } catch (e) {
            status.textContent = status.getAttribute('data-offline') || '';
        } finally {
            busy = false;
        }
    }

    form.addEventListener('submit', function () { stopped = true; });
    window.setInterval(autosave, Number(form.getAttribute('data-autosave-ms')) || 30000);
})();
