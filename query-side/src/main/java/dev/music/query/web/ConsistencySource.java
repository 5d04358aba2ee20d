package dev.music.query.web;

import dev.music.query.QuerySide;
import dev.music.query.ReadRouter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@code X-Consistency-Source} as it stands once the answer is read, just before it is written:
 * {@link ReadYourWrites} names the replica it found caught up, but should that replica fail
 * under the read, the primary answers instead.
 */
@ConditionalOnExpression(QuerySide.ENABLED)
@ControllerAdvice
class ConsistencySource implements ResponseBodyAdvice<Object> {

    private final ReadRouter reads;

    ConsistencySource(ReadRouter reads) {
        this.reads = reads;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (response.getHeaders().containsHeader(ReadYourWrites.SOURCE)) {
            response.getHeaders().set(ReadYourWrites.SOURCE, reads.readsReplica() ? "replica" : "primary");
        }
        return body;
    }
}
