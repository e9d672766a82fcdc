// "Nur anzeigen, wenn" for the registration questions of an event. The server decides what counts (a hidden
// question's answer is ignored and never required); this only hides questions whose condition is not met, so
// people are not asked what does not concern them. Without JavaScript every question stays visible.
(function () {
    'use strict';

    const form = document.querySelector('[data-registration-questions]');
    if (!form) {
        return;
    }

    // Razor writes data-* attributes even when empty; only those naming a question are conditions.
    const conditional = Array.from(form.querySelectorAll('[data-show-if]')).filter(q => q.getAttribute('data-show-if'));

    function isShown(element) {
        const wrapper = element.closest('.event-question');
        return !wrapper || !wrapper.hidden;
    }

    function update() {
        // Questions come in form order and conditions point only at earlier ones, so one pass settles chains.
        conditional.forEach(question => {
            const name = question.getAttribute('data-show-if');
            const answer = question.getAttribute('data-show-if-answer');
            const inputs = Array.from(form.querySelectorAll('[name="' + name + '"]'));
            const met = inputs.some(input => isShown(input) && input.checked && input.value === answer);
            question.hidden = !met;
            question.querySelectorAll('input, textarea, select').forEach(input => { input.disabled = !met; });
        });
    }

    form.addEventListener('change', update);
    update();
})();
