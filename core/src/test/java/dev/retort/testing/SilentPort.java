package dev.retort.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port on the loopback address where no PostgreSQL answers, as a client meets one in
 * production, without root or a firewall rule:
 * <ul>
 * <li>{@link #dropping()}: a TCP connect never completes, as at a host whose firewall drops the
 * packets. A listening socket with a backlog of 1 that never accepts, its queue filled first,
 * ignores every further SYN;</li>
 * <li>{@link #accepting()}: the TCP connection opens and nothing ever answers on it, as a hung
 * server, a stuck pooler or a port-forward to nothing.</li>
 * </ul>
 * Closing it closes every connection it holds.
 */
public final class SilentPort implements AutoCloseable {

	private final ServerSocket server;

	/** The connections queued to fill the backlog, or those accepted: closed with the port. */
	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private SilentPort(int backlog) throws IOException {
		this.server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
	}

	/** A port where a TCP connect times out: its accept queue is full. */
	public static SilentPort dropping() throws IOException {
		SilentPort port = new SilentPort(1);
		try {
			port.fillAcceptQueue();
		}
		catch (IOException | RuntimeException ex) {
			port.close();
			throw ex;
		}
		return port;
	}

	/** A port that takes each connection and never reads from it nor writes to it. */
	public static SilentPort accepting() throws IOException {
		SilentPort port = new SilentPort(50);
		Thread acceptor = new Thread(() -> {
			while (!port.server.isClosed()) {
				try {
					port.held.add(port.server.accept());
				}
				catch (IOException closed) {
					return;
				}
			}
		}, "silent-port-" + port.port());
		acceptor.setDaemon(true);
		acceptor.start();
		return port;
	}

	/** @return the port's number */
	public int port() {
		return this.server.getLocalPort();
	}

	/** @return how many connections {@link #accepting()} took so far */
	public int accepted() {
		return this.held.size();
	}

	/** Connects until a connect no longer completes: the accept queue is full. */
	private void fillAcceptQueue() throws IOException {
		for (int attempt = 0; attempt < 16; attempt++) {
			Socket socket = new Socket();
			try {
				socket.connect(this.server.getLocalSocketAddress(), 200);
				this.held.add(socket);
			}
			catch (SocketTimeoutException full) {
				socket.close();
				return;
			}
		}
		throw new IllegalStateException("The accept queue of port " + port() + " never filled");
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.held) {
			socket.close();
		}
	}

}
