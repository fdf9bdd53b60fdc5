package org.relais.app.http.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.relais.core.api.ErrorCode;
import org.relais.app.http.problem.ProblemWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything parses it, and keeps the API's bodies for the idempotency check.
 *
 * <p>A declared {@code Content-Length} above the limit is refused at once, unread. An API body is then read into
 * memory up to one byte past the limit, which also bounds a chunked stream that declares no length; the request
 * continues with the buffered bytes, and the same bytes are hashed to match an {@code Idempotency-Key} against
 * exactly what was sent. Other paths (the login form) keep their stream and are bounded by Tomcat's form size.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    private final ProblemWriter problems;
    private final long maxBodySize;

    RequestBodyFilter(ProblemWriter problems, long maxBodySize) {
        this.problems = problems;
        this.maxBodySize = maxBodySize;
    }

    /** The body of an API request as it was received (empty when it had none). */
    public static byte[] bodyOf(HttpServletRequest request) {
        return Optional.ofNullable((byte[]) request.getAttribute(BODY)).orElse(new byte[0]);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodySize) {
            tooLarge(request, response);
            return;
        }
        boolean mayHaveBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!mayHaveBody || !isApi(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), maxBodySize + 1);
        } catch (IOException unreadable) {
            problems.write(request, response, ErrorCode.MALFORMED_REQUEST, "body");
            return;
        }
        if (body.length > maxBodySize) {
            tooLarge(request, response);
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The rest of the body is not read: tell the client the connection ends here.
        response.setHeader("Connection", "close");
        problems.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, null, maxBodySize);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
            out.write(buffer, 0, read);
            total += read;
        }
        return out.toByteArray();
    }

    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknownCharset) {
                // keep UTF-8, the only encoding of JSON (RFC 8259)
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
