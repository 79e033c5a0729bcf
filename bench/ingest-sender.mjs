// Sends a file of LF-framed syslog lines over TCP as fast as the receiver reads them (backpressure
// respected), then closes. Prints the seconds spent writing. Loopback only: host is fixed.
import fs from 'node:fs';
import net from 'node:net';

const [file, port, repeat = '1'] = process.argv.slice(2);
const data = fs.readFileSync(file);
const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
socket.on('connect', async () => {
  const start = performance.now();
  for (let i = 0; i < Number(repeat); i++) {
    if (!socket.write(data)) await new Promise((r) => socket.once('drain', r));
  }
  socket.end(() => {
    process.stdout.write(`${((performance.now() - start) / 1000).toFixed(3)}\n`);
  });
});
socket.on('error', (e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
});
