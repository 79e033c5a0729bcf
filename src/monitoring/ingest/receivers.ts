import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { FrameDecoder } from './framing';
import type { IngestPipeline } from './pipeline';
import { emptyStats, type ReceiverStats, registerStats } from './stats';

export type Receiver = { port: number; stats: ReceiverStats; close(): Promise<void> };

export type StreamOptions = {
  host: string;
  port: number;
  pipeline: IngestPipeline;
  maxFrame?: number;
  /** TLS (RFC 5425) when given: PEM key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
};

/**
 * Syslog over TCP or TLS. Backpressure instead of loss: while the pipeline holds more than its high
 * water mark of events not yet durable, every socket stops reading (the sender's TCP window fills
 * and it waits); reading resumes when a batch is stored.
 */
export async function startStreamReceiver(options: StreamOptions): Promise<Receiver> {
  const transport = options.tls ? 'tls' : 'tcp';
  const stats = emptyStats(transport, `${options.host}:${options.port}`);
  const sockets = new Set<net.Socket>();
  const paused = new Set<net.Socket>();
  const { pipeline } = options;
  const onDrain = () => {
    if (pipeline.overloaded) return;
    for (const socket of paused) socket.resume();
    paused.clear();
  };
  pipeline.on('drain', onDrain);

  const handle = (socket: net.Socket) => {
    stats.connections++;
    sockets.add(socket);
    const decoder = new FrameDecoder(options.maxFrame);
    const sender = socket.remoteAddress ?? '';
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        if (frame.oversize) stats.oversize++;
        pipeline.submit(frame.bytes, sender, transport, stats);
      }
      if (pipeline.overloaded && !paused.has(socket)) {
        socket.pause();
        paused.add(socket);
        stats.pausedTimes++;
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      paused.delete(socket);
    });
  };
  const server = options.tls
    ? tls.createServer({ key: options.tls.key, cert: options.tls.cert, minVersion: 'TLSv1.2' }, handle)
    : net.createServer(handle);
  // A failed handshake is the client's problem, not the receiver's.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  stats.address = `${options.host}:${port}`;
  const unregister = registerStats(stats);
  return {
    port,
    stats,
    async close() {
      pipeline.off('drain', onDrain);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      unregister();
    },
  };
}

export type DatagramOptions = {
  host: string;
  port: number;
  pipeline: IngestPipeline;
  receiveBuffer?: number;
};

/**
 * Syslog over UDP (RFC 5426): one message per datagram. UDP has no backpressure: when the pipeline
 * is overloaded the datagram is dropped and counted; the kernel's own drops show in the stats route
 * (`RcvbufErrors` of /proc/net/snmp).
 */
export async function startDatagramReceiver(options: DatagramOptions): Promise<Receiver> {
  const type = options.host.includes(':') ? 'udp6' : 'udp4';
  const socket = dgram.createSocket({ type, recvBufferSize: options.receiveBuffer ?? 8 * 1024 * 1024 });
  const stats = emptyStats('udp', `${options.host}:${options.port}`);
  socket.on('message', (msg, rinfo) => {
    if (options.pipeline.overloaded) {
      stats.received++;
      stats.dropped++;
      return;
    }
    options.pipeline.submit(msg, rinfo.address, 'udp', stats);
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => resolve());
  });
  const port = socket.address().port;
  stats.address = `${options.host}:${port}`;
  const unregister = registerStats(stats);
  return {
    port,
    stats,
    async close() {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      unregister();
    },
  };
}
