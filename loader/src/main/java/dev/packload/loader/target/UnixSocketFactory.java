package dev.packload.loader.target;

import com.mysql.cj.Session;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.SocketConnection;
import com.mysql.cj.protocol.SocketFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Connector/J over a Unix domain socket (the mysql client's {@code --socket}), which the driver has no transport for
 * of its own: Java 16's {@link UnixDomainSocketAddress} behind the {@link Socket} the driver reads and writes. The
 * socket file comes in Connector/J's {@code namedPipePath} property, the path property of its other non-TCP
 * transport. Like the mysql client, packload sends no TLS over a local socket ({@link Target} sets
 * {@code sslMode=DISABLED}); the driver's {@code socketTimeout} does not apply (packload sets none).
 */
public final class UnixSocketFactory implements SocketFactory {
    private Socket socket;

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Closeable> T connect(String host, int port, PropertySet props, int loginTimeout)
            throws IOException {
        String path = props.getStringProperty(PropertyKey.PATH).getValue();
        if (path == null || path.isEmpty()) {
            throw new SocketException("no socket file given");
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(Path.of(path)));
        } catch (IOException e) {
            channel.close();
            throw new SocketException("cannot connect to the socket " + path + ": " + e.getMessage());
        }
        socket = new ChannelSocket(channel);
        return (T) socket;
    }

    @Override
    public <T extends Closeable> T performTlsHandshake(SocketConnection connection, ServerSession session)
            throws IOException {
        throw new SocketException("packload sends no TLS over a Unix socket; use -h and -P for a TLS connection");
    }

    @Override
    public boolean isLocallyConnected(Session session) {
        return true;
    }

    /** The {@link Socket} face of a connected Unix-domain channel: its streams, and close. */
    private static final class ChannelSocket extends Socket {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        ChannelSocket(SocketChannel channel) {
            this.channel = channel;
            this.in = Channels.newInputStream(channel);
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public boolean isConnected() {
            return channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return !channel.isOpen();
        }

        @Override
        public void shutdownInput() throws IOException {
            channel.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        // TCP settings the driver may apply: they mean nothing on a Unix socket
        @Override
        public void setSoTimeout(int timeout) {
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public void setSendBufferSize(int size) {
        }

        @Override
        public void setReceiveBufferSize(int size) {
        }
    }
}
