/** Reads a QR code from the camera with the browser's BarcodeDetector (Chrome on Android, macOS, ChromeOS). */

interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> }
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | null {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector ?? null;
}

/** Whether this browser can scan (BarcodeDetector and a camera API); manual entry is always there. */
export function canScan(): boolean {
  return detectorClass() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export class ScanError extends Error {
  /** DENIED (camera permission refused), NO_CAMERA, or FAILED. */
  readonly reason: 'DENIED' | 'NO_CAMERA' | 'FAILED';
  constructor(reason: ScanError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Starts the camera into `video` and resolves with the first QR value seen; `signal` stops it.
 * The camera is always released when this settles.
 */
export async function scanQr(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const Detector = detectorClass();
  if (!Detector) throw new ScanError('FAILED', 'This browser cannot scan codes.');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    const name = (e as DOMException).name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new ScanError('DENIED', 'Camera access was not allowed. Type the code instead.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new ScanError('NO_CAMERA', 'No camera was found. Type the code instead.');
    throw new ScanError('FAILED', 'The camera could not be started. Type the code instead.');
  }
  try {
    video.srcObject = stream;
    video.muted = true;
    await video.play();
    const detector = new Detector({ formats: ['qr_code'] });
    while (!signal.aborted) {
      const found = await detector.detect(video).catch(() => [] as DetectedBarcode[]);
      if (found.length > 0 && found[0].rawValue) return found[0].rawValue;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new DOMException('Scanning was canceled.', 'AbortError');
  } finally {
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  }
}
