import net from 'node:net';

/**
 * Sends bytes exactly as written (no client library tidying them up) and returns the status line,
 * or null when the host closed without answering.
 */
export function rawRequest(port: number, request: string, timeoutMs = 5_000): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms to:\n${request}`));
    }, timeoutMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received ? (received.split('\r\n')[0] ?? null) : null);
    });
    // The request should say `Connection: close` where it can; otherwise the first answer is enough.
    socket.on('data', () => {
      if (received.includes('\r\n\r\n')) socket.end();
    });
    socket.write(request);
  });
}
