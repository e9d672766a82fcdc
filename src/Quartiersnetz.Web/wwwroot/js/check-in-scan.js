// Reads a pass's QR code with the browser's own BarcodeDetector where it exists and sends the scan form with it.
// Without the API or a camera the section stays hidden and the typed code works as before.
(() => {
  const start = () => {
    const section = document.getElementById('camera');
    const form = document.getElementById('scan-form');
    const field = document.getElementById('Code');
    if (!section || !form || !field || !('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) {
      return;
    }

    section.hidden = false;
    const button = document.getElementById('camera-start');
    const video = document.getElementById('camera-video');
    const status = document.getElementById('camera-status');
    button.addEventListener('click', async () => {
      try {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        video.srcObject = stream;
        await video.play();
        button.disabled = true;
        const look = async () => {
          const codes = await detector.detect(video).catch(() => []);
          if (codes.length > 0) {
            stream.getTracks().forEach((t) => t.stop());
            field.value = codes[0].rawValue;
            form.requestSubmit();
            return;
          }

          requestAnimationFrame(look);
        };
        look();
      } catch {
        status.textContent = section.dataset.noCamera || 'Die Kamera ist nicht verfügbar. Bitte geben Sie den Code ein.';
      }
    });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
