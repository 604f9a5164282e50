package dev.retort.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on the loopback interface between a JDBC client and PostgreSQL that counts
 * database round trips, whatever the tool: each time the client speaks after the server has
 * spoken (or first on a connection) is one round trip. Connection set-up counts too (startup
 * and authentication are round trips a tool pays). Used only for counting, never for timing.
 */
final class RoundTripProxy implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final String targetHost;

	private final int targetPort;

	private final AtomicLong roundTrips = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private volatile boolean closed;

	RoundTripProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread acceptor = new Thread(this::accept, "round-trip-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** Starts counting afresh. */
	void reset() {
		this.roundTrips.set(0);
		this.connections.set(0);
	}

	long roundTrips() {
		return this.roundTrips.get();
	}

	long connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.serverSocket.accept();
				Socket server = new Socket(this.targetHost, this.targetPort);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.connections.incrementAndGet();
				AtomicBoolean clientSpokeLast = new AtomicBoolean(false);
				pump(client, server, clientSpokeLast, true);
				pump(server, client, clientSpokeLast, false);
			}
			catch (IOException ex) {
				if (!this.closed) {
					System.err.println("round-trip proxy: " + ex.getMessage());
				}
			}
		}
	}

	private void pump(Socket from, Socket to, AtomicBoolean clientSpokeLast, boolean fromClient) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (fromClient) {
						if (clientSpokeLast.compareAndSet(false, true)) {
							this.roundTrips.incrementAndGet();
						}
					}
					else {
						clientSpokeLast.set(false);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The other side closed: the session is over.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "round-trip-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.serverSocket.close();
	}

}
