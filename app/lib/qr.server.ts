import QRCode from "qrcode";

export const qrDataUrl = (text: string) => QRCode.toDataURL(text, { margin: 1, width: 220 });
