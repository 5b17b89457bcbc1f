import { svg } from 'lit';
import { encode } from 'uqr';

/** A QR code of `text` as an inline SVG template (dark modules as one path; currentColor on a light quiet zone). */
export function qrCode(text: string, label: string) {
  const { data, size } = encode(text, { ecc: 'L', border: 2 });
  let d = '';
  data.forEach((row, y) => row.forEach((on, x) => { if (on) d += `M${x} ${y}h1v1h-1z`; }));
  return svg`<svg part="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"/><path d=${d} fill="#000"/></svg>`;
}
