// Passkeys (WebAuthn) for the sign-in and security pages. Without JavaScript or passkey support the
// forms stay hidden and the password route works as before. The server makes the options and checks the
// answers (ASP.NET Core Identity); this file only passes them between the page and the authenticator.
(function () {
    'use strict';

    if (!window.PublicKeyCredential || !navigator.credentials) {
        return;
    }

    function toBytes(base64url) {
        const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
        const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
        return Uint8Array.from(atob(padded), c => c.charCodeAt(0)).buffer;
    }

    function toBase64url(buffer) {
        const bytes = new Uint8Array(buffer);
        let text = '';
        bytes.forEach(b => { text += String.fromCharCode(b); });
        return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function creationOptions(json) {
        if (PublicKeyCredential.parseCreationOptionsFromJSON) {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        const options = Object.assign({}, json);
        options.challenge = toBytes(json.challenge);
        options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
        options.excludeCredentials = (json.excludeCredentials || []).map(c => Object.assign({}, c, { id: toBytes(c.id) }));
        return options;
    }

    function requestOptions(json) {
        if (PublicKeyCredential.parseRequestOptionsFromJSON) {
            return PublicKeyCredential.parseRequestOptionsFromJSON(json);
        }
        const options = Object.assign({}, json);
        options.challenge = toBytes(json.challenge);
        options.allowCredentials = (json.allowCredentials || []).map(c => Object.assign({}, c, { id: toBytes(c.id) }));
        return options;
    }

    function credentialJson(credential) {
        if (typeof credential.toJSON === 'function') {
            return JSON.stringify(credential.toJSON());
        }
        const response = {};
        ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle'].forEach(name => {
            if (credential.response[name]) {
                response[name] = toBase64url(credential.response[name]);
            }
        });
        if (typeof credential.response.getTransports === 'function') {
            response.transports = credential.response.getTransports();
        }
        return JSON.stringify({
            id: credential.id,
            rawId: toBase64url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment,
            clientExtensionResults: credential.getClientExtensionResults(),
            response: response,
        });
    }

    async function fetchOptions(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
        const answer = await fetch(form.dataset.optionsUrl, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'RequestVerificationToken': token },
        });
        if (!answer.ok) {
            throw new Error('options ' + answer.status);
        }
        return answer.json();
    }

    function wire(form, ceremony, field) {
        const error = form.querySelector('[data-passkey-error]');
        form.hidden = false;
        form.querySelector('[data-passkey-start]').addEventListener('click', async () => {
            error.hidden = true;
            try {
                if (form.dataset.passkeyRegister !== undefined && !form.reportValidity()) {
                    return;
                }
                const options = await fetchOptions(form);
                const credential = await ceremony(options);
                form.querySelector(`input[name="${field}"]`).value = credentialJson(credential);
                form.submit();
            } catch (e) {
                error.hidden = false;
            }
        });
    }

    document.querySelectorAll('[data-passkey-needs-script]').forEach(note => { note.hidden = true; });
    document.querySelectorAll('form[data-passkey-signin]').forEach(form =>
        wire(form, options => navigator.credentials.get({ publicKey: requestOptions(options) }), 'PasskeyCredential'));
    document.querySelectorAll('form[data-passkey-register]').forEach(form =>
        wire(form, options => navigator.credentials.create({ publicKey: creationOptions(options) }), 'Input.Credential'));
}());
