/**
 * WebSocket close code the browser host uses when the page's access token is wrong (typically
 * a page left open across a server restart): reconnecting cannot help, opening the new URL can.
 */
export const tokenRefusedCloseCode = 4401;
